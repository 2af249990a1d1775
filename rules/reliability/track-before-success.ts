import { defineRule } from '../../src/engine/rule.js';
import { eventLabel, eventOf } from '../../src/code/events.js';

export default defineRule({
  id: 'reliability/track-before-success',
  category: 'reliability',
  severity: 'P2',
  description: 'An event that reports an outcome is sent after the operation has succeeded, not before it runs.',
  messages: { early: '{{event}} is sent before `{{operation}}` has completed; if it fails, the event reports something that never happened.' },
  fix: 'Move the tracking call after the awaited operation (and out of any path where it failed).',
  check(ctx) {
    for (const early of ctx.code.earlyCalls) {
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
