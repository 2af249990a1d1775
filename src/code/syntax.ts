import { isFunctionLike, ts, type FunctionLike } from './program.js';

// Questions about the syntax tree that need no evaluation: names, members, enclosing functions,
// how a call's promise is handled. Shared by evaluation, wrapper inference and extraction.

/** Where a wrapper is called: a call, or the element of a component that is one. */
export type CallSite = ts.CallExpression | ts.JsxOpeningLikeElement;

/** The expression an attribute of an element gives (`name="x"`, `data={{ … }}`); `true` for a bare one is no expression. */
export function jsxAttribute(element: ts.JsxOpeningLikeElement, name: string): ts.Expression | undefined {
  for (const attr of element.attributes.properties) {
    if (!ts.isJsxAttribute(attr) || !ts.isIdentifier(attr.name) || attr.name.text !== name || !attr.initializer) continue;
    if (ts.isStringLiteral(attr.initializer)) return attr.initializer;
    if (ts.isJsxExpression(attr.initializer)) return attr.initializer.expression;
  }
  return undefined;
}

/** The declared type at a path inside an object type literal (`{ deps: { ph: PostHog } }`). */
export function memberType(type: ts.TypeNode | undefined, path: readonly string[]): ts.TypeNode | undefined {
  let current = type;
  for (const key of path) {
    if (!current || !ts.isTypeLiteralNode(current)) return undefined;
    const member = current.members.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && propertyNameText(m.name) === key);
    current = member?.type;
  }
  return current;
}

/** A function passed to `.then(…)`: its first parameter may be a dynamically imported module. */
export function isThenCallback(fn: FunctionLike): boolean {
  const call = fn.parent;
  return call !== undefined && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'then';
}

const WRAPPER_KINDS = new Set([
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.TypeAssertionExpression,
]);

/** The expression inside parentheses, `as`, `satisfies`, `!` and `<T>` casts. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (WRAPPER_KINDS.has(e.kind)) {
    e = (e as ts.ParenthesizedExpression | ts.AsExpression | ts.SatisfiesExpression | ts.NonNullExpression | ts.TypeAssertion).expression;
  }
  return e;
}

export function propertyNameText(name: ts.PropertyName | ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const inner = unwrap(name.expression);
    if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return inner.text;
  }
  return undefined;
}

/** The name a value is known by: its variable, property or function name. */
export function nameOf(node: ts.Node): string {
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return propertyNameText(parent.name) ?? 'anonymous';
  if (parent && ts.isPropertyDeclaration(parent)) return propertyNameText(parent.name) ?? 'anonymous';
  if ((ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node)) && node.name) return node.name.text;
  if (parent && (ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isParenthesizedExpression(parent))) return nameOf(parent);
  if (parent && ts.isCallExpression(parent)) return nameOf(parent);
  return 'anonymous';
}

export function hasStatic(member: ts.ClassElement): boolean {
  return ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

export function hasAsync(fn: FunctionLike): boolean {
  return (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

export function enclosingClass(node: ts.Node): ts.ClassDeclaration | ts.ClassExpression | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) return n;
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
  }
  return undefined;
}

/** The name a function is known by: its own, its method name, or the variable or property it is assigned to. */
export function functionNameOf(fn: FunctionLike): string {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return propertyNameText(fn.name) ?? 'anonymous';
  return nameOf(fn);
}

export function calleeName(expr: ts.Expression): string {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}

/** Compact source text of an expression, for messages and callee matching. */
export function shortText(node: ts.Node): string {
  const sf = node.getSourceFile();
  const raw = sf.text.slice(node.getStart(sf), node.end);
  const text = /\s/.test(raw) ? raw.replace(/\s+/g, '') : raw;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The value expression of `key` in an object literal argument (shorthand included). */
export function objectProperty(arg: ts.Expression, key: string): ts.Expression | undefined {
  const literal = unwrap(arg);
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  for (const prop of literal.properties) {
    if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === key) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === key) return prop.name;
  }
  return undefined;
}

export function isAwaited(node: ts.Node): boolean {
  let n = node.parent;
  while (n && (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n))) n = n.parent;
  return n !== undefined && ts.isAwaitExpression(n);
}

export function returnsDirectly(call: ts.CallExpression, fn: FunctionLike): boolean {
  const parent = call.parent;
  if (ts.isReturnStatement(parent)) return enclosingFunction(parent) === fn;
  return ts.isArrowFunction(fn) && fn.body === call;
}

export function enclosingFunction(node: ts.Node): FunctionLike | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
  return undefined;
}

/** Inside a try (with a catch that does not rethrow) or with a `.catch` attached, within `fn`. */
export function isGuarded(call: ts.CallExpression, fn: FunctionLike): boolean {
  if (promiseCaught(call)) return true;
  const behaviour = tryBehaviour(call, fn);
  return behaviour === 'swallows';
}

/** A `.catch(...)`, or `.then(ok, fail)`, on the promise the call returns (through `.then`/`.finally` chains). */
export function promiseCaught(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  for (;;) {
    const access = node.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== node) return false;
    const chained = access.parent;
    if (!chained || !ts.isCallExpression(chained) || chained.expression !== access) return false;
    const name = access.name.text;
    if (name === 'catch') return true;
    if (name === 'then' && chained.arguments.length >= 2) return true;
    if (name !== 'then' && name !== 'finally') return false;
    node = chained;
  }
}

/**
 * An awaited call whose rejection travels to a handler outside its function: the async function is
 * a `.then` callback, or invoked on the spot, and the promise it returns is caught, awaited under a
 * try that swallows, or joined with `Promise.all` into one that is, up to a few functions out.
 */
export function rejectionHandledOutside(call: ts.CallExpression): boolean {
  const fn = enclosingFunction(call);
  return fn !== undefined && functionPromiseHandled(fn, 0);
}

function functionPromiseHandled(fn: FunctionLike, depth: number): boolean {
  if (depth > 6) return false;
  let up: ts.Node = fn;
  while (up.parent && ts.isParenthesizedExpression(up.parent)) up = up.parent;
  const parent = up.parent;
  if (!parent || !ts.isCallExpression(parent)) return false;
  // `(async () => { … })()`: the promise is the call's.
  if (parent.expression === up) return promiseHandled(parent, depth + 1);
  // `p.then(async () => { … })`: a rejection of the callback rejects the chained promise.
  const callee = parent.expression;
  if (ts.isPropertyAccessExpression(callee) && ['then', 'catch', 'finally'].includes(callee.name.text) && parent.arguments.includes(up as ts.Expression)) return promiseHandled(parent, depth + 1);
  return false;
}

function promiseHandled(promise: ts.Expression, depth: number): boolean {
  if (ts.isCallExpression(promise) && promiseCaught(promise)) return true;
  let node: ts.Node = promise;
  while (node.parent && (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isArrayLiteralExpression(parent)) {
    const all = parent.parent;
    if (all && ts.isCallExpression(all) && all.arguments[0] === parent && /^Promise\.(all|allSettled|race|any)$/.test(shortText(all.expression))) {
      return shortText(all.expression) === 'Promise.allSettled' || promiseHandled(all, depth);
    }
    return false;
  }
  const owner = enclosingFunction(node);
  if (!owner) return false;
  const returned = ts.isReturnStatement(parent) || (ts.isArrowFunction(owner) && owner.body === node);
  if (ts.isAwaitExpression(parent) || returned) {
    if (tryBehaviour(node, owner) === 'swallows') return true;
    return functionPromiseHandled(owner, depth);
  }
  return false;
}

/** What the catch of the nearest enclosing try (in the same function) does with an error. */
export function tryBehaviour(node: ts.Node, fn: FunctionLike | undefined): 'swallows' | 'rethrows' | undefined {
  let child: ts.Node = node;
  for (let n: ts.Node | undefined = node.parent; n && n !== fn; child = n, n = n.parent) {
    if (isFunctionLike(n)) return undefined;
    if (ts.isTryStatement(n) && n.tryBlock === child && n.catchClause) {
      return containsThrow(n.catchClause.block) ? 'rethrows' : 'swallows';
    }
  }
  return undefined;
}

export function containsThrow(block: ts.Node): boolean {
  return findThrow(block) !== undefined;
}

/** The first `throw` in a block, outside the functions defined in it. */
export function findThrow(block: ts.Node): ts.ThrowStatement | undefined {
  let found: ts.ThrowStatement | undefined;
  const visit = (node: ts.Node) => {
    if (found || isFunctionLike(node)) return;
    if (ts.isThrowStatement(node)) found = node;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(block, visit);
  return found;
}

/** A function declared at the top of its file (`function f`, `const f = () => …`). */
export function topLevel(fn: FunctionLike): boolean {
  if (ts.isFunctionDeclaration(fn)) return ts.isSourceFile(fn.parent);
  const decl = fn.parent;
  return ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && ts.isVariableStatement(decl.parent.parent) && ts.isSourceFile(decl.parent.parent.parent);
}

/** Member chains and names an expression reads: `account.email`, `form.emailField`, `user`. */
export function readsOf(expr: ts.Node): string[] {
  return readsAndCalls(expr, false).reads;
}

/** What `readsOf` gives, plus (unless told not to) the callee names of calls in the expression (`sha256`, `hashEmail`): one walk for both. */
export function readsAndCalls(expr: ts.Node, withCalls = true): { reads: string[]; calls: string[] } {
  // Most values are a literal, a name or a member chain (`item.id`): answered without a walk.
  if (LITERAL_KINDS.has(expr.kind)) return { reads: [], calls: [] };
  if (isPlainChain(expr)) {
    const text = isRead(expr) ? chainText(expr) : undefined;
    return { reads: text ? [text] : [], calls: [] };
  }
  const reads = new Set<string>();
  const calls: string[] = [];
  const visit = (node: ts.Node) => {
    if (isFunctionLike(node)) return;
    if (ts.isPropertyAccessExpression(node) || ts.isIdentifier(node)) {
      if (isRead(node)) {
        const text = chainText(node);
        if (text) reads.add(text);
      }
    } else if (ts.isElementAccessExpression(node)) {
      const key = unwrap(node.argumentExpression);
      if (ts.isStringLiteral(key)) {
        const base = chainText(node.expression);
        if (base) reads.add(`${base}.${key.text}`);
      }
    } else if (withCalls && ts.isCallExpression(node)) calls.push(shortText(node.expression));
    ts.forEachChild(node, visit);
  };
  visit(expr);
  return { reads: [...reads], calls };
}

const LITERAL_KINDS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
]);

/** `a`, `a.b.c`, `this.a`: a name or a member chain and nothing else. */
function isPlainChain(node: ts.Node): node is ts.Identifier | ts.PropertyAccessExpression {
  let n = node;
  while (ts.isPropertyAccessExpression(n)) n = n.expression;
  return ts.isIdentifier(n) || (n !== node && n.kind === ts.SyntaxKind.ThisKeyword);
}

/** A name or member chain read as a whole: not the start of a longer chain, a member name, a key or a callee. */
function isRead(node: ts.Identifier | ts.PropertyAccessExpression): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (ts.isPropertyAccessExpression(parent)) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  return !(ts.isCallExpression(parent) && parent.expression === node);
}

function chainText(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node)) {
    const base = chainText(node.expression);
    return base ? `${base}.${node.name.text}` : undefined;
  }
  if (ts.isCallExpression(node)) return chainText(node.expression);
  if (ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node)) return chainText(node.expression);
  return undefined;
}
