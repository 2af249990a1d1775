import { defineRule } from '../../src/engine/rule.js';
import { concept } from '../../src/names/tokens.js';
import type { PlanEvent } from '../../src/plan/model.js';

export default defineRule({
  id: 'naming/similar-events',
  category: 'naming',
  planOnly: true,
  severity: 'P2',
  description: 'Two events whose names differ only in case or separators split one metric in two.',
  messages: { duplicate: 'Event `{{event}}` differs from `{{other}}` only in case or separators.' },
  fix: 'Keep one of the two names; if both already carry data, deprecate one and merge them in the warehouse.',
  check(ctx) {
    if (!ctx.plan) return;
    const seen = new Map<string, PlanEvent>();
    for (const event of ctx.plan.events) {
      const key = concept(event.name);
      const other = seen.get(key);
      if (!other) {
        seen.set(key, event);
        continue;
      }
      ctx.report({
        messageId: 'duplicate',
        data: { event: event.name, other: other.name },
        location: event.location,
        event: event.name,
        key: other.name,
      });
    }
  },
});
