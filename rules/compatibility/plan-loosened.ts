import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'compatibility/plan-loosened',
  category: 'compatibility',
  severity: 'P2',
  description: 'Loosening validation (RudderStack `allow_unplanned: false → true`, Snowplow `additionalProperties: false → true`) lets unplanned properties into the data unnoticed.',
  messages: { loosened: '`{{event}}` now accepts properties the tracking plan does not list.' },
  fix: 'Keep validation strict and add the new properties to the plan instead.',
  check(ctx) {
    for (const change of ctx.diff?.changed ?? []) {
      if (change.kind !== 'unplanned-allowed') continue;
      ctx.report({ messageId: 'loosened', data: { event: change.event }, location: change.location, event: change.event });
    }
  },
});
