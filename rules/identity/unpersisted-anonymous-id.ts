import { defineRule } from '../../src/engine/rule.js';
import type { SourceLocation } from '../../src/engine/types.js';
import type { Analyzer } from '../../src/code/analyzer.js';
import { isFunctionLike, ts } from '../../src/code/program.js';
import { IDENTITY_KEYS } from '../../src/code/sdks.js';
import { calleeName, enclosingClass, enclosingFunction, propertyNameText, shortText, unwrap } from '../../src/code/syntax.js';

/** A random id held for the whole process or instance, sent as an identity, that nothing stores or reads back. */
interface Unpersisted {
  messageId: 'module' | 'instance';
  holder: string;
  generator: string;
  key: string;
  owner: string;
  location: SourceLocation;
}

export default defineRule<'module' | 'instance', Unpersisted>({
  id: 'identity/unpersisted-anonymous-id',
  category: 'identity',
  severity: 'P2',
  description:
    'An anonymous id generated at start-up is stored and read back: one generated afresh in every process, page load or instance makes every run a new person and inflates user counts.',
  messages: {
    module: '`{{holder}}` is a new `{{generator}}` each time its module loads, sent as `{{key}}`, and nothing stores it: every process start or page load counts as a new person.',
    instance: '`{{holder}}` is a new `{{generator}}` for every `{{owner}}`, sent as `{{key}}`, and nothing stores it: every run that creates one counts as a new person.',
  },
  fix: 'Store the id the first time and read it back before generating one (a config file through `conf`/`configstore`, `localStorage` or a cookie in a browser); in a browser, or without a stable id to give, leave the anonymous id to the SDK.',
  listen: {
    onCall({ node, analyzer }, record) {
      if (!ts.isCallExpression(node)) return;
      const resolved = analyzer.resolveCall(node);
      for (const { name, expr } of resolved?.identity ?? []) inspect(analyzer, name, expr, record);
    },
    onFileEnd({ file, analyzer }, record) {
      // Payloads built by hand (`payload.anonymousId = this.id`, `{ distinct_id: id }` sent with fetch).
      const sf = analyzer.program.sources.get(file);
      if (!sf || !HAND_BUILT_HINT.test(sf.text)) return;
      const visit = (node: ts.Node): void => {
        if (ts.isPropertyAssignment(node) && ANONYMOUS_KEYS.has(propertyNameText(node.name) ?? '')) inspect(analyzer, propertyNameText(node.name) ?? '', node.initializer, record);
        else if (ts.isShorthandPropertyAssignment(node) && ANONYMOUS_KEYS.has(node.name.text)) inspect(analyzer, node.name.text, node.name, record);
        else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const left = unwrap(node.left);
          if (ts.isPropertyAccessExpression(left) && ANONYMOUS_KEYS.has(left.name.text)) inspect(analyzer, left.name.text, node.right, record);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    },
  },
  check(ctx) {
    const reported = new Set<string>();
    for (const fact of ctx.facts) {
      if (ctx.isTestFile(fact.location.file)) continue;
      const at = `${fact.location.file}:${fact.location.line}:${fact.location.column}`;
      if (reported.has(at)) continue;
      reported.add(at);
      ctx.report({ messageId: fact.messageId, data: { holder: fact.holder, generator: fact.generator, key: fact.key, owner: fact.owner }, location: fact.location, key: `${fact.holder}|${at}` });
    }
  },
});

/** Identity keys of payloads written by hand, where an anonymous or device id goes. */
const ANONYMOUS_KEYS = new Set(IDENTITY_KEYS.filter((key) => !/^user_?id$/i.test(key)));
const HAND_BUILT_HINT = /anonymous_?id|distinct_?id|device_?id/i;

/** What holds an id for longer than one call: a module's variable, or an instance's field. */
type Holder =
  | { kind: 'module'; decl: ts.VariableDeclaration; name: string }
  | { kind: 'field'; cls: ts.ClassDeclaration | ts.ClassExpression; name: string };

function inspect(analyzer: Analyzer, key: string, expr: ts.Expression, record: (fact: Unpersisted) => void): void {
  for (const holder of holdersOf(analyzer, expr, 0)) {
    const writes = writesOf(analyzer, holder);
    const generated = writes.map((w) => ({ write: w, generator: generatorIn(analyzer, w, 0) }));
    // A write of something else (a stored value, a caller's option) means the id is not only made up here.
    if (generated.some((g) => !g.generator && !isNothing(g.write))) continue;
    const made = generated.filter((g): g is { write: ts.Expression; generator: ts.CallExpression } => g.generator !== undefined);
    if (made.length === 0 || made.some((g) => isStored(holder, g.write))) continue;
    for (const { generator } of made) {
      const owner = holder.kind === 'field' ? `${holder.cls.name?.text ?? 'class'} instance` : '';
      record({
        messageId: holder.kind === 'module' ? 'module' : 'instance',
        holder: holder.kind === 'field' ? `this.${holder.name}` : holder.name,
        generator: `${shortText(generator.expression)}()`,
        key,
        owner,
        location: analyzer.program.location(generator),
      });
    }
  }
}

/** The long-lived places an identity expression reads its value from (through locals, imports and getters). */
function holdersOf(analyzer: Analyzer, expr: ts.Expression, depth: number): Holder[] {
  if (depth > 4) return [];
  const e = unwrap(expr);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return [...holdersOf(analyzer, e.left, depth + 1), ...holdersOf(analyzer, e.right, depth + 1)];
  }
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(e);
    return cls ? [{ kind: 'field', cls, name: e.name.text }] : [];
  }
  if (ts.isIdentifier(e)) return variableHolders(analyzer, e, depth);
  if (ts.isCallExpression(e) && e.arguments.length === 0) {
    // `getAnonymousId()`, `this.getMachineId()`: what the getter returns.
    const callee = analyzer.evaluate(e.expression);
    if (callee.kind !== 'function' || !callee.fn.body) return [];
    if (!ts.isBlock(callee.fn.body)) return holdersOf(analyzer, callee.fn.body, depth + 1);
    return returnsOf(callee.fn.body).flatMap((r) => holdersOf(analyzer, r, depth + 1));
  }
  return [];
}

function variableHolders(analyzer: Analyzer, id: ts.Identifier, depth: number): Holder[] {
  const binding = analyzer.program.resolve(id.text, id);
  if (binding?.kind === 'variable' && binding.path.length === 0) {
    const decl = binding.decl;
    if (isModuleLevel(decl)) return [{ kind: 'module', decl, name: id.text }];
    // A local copy (`const id = this.anonymousId`): where it was copied from.
    return decl.initializer ? holdersOf(analyzer, decl.initializer, depth + 1) : [];
  }
  if (binding?.kind === 'import') {
    const target = analyzer.program.resolveModule(analyzer.program.fileName(id), binding.module);
    const exported = target ? analyzer.program.exportsOf(target).get(binding.name) : undefined;
    if (exported?.kind === 'binding' && exported.binding.kind === 'variable' && exported.binding.path.length === 0 && isModuleLevel(exported.binding.decl)) {
      const decl = exported.binding.decl;
      return [{ kind: 'module', decl, name: ts.isIdentifier(decl.name) ? decl.name.text : binding.name }];
    }
    // `export default uuid`.
    if (exported?.kind === 'expression') return holdersOf(analyzer, exported.expr, depth + 1);
  }
  return [];
}

function isModuleLevel(decl: ts.VariableDeclaration): boolean {
  const statement = decl.parent?.parent;
  return ts.isIdentifier(decl.name) && statement !== undefined && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent);
}

function returnsOf(body: ts.Block): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    if (!isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** Every value written to the holder: its initializer and each assignment in its file (or class). */
function writesOf(analyzer: Analyzer, holder: Holder): ts.Expression[] {
  const writes: ts.Expression[] = [];
  if (holder.kind === 'module') {
    if (holder.decl.initializer) writes.push(holder.decl.initializer);
    eachAssignment(holder.decl.getSourceFile(), (left, right) => {
      const target = unwrap(left);
      if (!ts.isIdentifier(target) || target.text !== holder.name) return;
      const binding = analyzer.program.resolve(target.text, target);
      if (binding?.kind === 'variable' && binding.decl === holder.decl) writes.push(right);
    });
    return writes;
  }
  for (const member of holder.cls.members) {
    if (ts.isPropertyDeclaration(member) && propertyNameText(member.name) === holder.name && member.initializer) writes.push(member.initializer);
  }
  eachAssignment(holder.cls, (left, right) => {
    const target = unwrap(left);
    if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword && target.name.text === holder.name && enclosingClass(target) === holder.cls) writes.push(right);
  });
  return writes;
}

function eachAssignment(root: ts.Node, visit: (left: ts.Expression, right: ts.Expression) => void): void {
  const walk = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) visit(node.left, node.right);
    ts.forEachChild(node, walk);
  };
  walk(root);
}

/** `undefined`, `null`, `''`: a reset or a placeholder, not a value from anywhere. */
function isNothing(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || ts.isVoidExpression(e) || ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && e.text === '');
}

/** Packages whose functions make random ids, by module. */
const RANDOM_MODULES: Readonly<Record<string, RegExp>> = {
  uuid: /^(v1|v4|v6|v7|uuid|uuidv4|default)$/,
  'node:crypto': /^(randomUUID|randomBytes|default|\*)$/,
  crypto: /^(randomUUID|randomBytes|default|\*)$/,
  nanoid: /^(nanoid|customAlphabet|default)$/,
  '@paralleldrive/cuid2': /^(createId|init)$/,
  cuid: /^(default|\*)$/,
  ulid: /^(ulid|monotonicFactory)$/,
  'short-uuid': /^(generate|uuid|default)$/,
};

/**
 * The random-id call a written value is made from: the call itself, or wrapped by string work
 * (`` `anon-${uuid()}` ``, `randomBytes(16).toString('hex')`), or a local holding one. A value
 * read first and generated only as a fallback (`stored ?? uuid()`) is not made up here.
 */
function generatorIn(analyzer: Analyzer, expr: ts.Expression, depth: number): ts.CallExpression | undefined {
  if (depth > 6) return undefined;
  const e = unwrap(expr);
  if (ts.isCallExpression(e)) {
    if (isRandomCall(analyzer, e)) return e;
    const callee = unwrap(e.expression);
    if (ts.isPropertyAccessExpression(callee)) return generatorIn(analyzer, callee.expression, depth + 1);
    if (ts.isIdentifier(callee) && (callee.text === 'String' || callee.text === 'Number') && e.arguments[0]) return generatorIn(analyzer, e.arguments[0], depth + 1);
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e)) return generatorIn(analyzer, e.expression, depth + 1);
  if (ts.isTemplateExpression(e)) {
    for (const span of e.templateSpans) {
      const found = generatorIn(analyzer, span.expression, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return generatorIn(analyzer, e.left, depth + 1) ?? generatorIn(analyzer, e.right, depth + 1);
  if (ts.isIdentifier(e)) {
    // `const id = uuid(); this.anonymousId = id`: a local made up right there, and nothing else.
    const binding = analyzer.program.resolve(e.text, e);
    if (binding?.kind !== 'variable' || binding.path.length > 0 || isModuleLevel(binding.decl)) return undefined;
    const fn = enclosingFunction(binding.decl);
    const values = [...(binding.decl.initializer ? [binding.decl.initializer] : [])];
    if (fn) {
      eachAssignment(fn, (left, right) => {
        const target = unwrap(left);
        if (ts.isIdentifier(target) && target.text === e.text && analyzer.program.resolve(target.text, target)?.kind === 'variable') values.push(right);
      });
    }
    const made = values.map((v) => generatorIn(analyzer, v, depth + 1));
    return made.length > 0 && made.every((m) => m !== undefined) ? made[0] : undefined;
  }
  return undefined;
}

function isRandomCall(analyzer: Analyzer, call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  const text = shortText(callee);
  if (text === 'Math.random' || /^(window\.|self\.|globalThis\.)?crypto\.randomUUID$/.test(text)) {
    const root = text.split('.')[0] ?? '';
    // Web Crypto and Math are globals unless the file imports or declares its own.
    const binding = analyzer.program.resolve(root, callee);
    if (!binding) return true;
  }
  let root: ts.Expression = callee;
  const members: string[] = [];
  while (ts.isPropertyAccessExpression(root)) {
    members.unshift(root.name.text);
    root = unwrap(root.expression);
  }
  if (!ts.isIdentifier(root)) return false;
  const binding = analyzer.program.resolve(root.text, root);
  if (binding?.kind !== 'import') return false;
  const names = RANDOM_MODULES[binding.module];
  if (!names) return false;
  // `import { v4 as uuid } from 'uuid'` → `uuid()`; `import * as uuid from 'uuid'` → `uuid.v4()`; `crypto.randomUUID()`.
  const name = binding.name === '*' || binding.name === 'default' ? (members[0] ?? binding.name) : binding.name;
  return members.length <= 1 && names.test(name);
}

/** Storage writes: a config store, a file, `localStorage`, a cookie, a database row. */
const STORE_WRITE = /^(set|save|write|persist|store|put|upsert|insert|update|output|cache)|cookie/i;

/**
 * Whether the holder's value reaches storage in its own file or class: passed to a write (`store.set('id', id)`,
 * `fs.writeFileSync(path, JSON.stringify({ id }))`), or assigned into `localStorage`/`document.cookie`.
 */
function isStored(holder: Holder, write: ts.Expression): boolean {
  const names = new Set([holder.kind === 'field' ? `this.${holder.name}` : holder.name]);
  // The local the value was made in (`const id = uuid(); store.set('id', id); this.id = id`).
  const local = unwrap(write);
  if (ts.isIdentifier(local)) names.add(local.text);
  const scope: ts.Node = holder.kind === 'field' ? holder.cls : holder.decl.getSourceFile();
  let stored = false;
  const mentions = (node: ts.Node): boolean => {
    if ((ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) && names.has(shortText(node))) return true;
    return ts.forEachChild(node, mentions) ?? false;
  };
  const walk = (node: ts.Node): void => {
    if (stored) return;
    if (ts.isCallExpression(node) && STORE_WRITE.test(calleeName(node.expression)) && node.arguments.some(mentions)) stored = true;
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(window\.)?(localStorage|sessionStorage|document\.cookie)\b/.test(shortText(node.left)) && mentions(node.right)) stored = true;
    else ts.forEachChild(node, walk);
  };
  walk(scope);
  return stored;
}
