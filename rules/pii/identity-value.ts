import { defineRule } from '../../src/engine/rule.js';
import type { SourceLocation } from '../../src/engine/types.js';
import type { Analyzer } from '../../src/code/analyzer.js';
import { eventOf, siteCalls } from '../../src/code/events.js';
import { isFunctionLike, ts, type FunctionLike } from '../../src/code/program.js';
import { calleeName, readsAndCalls, unwrap } from '../../src/code/syntax.js';
import { isHashCall, piiInRead, type PiiMatch } from '../../src/names/pii.js';

/** An identity given by a helper's return value (`distinctId: getDistinctId(req)`), and the personal value it returns. */
interface HelperIdentity {
  location: SourceLocation;
  helper: string;
  read: string;
  kind: string;
}

export default defineRule<'read' | 'literal' | 'helper', HelperIdentity>({
  id: 'pii/identity-value',
  category: 'pii',
  severity: 'P0',
  description: 'The identity sent with events (distinct_id, userId) is a stable id, never an email address or a username.',
  messages: {
    read: 'Identity `{{key}}` is `{{read}}`, which looks like {{kind}}; it is copied into every event of this user.',
    literal: 'Identity `{{key}}` is an email address literal.',
    helper: 'Identity `{{key}}` is what `{{helper}}` returns, `{{read}}`, which looks like {{kind}}; it is copied into every event of this user.',
  },
  fix: 'Use the user\'s stable id (a UUID from your database) as the identity; keep the email in your own systems.',
  listen: {
    onCall({ call, node, analyzer }, record) {
      if (call.context.isTestFile || call.internal || !ts.isCallExpression(node)) return;
      const resolved = analyzer.resolveCall(node);
      for (const { expr } of resolved?.identity ?? []) {
        const found = helperReturn(analyzer, expr);
        if (found) record({ location: analyzer.program.location(unwrap(expr)), ...found });
      }
    },
  },
  check(ctx) {
    const helpers = new Map(ctx.facts.map((f) => [placeKey(f.location), f]));
    // A helper's identity written inside a wrapper is the same place for every caller: one finding there.
    const reported = new Set<string>();
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.context.isTestFile) continue;
      for (const id of call.identity) {
        if (id.literal !== undefined) {
          if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(id.literal)) {
            ctx.report({ messageId: 'literal', data: { key: id.key }, location: id.location, event: eventOf(call), key: `${id.key}|${call.snippet}` });
          }
          continue;
        }
        if (id.calls.some(isHashCall)) continue;
        const read = id.reads.find((r) => personal(piiInRead(r)));
        const match = read === undefined ? undefined : piiInRead(read);
        if (read !== undefined && match) {
          ctx.report({ messageId: 'read', data: { key: id.key, read, kind: match.kind }, location: id.location, event: eventOf(call), key: `${id.key}|${call.snippet}` });
          continue;
        }
        const helper = helpers.get(placeKey(id.location));
        if (!helper || reported.has(placeKey(id.location))) continue;
        reported.add(placeKey(id.location));
        ctx.report({ messageId: 'helper', data: { key: id.key, helper: helper.helper, read: helper.read, kind: helper.kind }, location: id.location, event: eventOf(call), key: id.key });
      }
    }
  },
});

function personal(match: PiiMatch | undefined): match is PiiMatch {
  return match !== undefined && !match.hashed && (match.kind === 'an email address' || match.kind === "a person's name" || match.kind === 'a phone number');
}

function placeKey(at: SourceLocation): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/**
 * The personal value a helper returns when the identity is its result (`getDistinctId(req)`, or a
 * const holding it): the helper's return expressions are read, and those of a helper it returns
 * the result of, one level further. A hashed return (`sha256(user.email)`) is no personal value.
 */
function helperReturn(analyzer: Analyzer, expr: ts.Expression): Omit<HelperIdentity, 'location'> | undefined {
  let e = unwrap(expr);
  if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  if (ts.isIdentifier(e)) {
    const binding = analyzer.program.resolve(e.text, e);
    if (binding?.kind !== 'variable' || binding.path.length > 0 || !binding.decl.initializer) return undefined;
    const decl = binding.decl;
    if (!ts.isVariableDeclarationList(decl.parent) || (decl.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
    e = unwrap(decl.initializer as ts.Expression);
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
  }
  if (!ts.isCallExpression(e)) return undefined;
  return returnedPii(analyzer, e, 0);
}

function returnedPii(analyzer: Analyzer, call: ts.CallExpression, depth: number): Omit<HelperIdentity, 'location'> | undefined {
  const callee = analyzer.evaluate(call.expression);
  if (callee.kind !== 'function' || !callee.fn.body) return undefined;
  const helper = callee.name === 'anonymous' || callee.name === 'default' ? calleeName(call.expression) : callee.name;
  if (isHashCall(helper)) return undefined;
  for (const returned of returnsOf(callee.fn)) {
    const e = unwrap(ts.isAwaitExpression(unwrap(returned)) ? (unwrap(returned) as ts.AwaitExpression).expression : returned);
    if (ts.isCallExpression(e) && depth < 1) {
      const inner = returnedPii(analyzer, e, depth + 1);
      if (inner) return { ...inner, helper };
      continue;
    }
    const { reads, calls } = readsAndCalls(e);
    if (calls.some(isHashCall)) continue;
    for (const read of reads) {
      const match = piiInRead(read);
      if (personal(match)) return { helper, read, kind: match.kind };
    }
  }
  return undefined;
}

function returnsOf(fn: FunctionLike): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    if (!isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}
