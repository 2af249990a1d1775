import { defineRule } from '../../src/engine/rule.js';
import { eventLabel, eventOf } from '../../src/code/events.js';
import { LOGGER } from '../../src/code/helpers.js';
import { isFunctionLike, ts } from '../../src/code/program.js';
import { calleeName, shortText, unwrap } from '../../src/code/syntax.js';
import type { Analyzer } from '../../src/code/analyzer.js';
import type { TrackCall } from '../../src/code/model.js';

/** A tracking call followed, in its block, by the awaited operation it reports on. */
interface Early {
  call: TrackCall;
  operation: string;
}

/** Last words of a name that report an intent or a start, not an outcome. */
const INTENT_WORDS = new Set([
  'clicked', 'viewed', 'opened', 'started', 'attempted', 'requested', 'initiated', 'submitted', 'shown', 'loaded', 'began', 'begun',
  'entered', 'selected', 'pressed', 'tapped', 'hovered', 'focused', 'displayed', 'seen', 'triggered', 'queued', 'scheduled',
  // Names of a start, in the base form (`SliceMachine Init Start`, `command:init:start`).
  'start', 'begin', 'attempt', 'request', 'initiate', 'trigger', 'click', 'open', 'view', 'submit',
]);
/** First words that name a start or an attempt (`StartEmailSignup`, `attempt_login`). */
const INTENT_FIRST_WORDS = new Set(['start', 'begin', 'attempt', 'request', 'try', 'initiate']);

/**
 * Awaited calls that are not the operation an event reports: reads and checks (`getPrefs`,
 * `detectEnvironment`), cache and page refreshes (`invalidate`, `refetch`), navigation, and the
 * caller's own callbacks (`onSuccess`).
 */
const NOT_THE_OPERATION = /^((get|fetch|load|list|find|read|query|detect|check|is|has|on)[A-Z_]|(invalidate|refetch|refresh|revalidate|reload|navigate|goto|redirect|wait|sleep|delay|flush)([A-Z_]|$))/;

export default defineRule<'early', Early>({
  id: 'reliability/track-before-success',
  category: 'reliability',
  severity: 'P2',
  description: 'An event that reports an outcome is sent after the operation has succeeded, not before it runs.',
  messages: { early: '{{event}} is sent before `{{operation}}` has completed; if it fails, the event reports something that never happened.' },
  fix: 'Move the tracking call after the awaited operation (and out of any path where it failed).',
  listen: {
    onCall({ call, node, analyzer }, record) {
      if (call.internal || !ts.isCallExpression(node)) return;
      const operation = earlyOperation(analyzer, node, call);
      if (operation) record({ call, operation });
    },
  },
  check(ctx) {
    for (const early of ctx.facts) {
      if (early.call.context.isTestFile) continue;
      ctx.report({
        messageId: 'early',
        data: { event: eventLabel(early.call), operation: early.operation },
        location: early.call.location,
        event: eventOf(early.call),
        key: early.call.snippet,
      });
    }
  },
});

/** The awaited business operation that follows a tracking call in the same block, if any. */
function earlyOperation(analyzer: Analyzer, node: ts.CallExpression, call: TrackCall): string | undefined {
  if (call.kind !== 'track' || !call.event || (call.event.kind !== 'literal' && call.event.kind !== 'constant')) return undefined;
  const words = call.event.value.split(/[^a-zA-Z0-9]+|(?=[A-Z])/).map((w) => w.toLowerCase());
  if (INTENT_WORDS.has(words[words.length - 1] ?? '') || INTENT_FIRST_WORDS.has(words.find((w) => w !== '') ?? '')) return undefined;
  let statement: ts.Node = node;
  while (statement.parent && !ts.isBlock(statement.parent) && !ts.isSourceFile(statement.parent)) {
    if (isFunctionLike(statement.parent)) return undefined;
    statement = statement.parent;
  }
  if (!ts.isExpressionStatement(statement)) return undefined;
  const block = statement.parent as ts.Block | ts.SourceFile;
  const index = block.statements.indexOf(statement as ts.Statement);
  // A step of the operation is an awaited call standing as its own statement or assigned to a
  // variable; an await inside a response (`res.json(await list())`) is not the reported work.
  for (const later of block.statements.slice(index + 1)) {
    let awaited: ts.Expression | undefined;
    if (ts.isExpressionStatement(later)) awaited = unwrap(later.expression);
    else if (ts.isVariableStatement(later)) awaited = later.declarationList.declarations[0]?.initializer;
    if (!awaited) continue;
    const step = unwrap(awaited);
    if (!ts.isAwaitExpression(step)) continue;
    const inner = unwrap(step.expression);
    if (ts.isCallExpression(inner) && !LOGGER.test(shortText(inner.expression)) && !NOT_THE_OPERATION.test(calleeName(inner.expression)) && !analyzer.resolveCall(inner)) {
      return shortText(inner.expression);
    }
  }
  return undefined;
}
