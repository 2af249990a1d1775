import { SDK_GLOBAL_FUNCTIONS, SDK_GLOBALS, SDK_MODULES, type SdkExport, type SdkFlavour } from './sdks.js';
import { CodeProgram, hasModifier, isFunctionLike, NodeCache, ts, type Binding, type ExportTarget, type FunctionLike } from './program.js';
import { calleeName, enclosingClass, enclosingFunction, functionNameOf, hasStatic, jsxAttribute, memberType, nameOf, objectProperty, propertyNameText, shortText, unwrap } from './syntax.js';

/**
 * What an expression stands for, as far as static reading can tell. This is a small abstract
 * interpreter over the parsed files: enough to follow SDK instances through aliases, imports and
 * factories, event names through constants, and helpers through hooks and classes.
 */
export type Value =
  | { kind: 'unknown' }
  | { kind: 'string'; value: string; via?: string; node: ts.Node; container?: ts.ObjectLiteralExpression | ts.EnumDeclaration }
  | { kind: 'strings'; values: string[] }
  | { kind: 'sdk'; flavour: SdkFlavour; namespace?: string }
  | { kind: 'sdk-export'; exp: SdkExport }
  | { kind: 'function'; fn: FunctionLike; name: string }
  | { kind: 'object'; node: ts.ObjectLiteralExpression; name: string }
  | { kind: 'enum'; node: ts.EnumDeclaration }
  | { kind: 'class'; node: ts.ClassDeclaration | ts.ClassExpression }
  | { kind: 'instance'; node: ts.ClassDeclaration | ts.ClassExpression }
  | { kind: 'module'; file: string }
  /** A whole SDK package, as `require('mixpanel')` or `await import('posthog-js')` give it. */
  | { kind: 'sdk-module'; module: string }
  /** A member declared with an object type (`private deps: { tracker: ITracker }`): its members by their declared types. */
  | { kind: 'shape'; type: ts.TypeLiteralNode }
  /** An instance wrapped by a package's function (`ok(tracker)`, `Promise.resolve(client)`): `.value` gives it back. */
  | { kind: 'boxed'; inner: Value }
  /** What react-tracking's `useTracking()` returns: `trackEvent` is the configured dispatch. */
  | { kind: 'dispatching' }
  /** A parameter of `fn`, or a member of it; `omit`: keys a rest pattern (`{ event, ...rest }`) left out. */
  | { kind: 'param'; fn: FunctionLike; index: number; path: string[]; omit?: string[] };

export const UNKNOWN: Value = { kind: 'unknown' };

/**
 * The evaluation layer: what an expression stands for (SDK instances through aliases, imports,
 * factories, hooks, classes and their fields; event names through constants). The call layer
 * (calls.ts) and wrapper inference (wrappers.ts) build on it; nothing here knows about either.
 */
export class Evaluator {
  /** Expressions being evaluated, innermost last: a short stack, cheaper to search than to hash into a set. */
  private readonly evaluating: ts.Node[] = [];

  constructor(readonly program: CodeProgram) {
    this.values = program.nodeCache();
    this.passed = program.nodeCache();
    this.memberIndex = program.nodeCache();
    this.assignments = program.nodeCache();
    this.assigned = program.nodeCache();
    this.declAssignments = program.nodeCache();
  }

  private readonly values: NodeCache<Value>;
  /** Set when a cycle guard answered `unknown`: results computed under it are not remembered. */
  private sawCycle = false;

  /**
   * What `expr` stands for. Pure in the syntax tree: results not cut short by a cycle are memoised,
   * except for literals, object and function expressions and names, which are cheaper to answer again.
   */
  evaluate(expr: ts.Expression | undefined): Value {
    if (!expr) return UNKNOWN;
    // Literals and function or object expressions answer for themselves: not worth a memo entry
    // (the memo's bookkeeping costs more than they do).
    const evident = selfEvident(expr);
    if (evident) return evident;
    // A name is resolved through memoised scopes and declarations: remembering its own answer
    // costs more than finding it again.
    const remember = expr.kind !== ts.SyntaxKind.Identifier;
    const known = remember ? this.values.get(expr) : undefined;
    if (known) return known;
    if (this.evaluating.length > 60 || this.evaluating.includes(expr)) {
      this.sawCycle = true;
      return UNKNOWN;
    }
    const outer = this.sawCycle;
    this.sawCycle = false;
    this.evaluating.push(expr);
    try {
      const value = this.evaluateInner(expr);
      if (remember && !this.sawCycle) this.values.set(expr, value);
      return value;
    } finally {
      this.evaluating.pop();
      this.sawCycle ||= outer;
    }
  }

  private evaluateInner(expr: ts.Expression): Value {
    const e = unwrap(expr);
    const evident = selfEvident(e);
    if (evident) return evident;
    // The kinds are exclusive; names and member accesses, the most frequent, are tried first.
    if (ts.isIdentifier(e)) return this.identifier(e);
    if (ts.isPropertyAccessExpression(e)) {
      const target = unwrap(e.expression);
      if (ts.isIdentifier(target) && GLOBAL_OBJECTS.has(target.text) && !this.program.resolve(target.text, target)) {
        const flavour = own(SDK_GLOBALS, e.name.text);
        return flavour ? { kind: 'sdk', flavour } : UNKNOWN;
      }
      return this.member(this.evaluate(e.expression), e.name.text);
    }
    if (ts.isCallExpression(e)) return this.moduleCall(e) ?? this.callResult(e);
    if (ts.isTemplateExpression(e)) {
      let texts = [e.head.text];
      for (const span of e.templateSpans) {
        texts = joined(texts, strings(this.evaluate(span.expression)), span.literal.text);
        if (texts.length === 0) return UNKNOWN;
      }
      return texts.length === 1 ? { kind: 'string', value: texts[0] ?? '', node: e } : { kind: 'strings', values: texts };
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      // `(isTask ? 'task' : 'note') + '_created'`: every combination, while there are few.
      const texts = joined(strings(this.evaluate(e.left)), strings(this.evaluate(e.right)), '');
      if (texts.length === 0) return UNKNOWN;
      return texts.length === 1 ? { kind: 'string', value: texts[0] ?? '', node: e } : { kind: 'strings', values: texts };
    }
    if (ts.isConditionalExpression(e)) {
      const whenTrue = this.evaluate(e.whenTrue);
      const whenFalse = this.evaluate(e.whenFalse);
      const values = [...strings(whenTrue), ...strings(whenFalse)];
      if (values.length >= 2 && strings(whenTrue).length && strings(whenFalse).length) return { kind: 'strings', values: [...new Set(values)] };
      // `key ? new PostHog(key) : undefined`: an instance or nothing.
      return instanceOrNothing(whenTrue, e.whenFalse) ?? instanceOrNothing(whenFalse, e.whenTrue) ?? UNKNOWN;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        // `globalForPostHog.client ?? new PostHog(key)`, `window.analytics || stub`.
        // A known left side is the value; a fallback name (`name || 'unknown'`) does not make a
        // dynamic event name known.
        const left = this.evaluate(e.left);
        if (left.kind !== 'unknown') return left;
        const right = this.evaluate(e.right);
        return isHandle(right) ? right : UNKNOWN;
      }
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
        const right = this.evaluate(e.right);
        return isHandle(right) ? right : UNKNOWN;
      }
    }
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(e);
      return cls ? { kind: 'instance', node: cls } : UNKNOWN;
    }
    if (ts.isElementAccessExpression(e)) {
      const key = this.evaluate(e.argumentExpression);
      return key.kind === 'string' ? this.member(this.evaluate(e.expression), key.value) : UNKNOWN;
    }
    if (ts.isNewExpression(e)) {
      let callee = this.evaluate(e.expression);
      if (callee.kind === 'sdk-module') callee = this.importValue(callee.module, 'default', '');
      if (callee.kind === 'sdk-export' && callee.exp.kind === 'class') return { kind: 'sdk', flavour: callee.exp.flavour };
      if (callee.kind === 'class') return { kind: 'instance', node: callee.node };
      return UNKNOWN;
    }
    if (ts.isAwaitExpression(e)) return this.evaluate(e.expression);
    if (ts.isClassExpression(e)) return { kind: 'class', node: e };
    return UNKNOWN;
  }

  protected identifier(id: ts.Identifier): Value {
    if (id.text === 'undefined') return UNKNOWN;
    const binding = this.program.resolve(id.text, id);
    if (!binding) {
      const flavour = own(SDK_GLOBALS, id.text);
      if (flavour) return { kind: 'sdk', flavour };
      const fn = own(SDK_GLOBAL_FUNCTIONS, id.text);
      return fn ? { kind: 'sdk-export', exp: { kind: 'function', flavour: fn.flavour, method: fn.method } } : UNKNOWN;
    }
    return this.bindingValue(binding, this.program.fileName(id));
  }

  bindingValue(binding: Binding, file: string): Value {
    switch (binding.kind) {
      case 'variable': {
        // `let client: PostHog | null = null`, set later (`client = new PostHog(key)` in an init function).
        let value = binding.decl.initializer ? this.evaluate(binding.decl.initializer) : UNKNOWN;
        if (value.kind === 'unknown') value = this.typeValue(binding.decl.type);
        if (value.kind === 'unknown' && binding.path.length === 0) value = this.assignedValue(binding.decl);
        // `const [client, setClient] = useState<AnalyticsBrowser>()`: the state has the declared type.
        if (value.kind === 'unknown' && binding.path.length === 1 && binding.path[0] === '0') return this.stateType(binding.decl.initializer);
        for (const key of binding.path) value = this.member(value, key);
        // `const { event, ...rest } = args`: the rest of a parameter, less the keys taken off it.
        if (binding.omit && value.kind === 'param') return { ...value, omit: binding.omit };
        return value;
      }
      case 'function':
        return { kind: 'function', fn: binding.decl, name: binding.decl.name?.text ?? 'default' };
      case 'class':
        return { kind: 'class', node: binding.decl };
      case 'enum':
        return { kind: 'enum', node: binding.decl };
      case 'self':
        return ts.isFunctionExpression(binding.fn) ? { kind: 'function', fn: binding.fn, name: binding.fn.name?.text ?? 'anonymous' } : { kind: 'class', node: binding.fn };
      case 'parameter': {
        // `({ posthog }: { posthog: PostHog })`: the member's declared type, for a destructured one.
        const typed = this.typeValue(binding.path.length === 0 ? binding.decl.type : memberType(binding.decl.type, binding.path));
        if (typed.kind !== 'unknown') return typed;
        const loaded = this.thenOfImport(binding);
        if (loaded) {
          let value = loaded;
          for (const key of binding.path) value = this.member(value, key);
          return value;
        }
        return { kind: 'param', fn: binding.fn, index: binding.index, path: binding.path, ...(binding.omit ? { omit: binding.omit } : {}) };
      }
      case 'import':
        return this.importValue(binding.module, binding.name, file);
    }
  }

  private importValue(module: string, name: string, file: string): Value {
    const sdk = own(SDK_MODULES, module);
    if (sdk) {
      const exp = own(sdk.exports, name) ?? (name === '*' ? own(sdk.exports, 'default') : undefined);
      if (!exp && name === '*') return { kind: 'sdk-module', module };
      if (!exp) return UNKNOWN;
      return exp.kind === 'instance' ? { kind: 'sdk', flavour: exp.flavour } : { kind: 'sdk-export', exp };
    }
    const target = this.program.resolveModule(file, module);
    if (target) return name === '*' ? { kind: 'module', file: target } : this.exported(target, name);
    const inferred = this.program.inferredModule(file, module, name);
    if (!inferred) return UNKNOWN;
    this.inferredImports.add(`${file}\u0000${module}\u0000${name}`);
    return this.exported(inferred, name);
  }

  /** Imports answered by inferred resolution (`file`, module, name), so calls through them say so. */
  private readonly inferredImports = new Set<string>();

  /** Whether the callee's root name is an import answered by inferred resolution. */
  protected throughInferredImport(callee: ts.Expression): boolean {
    if (this.inferredImports.size === 0) return false;
    let root = unwrap(callee);
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
    if (!ts.isIdentifier(root)) return false;
    const binding = this.program.resolve(root.text, root);
    return binding?.kind === 'import' && this.inferredImports.has(`${this.program.fileName(root)}\u0000${binding.module}\u0000${binding.name}`);
  }

  private readonly exports = new Map<string, Value>();

  /** What a module exports under `name`, memoised: every file that imports a helper asks again. */
  exported(file: string, name: string): Value {
    const key = `${file}#${name}`;
    const known = this.exports.get(key);
    if (known) return known;
    const outer = this.sawCycle;
    this.sawCycle = false;
    const value = this.exportValue(file, name, new Set());
    if (!this.sawCycle) this.exports.set(key, value);
    this.sawCycle ||= outer;
    return value;
  }

  private exportValue(file: string, name: string, seen: Set<string>): Value {
    const key = `${file}#${name}`;
    if (seen.has(key)) return UNKNOWN;
    seen.add(key);
    const target: ExportTarget | undefined = this.program.exportsOf(file).get(name);
    if (target) {
      switch (target.kind) {
        case 'binding':
          return this.bindingValue(target.binding, file);
        case 'expression':
          return this.evaluate(target.expr);
        case 'reexport': {
          const sdk = own(SDK_MODULES, target.module);
          if (sdk) return this.importValue(target.module, target.name, file);
          const next = this.program.resolveModule(file, target.module);
          return next ? this.exportValue(next, target.name, seen) : UNKNOWN;
        }
        case 'namespace': {
          const next = this.program.resolveModule(file, target.module);
          return next ? { kind: 'module', file: next } : UNKNOWN;
        }
      }
    }
    for (const module of this.program.starExportsOf(file)) {
      const next = this.program.resolveModule(file, module);
      if (!next) continue;
      const value = this.exportValue(next, name, seen);
      if (value.kind !== 'unknown') return value;
    }
    return UNKNOWN;
  }

  /** A declared type that names an SDK class or one of the repository's classes (dependency injection). */
  typeValue(type: ts.TypeNode | undefined, depth = 0): Value {
    if (!type || depth > 8) return UNKNOWN;
    if (ts.isParenthesizedTypeNode(type)) return this.typeValue(type.type, depth + 1);
    // `PostHog | null`, `Analytics | undefined`: the one type that is not empty.
    if (ts.isUnionTypeNode(type)) {
      for (const member of type.types) {
        const value = this.typeValue(member, depth + 1);
        if (value.kind !== 'unknown') return value;
      }
      return UNKNOWN;
    }
    if (!ts.isTypeReferenceNode(type)) return UNKNOWN;
    const typeName = type.typeName;
    // `ReturnType<typeof telemetryServiceFactory>`, `Awaited<ReturnType<…>>`.
    if (ts.isIdentifier(typeName) && (typeName.text === 'ReturnType' || typeName.text === 'Awaited') && type.typeArguments?.[0]) {
      const arg = type.typeArguments[0];
      if (typeName.text === 'Awaited') return this.typeValue(arg, depth + 1);
      if (ts.isTypeQueryNode(arg) && ts.isIdentifier(arg.exprName)) {
        const fn = this.identifier(arg.exprName);
        return fn.kind === 'function' ? this.returnValue(fn.fn) : UNKNOWN;
      }
      return UNKNOWN;
    }
    let value: Value;
    if (ts.isIdentifier(typeName)) {
      // `type Telemetry = ReturnType<typeof factory>`: a type alias of this file or imported.
      const alias = this.typeAlias(typeName);
      if (alias) return this.typeValue(alias.type, depth + 1);
      value = this.identifier(typeName);
      // `constructor(private client: ISegmentClient)`: the one class that implements the interface.
      if (value.kind === 'unknown') value = this.implementationOf(typeName);
      // `RPCClient<Procedures>`, `Remote<Worker>`: a generic of a package over one of the
      // repository's classes is taken to be a proxy that offers that class's methods.
      if (value.kind === 'unknown' && type.typeArguments?.length && !CONTAINER_TYPES.has(typeName.text) && this.isPackageType(typeName)) {
        for (const arg of type.typeArguments) {
          const inner = this.typeValue(arg, depth + 1);
          if (inner.kind === 'instance' || inner.kind === 'sdk') return inner;
        }
      }
    } else {
      // `Mixpanel.Mixpanel`, `PostHogNode.PostHog`: a type inside an SDK package's namespace.
      const left = ts.isIdentifier(typeName.left) ? this.identifier(typeName.left) : UNKNOWN;
      if (left.kind === 'sdk') return left;
      if (left.kind === 'sdk-export' && 'flavour' in left.exp) return { kind: 'sdk', flavour: left.exp.flavour };
      value = this.member(left, typeName.right.text);
    }
    if (value.kind === 'sdk-export' && (value.exp.kind === 'class' || value.exp.kind === 'namespace' || value.exp.kind === 'factory')) return { kind: 'sdk', flavour: value.exp.flavour };
    if (value.kind === 'sdk') return value;
    if (value.kind === 'class') return { kind: 'instance', node: value.node };
    if (value.kind === 'instance') return value;
    return UNKNOWN;
  }

  private readonly contexts = new Map<ts.Node, Value>();

  /**
   * The `value` given to a React context's provider (`<AnalyticsContext.Provider value={{ track }}>`),
   * looked for in the file that creates the context, then in the files that mention its provider.
   */
  private contextValue(arg: ts.Expression): Value {
    const id = unwrap(arg);
    if (!ts.isIdentifier(id)) return UNKNOWN;
    const decl = this.declarationOf(id);
    if (!decl) return UNKNOWN;
    const known = this.contexts.get(decl.node);
    if (known) return known;
    this.contexts.set(decl.node, UNKNOWN);
    // Other files are searched, and parsed, only when the creating file has no provider.
    let value = this.providedValue(decl.file, decl.node);
    if (value.kind === 'unknown') {
      for (const file of this.program.parsedWhere((text) => text.includes('.Provider') && text.includes(decl.name))) {
        if (file !== decl.file) value = this.providedValue(file, decl.node);
        if (value.kind !== 'unknown') break;
      }
    }
    this.contexts.set(decl.node, value);
    return value;
  }

  /** The value a file's `<C.Provider value={…}>` gives the context declared at `context`. */
  private providedValue(file: string, context: ts.VariableDeclaration): Value {
    for (const element of this.program.elementsIn(file)) {
      const tag = element.tagName;
      if (!ts.isPropertyAccessExpression(tag) || tag.name.text !== 'Provider' || !ts.isIdentifier(tag.expression)) continue;
      if (this.declarationOf(tag.expression)?.node !== context) continue;
      const given = jsxAttribute(element, 'value');
      const value = given ? this.evaluate(given) : UNKNOWN;
      if (value.kind !== 'unknown') return value;
    }
    return UNKNOWN;
  }

  /** The variable declaration a name stands for, here or through an import. */
  private declarationOf(id: ts.Identifier): { node: ts.VariableDeclaration; file: string; name: string } | undefined {
    const binding = this.program.resolve(id.text, id);
    if (binding?.kind === 'variable') return { node: binding.decl, file: this.program.fileName(binding.decl), name: id.text };
    if (binding?.kind !== 'import' || binding.name === '*' || own(SDK_MODULES, binding.module)) return undefined;
    const target = this.program.resolveModule(this.program.fileName(id), binding.module);
    const exported = target ? this.program.exportsOf(target).get(binding.name) : undefined;
    if (exported?.kind !== 'binding' || exported.binding.kind !== 'variable' || !target) return undefined;
    return { node: exported.binding.decl, file: target, name: binding.name };
  }

  private stateType(init: ts.Expression | undefined): Value {
    const call = init && unwrap(init);
    if (!call || !ts.isCallExpression(call) || calleeName(call.expression) !== 'useState') return UNKNOWN;
    return this.typeValue(call.typeArguments?.[0]);
  }

  private dispatch: Value | undefined;

  /**
   * The `dispatch` function given to react-tracking's `track(data, { dispatch })` somewhere in the
   * files this review read (the application root, usually): found once. Without one, react-tracking
   * pushes to `window.dataLayer`, whose event key nothing here can tell.
   */
  private configuredDispatch(): Value {
    if (this.dispatch) return this.dispatch;
    this.dispatch = UNKNOWN;
    for (const file of this.program.parsedWhere((text) => /\bdispatch\b/.test(text) && /\btrack\b/.test(text))) {
      for (const call of this.program.callsIn(file)) {
        const options = call.arguments[1];
        const dispatch = options ? objectProperty(options, 'dispatch') : undefined;
        if (!dispatch) continue;
        const callee = this.evaluate(call.expression);
        if (callee.kind !== 'sdk-export' || callee.exp.kind !== 'dispatch-config') continue;
        const value = this.evaluate(dispatch);
        if (value.kind === 'function') {
          this.dispatch = value;
          return value;
        }
      }
    }
    return this.dispatch;
  }

  private readonly implementations = new Map<string, Value>();

  /**
   * The class that implements an interface of the repository, when there is exactly one outside
   * tests (mocks and fakes do not count): the way dependency injection by interface is wired.
   */
  private implementationOf(name: ts.Identifier): Value {
    const declared = this.interfaceDeclaration(name);
    if (!declared) return UNKNOWN;
    const key = `${declared.file}#${declared.name}`;
    const known = this.implementations.get(key);
    if (known) return known;
    this.implementations.set(key, UNKNOWN);
    const classes: Array<ts.ClassDeclaration | ts.ClassExpression> = [];
    for (const file of this.program.filesImplementing(declared.name)) {
      if (/(^|\/)(__tests__|__mocks__|test|tests)\/|\.(test|spec)\.|mock|fake|stub/i.test(file)) continue;
      const sf = this.program.sources.get(file);
      const visit = (node: ts.Node) => {
        if (ts.isClassLike(node) && !/^(Mock|Fake|Stub|InMemory|Noop)/.test(node.name?.text ?? '')) {
          const implemented = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword)?.types ?? [];
          if (implemented.some((t) => ts.isIdentifier(t.expression) && this.interfaceDeclaration(t.expression)?.decl === declared.decl)) classes.push(node);
        }
        ts.forEachChild(node, visit);
      };
      if (sf) visit(sf);
    }
    const value: Value = classes.length === 1 && classes[0] ? { kind: 'instance', node: classes[0] } : UNKNOWN;
    this.implementations.set(key, value);
    return value;
  }

  /** The interface a type name denotes: declared in its file, or imported from a repository file. */
  private interfaceDeclaration(name: ts.Identifier): { decl: ts.InterfaceDeclaration; file: string; name: string } | undefined {
    return this.typeDeclaration(name, ts.isInterfaceDeclaration);
  }

  /** The type alias a name denotes: declared in its file, or imported from a repository file. */
  private typeAlias(name: ts.Identifier): ts.TypeAliasDeclaration | undefined {
    return this.typeDeclaration(name, ts.isTypeAliasDeclaration)?.decl;
  }

  /** A type declaration (`interface`, `type`) a name denotes: in its own file, or exported by the repository file it imports. */
  typeDeclaration<T extends ts.InterfaceDeclaration | ts.TypeAliasDeclaration>(
    name: ts.Identifier,
    is: (node: ts.Node) => node is T,
  ): { decl: T; file: string; name: string } | undefined {
    const local = name.getSourceFile().statements.find((st): st is T => is(st) && st.name.text === name.text);
    if (local) return { decl: local, file: this.program.fileName(name), name: name.text };
    const binding = this.program.resolve(name.text, name);
    if (binding?.kind !== 'import' || binding.name === '*' || own(SDK_MODULES, binding.module)) return undefined;
    const target = this.program.resolveModule(this.program.fileName(name), binding.module);
    const sf = target ? this.program.sources.get(target) : undefined;
    const decl = sf?.statements.find((st): st is T => is(st) && st.name.text === binding.name && hasModifier(st, ts.SyntaxKind.ExportKeyword));
    return decl && target ? { decl, file: target, name: binding.name } : undefined;
  }

  /** A type name imported from a package that is no SDK (`r19`, `comlink`), or a global utility type. */
  private isPackageType(name: ts.Identifier): boolean {
    const binding = this.program.resolve(name.text, name);
    if (!binding) return UTILITY_TYPES.has(name.text);
    return binding.kind === 'import' && !own(SDK_MODULES, binding.module) && this.program.resolveModule(this.program.fileName(name), binding.module) === undefined;
  }

  /** Per file, dropped with it (`CodeProgram.forget`): a plain map would keep every tree alive. */
  private readonly assignments: NodeCache<Map<string, ts.Expression[]>>;

  /** Right-hand sides of `name = …` and `this.name = …` in a file, by name, from one walk. */
  private assignmentsIn(sf: ts.SourceFile): Map<string, ts.Expression[]> {
    let table = this.assignments.get(sf);
    if (table) return table;
    table = new Map();
    const found = table;
    const visit = (node: ts.Node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = unwrap(node.left);
        let key: string | undefined;
        if (ts.isIdentifier(left)) key = left.text;
        else if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) key = `this.${left.name.text}`;
        if (key) {
          const list = found.get(key) ?? [];
          list.push(node.right);
          found.set(key, list);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    this.assignments.set(sf, table);
    return table;
  }

  /** The first value assigned to a `let` or `var` declared without a known one, anywhere in its file. */
  private assignedValue(decl: ts.VariableDeclaration): Value {
    // Names are not memoised (see `evaluate`), so a `let` read at many calls would search and
    // evaluate its assignments again each time: its answer is kept, unless a cycle cut it short.
    const known = this.assigned.get(decl);
    if (known) return known;
    const outer = this.sawCycle;
    this.sawCycle = false;
    let value: Value = UNKNOWN;
    // `total = total + n`, `client = client ?? new PostHog(key)`: an assignment that reads the
    // variable comes back here. Answering that inner question with `unknown` at once keeps the work
    // linear; without it every such assignment re-evaluates all the others, and again inside them.
    if (this.assigning.has(decl)) {
      this.sawCycle = true;
      return UNKNOWN;
    }
    this.assigning.add(decl);
    try {
      const name = ts.isIdentifier(decl.name) ? decl.name.text : '';
      const rights = this.assignmentsOf(decl);
      // Assignments that do not read the variable first: they are cheaper and usually decide.
      for (const right of [...rights.filter((r) => !mentions(r, name)), ...rights.filter((r) => mentions(r, name))]) {
        value = this.evaluate(right);
        if (value.kind !== 'unknown') break;
      }
    } finally {
      this.assigning.delete(decl);
    }
    if (!this.sawCycle) this.assigned.set(decl, value);
    this.sawCycle = outer || this.sawCycle;
    return value;
  }

  private readonly assigned: NodeCache<Value>;
  private readonly assigning = new Set<ts.Node>();

  /** The right sides of `name = …` that assign this very variable; none for a `const`, never assigned again. */
  assignmentsOf(decl: ts.VariableDeclaration): ts.Expression[] {
    if (!ts.isIdentifier(decl.name) || (ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const)) return [];
    const known = this.declAssignments.get(decl);
    if (known) return known;
    const name = decl.name.text;
    const found = (this.assignmentsIn(decl.getSourceFile()).get(name) ?? []).filter((right) => {
      const binding = this.program.resolve(name, (right.parent as ts.BinaryExpression).left);
      return binding?.kind === 'variable' && binding.decl === decl;
    });
    this.declAssignments.set(decl, found);
    return found;
  }

  /** Per declaration: syntax only, so always safe to keep. */
  private readonly declAssignments: NodeCache<ts.Expression[]>;

  /**
   * Whether a variable holds other values than the string it evaluates to: `let id` set to
   * `machineIdSync()` in a try and to `'unknown-user'` in its catch is a fallback, not a constant.
   */
  mayHoldOtherValues(expr: ts.Expression): boolean {
    const e = unwrap(expr);
    if (!ts.isIdentifier(e)) return false;
    const binding = this.program.resolve(e.text, e);
    if (!binding || binding.kind !== 'variable' || binding.path.length > 0) return false;
    const written = [...(binding.decl.initializer ? [binding.decl.initializer] : []), ...this.assignmentsOf(binding.decl)];
    const values = new Set(written.map((w) => {
      const value = this.evaluate(w);
      return value.kind === 'string' ? value.value : undefined;
    }));
    return values.size > 1 || values.has(undefined);
  }

  /** `this.name = …` anywhere in a class (constructor, `init()`, `initialize()`), first known value. */
  private classAssignedValue(node: ts.ClassDeclaration | ts.ClassExpression, name: string): Value {
    for (const right of this.assignmentsIn(node.getSourceFile()).get(`this.${name}`) ?? []) {
      if (enclosingClass(right) !== node) continue;
      const value = this.evaluate(right);
      if (value.kind !== 'unknown') return value;
    }
    return UNKNOWN;
  }

  /** A parameter of a callback given to `import('x').then(…)`: the module itself. */
  private thenOfImport(binding: Extract<Binding, { kind: 'parameter' }>): Value | undefined {
    if (binding.index !== 0) return undefined;
    const call = binding.fn.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(binding.fn as ts.Expression)) return undefined;
    const access = call.expression;
    if (!ts.isPropertyAccessExpression(access) || access.name.text !== 'then') return undefined;
    return this.moduleCall(unwrap(access.expression));
  }

  /** `require('m')` and `import('m')`: the module, when its specifier is a string. */
  private moduleCall(e: ts.Expression): Value | undefined {
    if (!ts.isCallExpression(e)) return undefined;
    const isImport = e.expression.kind === ts.SyntaxKind.ImportKeyword;
    const isRequire = ts.isIdentifier(e.expression) && e.expression.text === 'require' && !this.program.resolve('require', e.expression);
    if (!isImport && !isRequire) return undefined;
    const arg = e.arguments[0] && unwrap(e.arguments[0]);
    if (!arg || !(ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) return UNKNOWN;
    const module = arg.text;
    // `require` gives the CommonJS export (the package's default); `import()` the namespace.
    if (own(SDK_MODULES, module)) return isRequire ? this.importValue(module, '*', '') : { kind: 'sdk-module', module };
    const target = this.program.resolveModule(this.program.fileName(e), module);
    return target ? { kind: 'module', file: target } : UNKNOWN;
  }

  member(target: Value, name: string): Value {
    switch (target.kind) {
      case 'object':
        return this.objectMember(target.node, name);
      case 'enum': {
        const member = target.node.members.find((m) => propertyNameText(m.name) === name);
        if (!member) return UNKNOWN;
        const value = member.initializer ? this.evaluate(member.initializer) : UNKNOWN;
        return value.kind === 'string' ? { ...value, via: `${target.node.name.text}.${name}`, container: target.node } : UNKNOWN;
      }
      case 'sdk':
        if (!target.namespace && target.flavour.namespaces && own(target.flavour.namespaces, name)) return { kind: 'sdk', flavour: target.flavour, namespace: name };
        // A method taken off the instance (`const { capture } = usePostHog()`) still sends.
        if (!target.namespace && own(target.flavour.methods, name)) return { kind: 'sdk-export', exp: { kind: 'function', flavour: target.flavour, method: name } };
        return UNKNOWN;
      case 'sdk-export': {
        const exp = target.exp;
        if ((exp.kind === 'class' || exp.kind === 'namespace') && exp.factories?.includes(name)) return { kind: 'sdk-export', exp: { kind: 'factory', flavour: exp.flavour } };
        return UNKNOWN;
      }
      case 'module': {
        const value = this.exported(target.file, name);
        // `require('./analytics').track` of a CommonJS module: `module.exports = { track }`.
        return value.kind === 'unknown' && name !== 'default' ? this.member(this.exported(target.file, 'default'), name) : value;
      }
      case 'sdk-module':
        return this.importValue(target.module, name, '');
      case 'dispatching':
        return name === 'trackEvent' ? this.configuredDispatch() : UNKNOWN;
      case 'boxed':
        return BOX_MEMBERS.has(name) ? target.inner : UNKNOWN;
      case 'shape':
        return this.typeValue(memberType(target.type, [name]));
      case 'class':
      case 'instance':
        return this.classMember(target.node, name, target.kind === 'class');
      case 'param': {
        // `deps: { ph: PostHog }`: a member whose declared type names an SDK or a class.
        const path = [...target.path, name];
        const declared = memberType(target.fn.parameters[target.index]?.type, path);
        const typed = declared ? this.typeValue(declared) : UNKNOWN;
        return typed.kind !== 'unknown' ? typed : { kind: 'param', fn: target.fn, index: target.index, path };
      }
      default:
        return UNKNOWN;
    }
  }

  private readonly memberIndex: NodeCache<{ byName: Map<string, ts.ObjectLiteralElementLike>; spreads: ts.SpreadAssignment[] }>;

  /** Named members (last one wins) and spreads of an object literal, indexed once: constants objects hold hundreds. */
  private indexOf(node: ts.ObjectLiteralExpression) {
    let index = this.memberIndex.get(node);
    if (!index) {
      index = { byName: new Map(), spreads: [] };
      for (const prop of node.properties) {
        if (ts.isSpreadAssignment(prop)) index.spreads.push(prop);
        else {
          // `[Events.signUp]: 'Sign Up'`: a computed key that is a known string.
          let key = propertyNameText(prop.name);
          if (key === undefined && prop.name && ts.isComputedPropertyName(prop.name)) {
            const value = this.evaluate(prop.name.expression);
            if (value.kind === 'string') key = value.value;
          }
          if (key !== undefined) index.byName.set(key, prop);
        }
      }
      this.memberIndex.set(node, index);
    }
    return index;
  }

  private objectMember(node: ts.ObjectLiteralExpression, name: string): Value {
    const index = this.indexOf(node);
    const own = index.byName.get(name);
    // A spread after the member could override it; without spreads the index is the answer.
    if (index.spreads.length === 0 && !own) return UNKNOWN;
    const candidates = index.spreads.length === 0 && own ? [own] : [...node.properties].reverse();
    for (const prop of candidates) {
      if (ts.isSpreadAssignment(prop)) {
        const spread = this.member(this.evaluate(prop.expression), name);
        if (spread.kind !== 'unknown') return spread;
        continue;
      }
      if (prop !== own && propertyNameText(prop.name) !== name) continue;
      if (ts.isPropertyAssignment(prop)) {
        const value = this.evaluate(prop.initializer);
        if (value.kind === 'string' && !value.via) return { kind: 'string', value: value.value, node: value.node, via: `${nameOf(node)}.${name}`, container: node };
        if (value.kind === 'function' && value.name === 'anonymous') return { ...value, name };
        return value;
      }
      if (ts.isShorthandPropertyAssignment(prop)) return this.identifier(prop.name);
      if (ts.isMethodDeclaration(prop)) return { kind: 'function', fn: prop, name };
    }
    return UNKNOWN;
  }

  private classMember(node: ts.ClassDeclaration | ts.ClassExpression, name: string, statics: boolean): Value {
    for (const member of node.members) {
      const isStatic = hasStatic(member);
      if (isStatic !== statics || propertyNameText(member.name) !== name) continue;
      if (ts.isMethodDeclaration(member)) return { kind: 'function', fn: member, name };
      // A getter is read, not called: its value is what it returns.
      if (ts.isGetAccessorDeclaration(member)) return this.returnValue(member);
      if (ts.isPropertyDeclaration(member)) {
        const initial = member.initializer ? this.evaluate(member.initializer) : UNKNOWN;
        if (initial.kind !== 'unknown') return initial;
        const typed = this.typeValue(member.type);
        if (typed.kind !== 'unknown') return typed;
        if (member.type && ts.isTypeLiteralNode(member.type)) return { kind: 'shape', type: member.type };
        // Declared here, assigned in the constructor or an `initialize()` method.
        return statics ? UNKNOWN : this.classAssignedValue(node, name);
      }
    }
    if (statics) return UNKNOWN;
    const ctor = node.members.find(ts.isConstructorDeclaration);
    if (ctor) {
      for (const param of ctor.parameters) {
        if (!ts.isIdentifier(param.name) || param.name.text !== name || !ts.getModifiers(param)?.length) continue;
        const typed = this.typeValue(param.type);
        if (typed.kind !== 'unknown') return typed;
        if (param.type && ts.isTypeLiteralNode(param.type)) return { kind: 'shape', type: param.type };
        return param.initializer ? this.evaluate(param.initializer) : UNKNOWN;
      }
    }
    const assigned = this.classAssignedValue(node, name);
    if (assigned.kind !== 'unknown') return assigned;
    const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (base) {
      const parent = this.evaluate(base.expression);
      if (parent.kind === 'class') return this.classMember(parent.node, name, false);
    }
    return UNKNOWN;
  }

  /** The value a call returns: SDK factories, hooks returning helpers, singletons' getters. */
  private callResult(call: ts.CallExpression): Value {
    const callee = this.evaluate(call.expression);
    if (callee.kind === 'sdk-export' && callee.exp.kind === 'dispatching-hook') return { kind: 'dispatching' };
    if (callee.kind === 'sdk-export' && callee.exp.kind === 'factory') return { kind: 'sdk', flavour: callee.exp.flavour };
    if (callee.kind === 'sdk-export' && callee.exp.kind === 'function-factory') return { kind: 'sdk-export', exp: { kind: 'function', flavour: callee.exp.flavour, method: callee.exp.method } };
    const name = calleeName(call.expression);
    // `useContext(AnalyticsContext)`: the value its provider is given.
    if (name === 'useContext' && call.arguments[0]) return this.contextValue(call.arguments[0]);
    // Svelte 5 runes: `$derived(a ? X.One : X.Two)` and `$state(x)` are their argument; `$derived.by(fn)` what fn returns.
    const rune = shortText(call.expression);
    if ((rune === '$derived' || rune === '$state') && call.arguments[0]) return this.evaluate(call.arguments[0]);
    if (rune === '$derived.by' && call.arguments[0]) {
      const fn = this.evaluate(call.arguments[0]);
      return fn.kind === 'function' ? this.returnValue(fn.fn) : UNKNOWN;
    }
    if ((name === 'useCallback' || name === 'useMemo') && call.arguments[0]) {
      const arg = this.evaluate(call.arguments[0]);
      if (name === 'useCallback') return arg;
      return arg.kind === 'function' ? this.returnValue(arg.fn) : UNKNOWN;
    }
    if (callee.kind === 'function') return this.returnValue(callee.fn);
    // `ok(new Tracker(client))` (neverthrow), `Promise.resolve(client)`: a package's box around an instance.
    if (callee.kind === 'unknown' && call.arguments.length === 1 && call.arguments[0] && this.isPackageCallee(call.expression)) {
      const inner = this.evaluate(call.arguments[0]);
      if (inner.kind === 'instance' || inner.kind === 'sdk') return { kind: 'boxed', inner };
    }
    return UNKNOWN;
  }

  /** A callee imported from a package that is no SDK (`ok` from neverthrow), or `Promise.resolve`. */
  private isPackageCallee(callee: ts.Expression): boolean {
    const e = unwrap(callee);
    if (ts.isPropertyAccessExpression(e)) return shortText(e) === 'Promise.resolve';
    if (!ts.isIdentifier(e)) return false;
    const binding = this.program.resolve(e.text, e);
    return binding?.kind === 'import' && !own(SDK_MODULES, binding.module) && this.program.resolveModule(this.program.fileName(e), binding.module) === undefined;
  }

  private returnValue(fn: FunctionLike): Value {
    const found = this.returnedValue(fn);
    // `(): SliceMachineManagerClient => createRPCClient(…)`: the declared return type tells.
    return found.kind === 'unknown' && fn.type ? this.typeValue(fn.type) : found;
  }

  private returnedValue(fn: FunctionLike): Value {
    if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return this.evaluate(fn.body);
    const returns: ts.Expression[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isReturnStatement(node) && node.expression) returns.push(node.expression);
      if (!isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, visit);
    };
    if (fn.body) ts.forEachChild(fn.body, visit);
    for (const expr of returns) {
      const value = this.evaluate(expr);
      if (value.kind !== 'unknown') return value;
    }
    return UNKNOWN;
  }

  private readonly passed: NodeCache<Map<number, Value>>;
  private readonly passing = new Set<FunctionLike>();

  /**
   * What the callers of a named function pass for a parameter it leaves untyped (`feedback: any`,
   * plain JavaScript): the first argument there that stands for something this analysis follows
   * (an SDK, an instance, an object or function of the repository). Only the callers that resolve
   * to this very function count, so a same-named function elsewhere hands nothing in.
   */
  passedValue(fn: FunctionLike, index: number): Value {
    const param = fn.parameters[index];
    if (!param || !ts.isIdentifier(param.name) || param.dotDotDotToken || !untyped(param.type)) return UNKNOWN;
    let byIndex = this.passed.get(fn);
    const known = byIndex?.get(index);
    if (known) return known;
    const name = functionNameOf(fn);
    if (name === 'anonymous' || name === '' || this.passing.has(fn) || this.passing.size > 3) return UNKNOWN;
    this.passing.add(fn);
    let found: Value = UNKNOWN;
    try {
      search: for (const file of this.program.filesCalling(name)) {
        for (const call of this.program.callsIn(file)) {
          if (calleeName(call.expression) !== name || call.arguments.length <= index) continue;
          const arg = call.arguments[index];
          if (!arg || ts.isSpreadElement(arg) || enclosingFunction(call) === fn) continue;
          const callee = this.evaluate(call.expression);
          if (callee.kind !== 'function' || callee.fn !== fn) continue;
          let value = this.evaluate(arg);
          // Handed on from the caller's own untyped parameter: one step further back.
          if (value.kind === 'param' && value.path.length === 0) value = this.passedValue(value.fn, value.index);
          if (FOLLOWED.has(value.kind)) {
            found = value;
            break search;
          }
        }
      }
    } finally {
      this.passing.delete(fn);
    }
    if (!byIndex) this.passed.set(fn, (byIndex = new Map()));
    byIndex.set(index, found);
    return found;
  }

  /** What `expr` stands for, or its member at `path`. */
  valueAt(expr: ts.Expression, path: readonly string[] = []): Value {
    let value = this.evaluate(expr);
    for (const key of path) value = this.member(value, key);
    return value;
  }
}


/** What a caller's argument must stand for to be followed into an untyped parameter. */
const FOLLOWED = new Set<Value['kind']>(['sdk', 'instance', 'object', 'module', 'shape', 'dispatching']);

/** A parameter type that says nothing: none, `any` or `unknown`. */
export function untyped(type: ts.TypeNode | undefined): boolean {
  return !type || type.kind === ts.SyntaxKind.AnyKeyword || type.kind === ts.SyntaxKind.UnknownKeyword;
}

function isHandle(value: Value): boolean {
  return value.kind === 'sdk' || value.kind === 'sdk-export' || value.kind === 'sdk-module' || value.kind === 'instance' || value.kind === 'function' || value.kind === 'object' || value.kind === 'module';
}

/** `value` when the other branch is empty (`undefined`, `null`, `void 0`, `{}`-less nothing). */
function instanceOrNothing(value: Value, other: ts.Expression): Value | undefined {
  if (!isHandle(value)) return undefined;
  const o = unwrap(other);
  const empty = o.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(o) && o.text === 'undefined') || ts.isVoidExpression(o);
  return empty ? value : undefined;
}

/** Each of `left` followed by each of `right` and `tail`; none when a side is unknown or there would be too many. */
function joined(left: readonly string[], right: readonly string[], tail: string): string[] {
  if (left.length === 0 || right.length === 0 || left.length * right.length > 16) return [];
  return [...new Set(left.flatMap((l) => right.map((r) => l + r + tail)))];
}

function strings(value: Value): string[] {
  if (value.kind === 'string') return [value.value];
  if (value.kind === 'strings') return value.values;
  return [];
}

/** Objects whose members are the browser's globals (`window.analytics`), unless a local name shadows them. */
export const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);

/** Members of a box (a result, a response, a ref) that hold what it boxes. */
const BOX_MEMBERS = new Set(['value', 'data', 'current', 'result']);

/** Generic types that hold values rather than stand for one: never a proxy of their argument. */
const CONTAINER_TYPES = new Set(['Array', 'ReadonlyArray', 'Set', 'ReadonlySet', 'Map', 'ReadonlyMap', 'WeakMap', 'WeakSet', 'Record', 'Iterable', 'AsyncIterable', 'Iterator', 'Generator', 'Observable', 'Subject', 'BehaviorSubject', 'Ref', 'MutableRefObject', 'RefObject', 'Signal', 'Writable', 'Readable', 'Store', 'Dispatch', 'SetStateAction', 'Parameters', 'ConstructorParameters', 'InstanceType', 'Exclude', 'Extract']);
/** Global utility types whose argument is the value's shape. */
const UTILITY_TYPES = new Set(['Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'NonNullable', 'Promise', 'PromiseLike']);

/** The value of an expression that says what it is by its kind alone, or undefined. */
function selfEvident(e: ts.Expression): Value | undefined {
  switch (e.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return { kind: 'string', value: (e as ts.StringLiteral).text, node: e };
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return UNKNOWN;
    case ts.SyntaxKind.ObjectLiteralExpression:
      return { kind: 'object', node: e as ts.ObjectLiteralExpression, name: nameOf(e) };
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
      return { kind: 'function', fn: e as ts.ArrowFunction | ts.FunctionExpression, name: nameOf(e) };
    default:
      return undefined;
  }
}

/** A catalogue entry by name; never something inherited from `Object.prototype` (`toString`, `constructor`). */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** Whether an expression reads a name (anywhere in it, nested functions included). */
function mentions(expr: ts.Node, name: string): boolean {
  if (!name) return false;
  if (ts.isIdentifier(expr)) return expr.text === name;
  return ts.forEachChild(expr, (child) => (mentions(child, name) ? true : undefined)) === true;
}
