import type { MethodShape } from './sdks.js';
import { isFunctionLike, ts, type FunctionLike } from './program.js';
import { enclosingClass, enclosingFunction, functionNameOf, nameOf } from './syntax.js';

// What tells a tracking helper from a function that merely contains a tracking call, and the
// transports the catalogue does not know: the predicates wrapper inference (in `Analyzer`) uses.

/** Names of helpers whose job is to track (`trackError`, `captureSignup`, `logAnalyticsEvent`). */
export const TRACKING_NAME = /track|capture|analytics|telemetry|logEvent|sendEvent|emitEvent|recordEvent/i;

export const REJECTING_CALLEES = /^(fetch|axios(\.\w+)?|got(\.\w+)?|ky(\.\w+)?|request|superagent\.\w+|http\.\w+|this\.http\.\w+)$/;

/** Requests a tracking call can be made with: `fetch`, axios, and any client's `post`. */
export const TRANSPORT = /^(fetch|\$fetch|ofetch|axios\.post|got\.post|ky\.post|(this\.)?[\w$]+(\.[\w$]+)*\.post)$/;

/** URLs of collection endpoints. */
export const TRACKING_URL = /track|telemetry|analytics|capture|collect|ingest|metrics|\/events?\b|\/e\/?$/i;

export const ENDPOINT_EVENT_KEYS = ['event', 'eventName', 'event_name', 'eventType'];

export const ENDPOINT_PROPERTY_KEYS = ['properties', 'data', 'props', 'payload', 'metadata', 'params'];

export const OWN_CLIENT_METHOD = /^(track|trackEvent|capture|captureEvent|logEvent|sendEvent|recordEvent|emitEvent)$/;

export const EVENT_PARAMETER = /^(event|eventName|event_name|eventType|type|name|action)$/;

export const TRACKING_OWNER = /telemet|analytic|tracker|tracking|metrics|segment|posthog|mixpanel|amplitude|rudder/i;

/** A method of the team's own telemetry client: see `Analyzer.ownClientCall`. */
export function isOwnTrackingClient(fn: FunctionLike, name: string, file: string): boolean {
  if (!OWN_CLIENT_METHOD.test(name)) return false;
  const first = fn.parameters[0];
  if (!first || !ts.isIdentifier(first.name) || !EVENT_PARAMETER.test(first.name.text)) return false;
  const owner = enclosingClass(fn)?.name?.text ?? '';
  return TRACKING_OWNER.test(owner) || TRACKING_OWNER.test(file.split('/').slice(-3).join('/'));
}

/** An SDK method that sends no event of its own (flush, shutdown). */
export function isFlush(shape: MethodShape): boolean {
  return shape.kind === 'track' && !shape.event && !shape.properties && !shape.identity?.length;
}

/**
 * Whether `fn` is a member of an object that stands for analytics: the object is named for it
 * (`landingPageAnalytics = { … }`) or is built by a function named for it (`useVideoAnalytics()`).
 */
export function trackingOwner(fn: FunctionLike): boolean {
  const object = memberOfObject(fn);
  if (!object) return false;
  if (TRACKING_NAME.test(nameOf(object))) return true;
  for (let outer = enclosingFunction(object); outer; outer = enclosingFunction(outer)) {
    if (TRACKING_NAME.test(functionNameOf(outer))) return true;
  }
  return false;
}

export function memberOfObject(fn: ts.Node): ts.ObjectLiteralExpression | undefined {
  if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) return fn.parent;
  if (ts.isPropertyAssignment(fn.parent) && ts.isObjectLiteralExpression(fn.parent.parent)) return fn.parent.parent;
  return undefined;
}

/** A name only handed back to the caller (`return send`, `return { inputError, log }`): returning is no use. */
function returned(id: ts.Identifier, fn: FunctionLike): boolean {
  let node: ts.Node = id;
  if (ts.isShorthandPropertyAssignment(node.parent) || (ts.isPropertyAssignment(node.parent) && node.parent.initializer === node)) node = node.parent.parent;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  return ts.isReturnStatement(node.parent) || (ts.isArrowFunction(fn) && fn.body === node);
}

/**
 * Calls inside a function's own body and the closures it runs, not in nested classes nor in the
 * functions it only hands out (members of an object it returns, a function it returns): those run
 * when their caller calls them, not when this function is called.
 */
export function callsIn(fn: FunctionLike): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const handedOut = (node: ts.Node) =>
    node !== fn && isFunctionLike(node) && (memberOfObject(node) !== undefined || ts.isReturnStatement(node.parent) || (ts.isArrowFunction(fn) && node.parent === fn));
  // A local helper (`const send = () => …`) runs only if this function uses it: calls it, or hands
  // it to what it renders or registers (`onClick={handleClick}`), not only to what it returns.
  const called = new Set<string>();
  const collect = (node: ts.Node) => {
    if (ts.isClassLike(node) || handedOut(node)) return;
    const parent = node.parent;
    const declaresOrNames =
      (ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyAccessExpression(parent) || ts.isMethodDeclaration(parent)) &&
      (parent as { name?: ts.Node }).name === node;
    if (ts.isIdentifier(node) && !declaresOrNames && !returned(node, fn)) {
      called.add(node.text);
    }
    ts.forEachChild(node, collect);
  };
  const uncalledHelper = (node: ts.Node) => {
    if (node === fn || !isFunctionLike(node)) return false;
    const name = ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : ts.isFunctionDeclaration(node) ? node.name?.text : undefined;
    return name !== undefined && !called.has(name);
  };
  const visit = (node: ts.Node) => {
    if (ts.isClassLike(node) || handedOut(node) || uncalledHelper(node)) return;
    if (ts.isCallExpression(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  if (fn.body) {
    collect(fn.body);
    visit(fn.body);
  }
  return out;
}

/** Logging and error-reporting calls: never the operation an event reports, and what a catch logs with. */
export const LOGGER = /^(console|logger|log|this\.logger|this\.log|Sentry|logging)\.\w+$|^(logError|logWarning|reportError|captureException)$/;
