/**
 * Analytics clients built from a customer's own key: an app that exports each customer's data to
 * the customer's own Segment or PostHog (a Saleor or Shopify app, a CDP destination) is an
 * integration, not the product's analytics. Its events are named by a contract with the SDK's
 * vendor, its identities are the customer's customers, and its calls are the product itself: the
 * naming, identity and reliability rules do not apply to it (personal data still does).
 *
 * The key is followed back from the client's construction through variables and parameters to
 * the callers (two levels): a literal, an environment variable or a SCREAMING_CASE setting is the
 * product's own key; a key read from a stored per-customer configuration (`AppConfig`,
 * installation, tenant, workspace or integration settings) is the customer's.
 */
import { ts, type CodeProgram, type FunctionLike, type NodeCache } from './program.js';
import { functionNameOf, propertyNameText, shortText, unwrap } from './syntax.js';

/** Where a key is the product's own: written in the code, or read from the environment or a constant setting. */
const OWN_KEY = /process\.env|import\.meta\.env|\benv\.|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\bAPI_TOKENS\b/;
/** Where a key is a customer's: a stored configuration per customer, installation or tenant. */
const CUSTOMER_SOURCE = /app_?config|installation|tenant|customer|merchant|\bshop\b|workspace_?settings|integration_?(config|settings)|destination|connection_?(config|settings)|app_?metadata|private_?metadata/i;
/** Option keys that carry the key in a constructor's options object. */
const KEY_OPTIONS = new Set(['writeKey', 'write_key', 'apiKey', 'api_key', 'token', 'projectToken', 'project_token', 'key']);
const MAX_DEPTH = 3;

export class IntegrationDetector {
  // Node caches of the program, dropped with their file: a plain map would keep every tree alive.
  private readonly known: NodeCache<string | null>;
  /** Per class, what each `this.` member was given: found with one walk of the class. */
  private readonly classConstructions: NodeCache<Map<string, ts.Expression[]>>;

  constructor(private readonly program: CodeProgram) {
    this.known = program.nodeCache();
    this.classConstructions = program.nodeCache();
  }

  /** Why the client an SDK method is called on was built from a customer's key, if it was. */
  customerKey(receiver: ts.Expression): string | undefined {
    const construction = this.constructionOf(receiver);
    if (!construction) return undefined;
    const known = this.known.get(construction);
    if (known !== undefined) return known ?? undefined;
    const key = keyArgument(construction);
    const found = key ? this.classify(key, 0, new Set()) : undefined;
    const why = found?.kind === 'customer' ? `its client is built at ${this.where(construction)} from \`${shortText(key as ts.Expression)}\`, which comes from ${found.source}` : undefined;
    this.known.set(construction, why ?? null);
    return why;
  }

  /** The `new X(…)` or `X.init(…)` that built what `receiver` names (a variable or a `this.` member). */
  private constructionOf(receiver: ts.Expression): ts.NewExpression | ts.CallExpression | undefined {
    const r = unwrap(receiver);
    const candidates: ts.Expression[] = [];
    if (ts.isPropertyAccessExpression(r) && r.expression.kind === ts.SyntaxKind.ThisKeyword) {
      let cls: ts.Node | undefined = r.parent;
      while (cls && !ts.isClassLike(cls)) cls = cls.parent;
      if (!cls) return undefined;
      candidates.push(...(this.membersOf(cls).get(r.name.text) ?? []));
    } else if (ts.isIdentifier(r)) {
      const binding = this.program.resolve(r.text, r);
      if (binding?.kind === 'variable' && ts.isVariableDeclaration(binding.decl) && binding.decl.initializer) candidates.push(binding.decl.initializer);
    }
    for (const candidate of candidates) {
      let e = unwrap(candidate);
      if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
      if (ts.isNewExpression(e) || ts.isCallExpression(e)) return e;
    }
    return undefined;
  }

  /** What each `this.x` of a class is given: its initialiser and every `this.x = …`. */
  private membersOf(cls: ts.Node): Map<string, ts.Expression[]> {
    let table = this.classConstructions.get(cls);
    if (table) return table;
    const found = new Map<string, ts.Expression[]>();
    const add = (name: string, expr: ts.Expression) => found.set(name, [...(found.get(name) ?? []), expr]);
    const visit = (node: ts.Node) => {
      if (ts.isPropertyDeclaration(node) && node.initializer) {
        const name = propertyNameText(node.name);
        if (name) add(name, node.initializer);
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = unwrap(node.left);
        if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) add(left.name.text, node.right);
      }
      ts.forEachChild(node, visit);
    };
    visit(cls);
    table = found;
    this.classConstructions.set(cls, table);
    return table;
  }

  private classify(expr: ts.Expression, depth: number, seen: Set<ts.Node>): { kind: 'own' | 'customer'; source: string } | undefined {
    const e = unwrap(expr);
    if (depth > MAX_DEPTH || seen.has(e)) return undefined;
    seen.add(e);
    if (ts.isStringLiteralLike(e)) return { kind: 'own', source: 'a literal' };
    const text = shortText(e);
    if (OWN_KEY.test(text)) return { kind: 'own', source: text };
    if (CUSTOMER_SOURCE.test(text)) return { kind: 'customer', source: `\`${text}\`` };
    if (ts.isBinaryExpression(e)) return this.either([e.left, e.right], depth, seen);
    if (ts.isConditionalExpression(e)) return this.either([e.whenTrue, e.whenFalse], depth, seen);
    // `args.config.getSegmentWriteKey()`, `options.segmentWriteKey`: where the object comes from decides.
    let root: ts.Expression = e;
    const path: string[] = [];
    for (;;) {
      if (ts.isCallExpression(root)) root = unwrap(root.expression);
      else if (ts.isPropertyAccessExpression(root)) {
        path.unshift(root.name.text);
        root = unwrap(root.expression);
      } else if (ts.isElementAccessExpression(root)) root = unwrap(root.expression);
      else break;
    }
    if (!ts.isIdentifier(root)) return undefined;
    const binding = this.program.resolve(root.text, root);
    if (!binding) return undefined;
    if (binding.kind === 'variable' && ts.isVariableDeclaration(binding.decl) && binding.decl.initializer) {
      return this.classify(binding.decl.initializer, depth + 1, seen);
    }
    if (binding.kind !== 'parameter') return undefined;
    const param = binding.decl;
    // Injected options (`@Inject(…) options`) are the application's configuration.
    if (ts.canHaveDecorators(param) && (ts.getDecorators(param)?.length ?? 0) > 0) return { kind: 'own', source: 'injected configuration' };
    const typeText = param.type ? shortText(param.type) : '';
    if (CUSTOMER_SOURCE.test(typeText)) return { kind: 'customer', source: `a \`${typeText.slice(0, 60)}\` parameter` };
    // What the callers pass for the parameter (and the members taken from it).
    const answers = this.callerArguments(binding.fn, binding.index)
      .map((arg) => memberOf(arg, [...binding.path, ...path]))
      .filter((a): a is ts.Expression => a !== undefined)
      .map((arg) => this.classify(arg, depth + 1, seen));
    if (answers.some((a) => a?.kind === 'own')) return answers.find((a) => a?.kind === 'own');
    return answers.find((a) => a?.kind === 'customer');
  }

  private either(parts: ts.Expression[], depth: number, seen: Set<ts.Node>): { kind: 'own' | 'customer'; source: string } | undefined {
    const answers = parts.map((p) => this.classify(p, depth + 1, seen));
    return answers.find((a) => a?.kind === 'own') ?? answers.find((a) => a?.kind === 'customer');
  }

  /** The argument at `index` of every call of `fn` (or `new` of its class, for a constructor) in the files read. */
  private callerArguments(fn: FunctionLike, index: number): ts.Expression[] {
    const name = ts.isConstructorDeclaration(fn) ? (fn.parent.name?.text ?? '') : functionNameOf(fn);
    if (!name || name === 'anonymous') return [];
    const out: ts.Expression[] = [];
    for (const file of this.program.filesCalling(name)) {
      const sf = this.program.sources.get(file);
      if (!sf) continue;
      const visit = (node: ts.Node) => {
        if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.arguments?.[index]) {
          const callee = unwrap(node.expression);
          const calleeName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
          const constructs = ts.isNewExpression(node) === ts.isConstructorDeclaration(fn);
          if (calleeName === name && constructs) out.push(node.arguments[index] as ts.Expression);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    return out;
  }

  private where(node: ts.Node): string {
    const at = this.program.location(node);
    return `${at.file}:${at.line}`;
  }
}

/** The key argument of a client's construction: an options object's key member, or the first argument. */
function keyArgument(construction: ts.NewExpression | ts.CallExpression): ts.Expression | undefined {
  const first = construction.arguments?.[0];
  if (!first) return undefined;
  const arg = unwrap(first);
  if (!ts.isObjectLiteralExpression(arg)) return arg;
  for (const prop of arg.properties) {
    const key = propertyNameText(prop.name ?? undefined);
    if (!key || !KEY_OPTIONS.has(key)) continue;
    if (ts.isPropertyAssignment(prop)) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop)) return prop.name;
  }
  return undefined;
}

/**
 * `{ segmentWriteKey: key }` with path `[segmentWriteKey]` → `key`. Where the argument is no literal
 * object for the rest of the path (`config` for `config.getKey`), what it is so far: its origin decides.
 */
function memberOf(arg: ts.Expression, path: readonly string[]): ts.Expression | undefined {
  let current: ts.Expression = unwrap(arg);
  for (const key of path) {
    if (!ts.isObjectLiteralExpression(current)) return current;
    const prop = current.properties.find((p) => propertyNameText(p.name ?? undefined) === key);
    if (!prop) return undefined;
    if (ts.isPropertyAssignment(prop)) current = unwrap(prop.initializer);
    else if (ts.isShorthandPropertyAssignment(prop)) current = prop.name;
    else return undefined;
  }
  return current;
}
