import { defineRule } from '../../src/engine/rule.js';
import type { SourceLocation } from '../../src/engine/types.js';
import { eventOf } from '../../src/code/events.js';
import type { Analyzer } from '../../src/code/analyzer.js';
import { isFunctionLike, ts, type FunctionLike } from '../../src/code/program.js';
import { calleeName, enclosingFunction, isAwaited, promiseCaught, rejectionHandledOutside, shortText, tryBehaviour, unwrap } from '../../src/code/syntax.js';

/** A dynamic import whose chain leads to tracking and whose rejection nothing handles. */
interface FloatingLoad {
  location: SourceLocation;
  module: string;
  method: string;
  event?: string;
}

export default defineRule<'floating', FloatingLoad>({
  id: 'reliability/floating-chunk-load',
  category: 'reliability',
  severity: 'P1',
  description: 'A lazily loaded analytics module is loaded with a rejection handler: a chunk that fails to load must not become an unhandled rejection (or an error screen).',
  messages: {
    floating: '`{{module}}` is loaded to run `{{method}}`, and nothing handles the promise if the chunk fails to load (offline, a deploy replaced it): an unhandled rejection, in some frameworks an error screen.',
  },
  fix: 'Attach `.catch(() => {})` (or a logger) to the chain, or await it inside try/catch: tracking must not fail the page.',
  listen: {
    onCall({ call, node, analyzer }, record) {
      if (call.context.isTestFile || !ts.isCallExpression(node)) return;
      const load = floatingLoad(analyzer, node);
      if (!load) return;
      const event = eventOf(call);
      record({ location: analyzer.program.location(load), module: shortText(load), method: call.method, ...(event ? { event } : {}) });
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const fact of ctx.facts) {
      const where = `${fact.location.file}:${fact.location.line}:${fact.location.column}`;
      if (seen.has(where)) continue;
      seen.add(where);
      ctx.report({ messageId: 'floating', data: { module: fact.module, method: fact.method }, location: fact.location, ...(fact.event ? { event: fact.event } : {}), key: fact.module });
    }
  },
});

/**
 * The dynamic import a tracking call waits on, when its rejection is left unhandled: the call is
 * in a `.then` callback (a few functions out at most) of a chain that starts at `import(…)` (or at
 * a const or a function that gives one), and the chain has no `.catch` or rejection handler, is
 * not awaited under a try that swallows, and is not handed to a caller.
 */
function floatingLoad(analyzer: Analyzer, call: ts.CallExpression): ts.Expression | undefined {
  let fn = enclosingFunction(call);
  for (let hops = 0; fn && hops < 4; hops++, fn = enclosingFunction(fn)) {
    const chained = thenCall(fn);
    if (!chained) continue;
    const root = chainRoot(chained);
    const load = dynamicImport(analyzer, root);
    if (!load) continue;
    return handled(root) ? undefined : load;
  }
  return undefined;
}

/** The `p.then(fn)` call a function is the fulfilment handler of. */
function thenCall(fn: FunctionLike): ts.CallExpression | undefined {
  const parent = fn.parent;
  if (!parent || !ts.isCallExpression(parent) || !ts.isPropertyAccessExpression(parent.expression)) return undefined;
  return parent.expression.name.text === 'then' && parent.arguments[0] === fn ? parent : undefined;
}

/** The promise a `.then`/`.finally` chain starts from. */
function chainRoot(call: ts.CallExpression): ts.Expression {
  let e: ts.Expression = call;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['then', 'finally'].includes(e.expression.name.text)) e = unwrap(e.expression.expression);
  return e;
}

function isImportCall(e: ts.Expression): e is ts.CallExpression {
  return ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword;
}

/**
 * The `import(…)` a promise is: the call itself, a const holding it, or a call of a function of
 * the repository that returns one (`loadAnalytics().then(…)`).
 */
function dynamicImport(analyzer: Analyzer, root: ts.Expression): ts.Expression | undefined {
  const e = unwrap(root);
  if (isImportCall(e)) return e;
  if (ts.isIdentifier(e)) {
    const binding = analyzer.program.resolve(e.text, e);
    const init = binding?.kind === 'variable' && binding.path.length === 0 && ts.isVariableDeclarationList(binding.decl.parent) && binding.decl.parent.flags & ts.NodeFlags.Const ? binding.decl.initializer : undefined;
    return init && isImportCall(unwrap(init)) ? unwrap(init) : undefined;
  }
  if (ts.isCallExpression(e) && e.arguments.length === 0) {
    const callee = analyzer.evaluate(e.expression);
    if (callee.kind !== 'function') return undefined;
    const returned = returnedImport(callee.fn);
    // Reported where the loader is called: that chain is the one without a handler.
    return returned ? e : undefined;
  }
  return undefined;
}

/** The `import(…)` a function returns as is (`() => import('./analytics')`, `return import(…)`). */
function returnedImport(fn: FunctionLike): ts.CallExpression | undefined {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) {
    const body = unwrap(fn.body);
    return isImportCall(body) ? body : undefined;
  }
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node) => {
    if (found || isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression && isImportCall(unwrap(node.expression))) found = unwrap(node.expression) as ts.CallExpression;
    else ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return found;
}

/** Callbacks whose returned promise nobody awaits: returning the chain there hands it to no one. */
const IGNORES_RESULT = /^(useEffect|useLayoutEffect|onMounted|onMount|addEventListener|setTimeout|setInterval|requestIdleCallback|requestAnimationFrame|forEach|subscribe|on|once)$/;

/** Whether a rejection of the chain that starts at `root` reaches a handler, or the caller's hands. */
function handled(root: ts.Expression): boolean {
  if (ts.isCallExpression(root) && promiseCaught(root)) return true;
  // The outermost call of the chain: what happens to it decides.
  let top: ts.Expression = root;
  for (;;) {
    const access = top.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== top) break;
    const chained = access.parent;
    if (!chained || !ts.isCallExpression(chained) || chained.expression !== access) break;
    top = chained;
  }
  let node: ts.Node = top;
  while (node.parent && (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  const fn = enclosingFunction(node);
  if (isAwaited(node)) {
    if (tryBehaviour(node, fn) === 'swallows') return true;
    // Awaited in an async function: its caller gets the rejection, unless it is a handler no one awaits.
    if (ts.isCallExpression(top) && rejectionHandledOutside(top)) return true;
    return !(fn && ignoredResult(fn));
  }
  if (ts.isVoidExpression(parent) || ts.isExpressionStatement(parent)) return false;
  const returned = ts.isReturnStatement(parent) || (fn !== undefined && ts.isArrowFunction(fn) && fn.body === node);
  if (returned) return !(fn && ignoredResult(fn));
  // Assigned, passed on, or joined: the promise is kept, and whoever holds it decides.
  return true;
}

/** A function passed to something that drops what it returns (`useEffect(() => …)`, `el.addEventListener('x', …)`), or invoked on the spot. */
function ignoredResult(fn: FunctionLike): boolean {
  let up: ts.Node = fn;
  while (up.parent && ts.isParenthesizedExpression(up.parent)) up = up.parent;
  const parent = up.parent;
  if (!parent || !ts.isCallExpression(parent)) return false;
  if (parent.expression === up) {
    let outer: ts.Node = parent;
    while (outer.parent && ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
    return !!outer.parent && (ts.isExpressionStatement(outer.parent) || ts.isVoidExpression(outer.parent)) && !promiseCaught(parent);
  }
  return IGNORES_RESULT.test(calleeName(parent.expression));
}
