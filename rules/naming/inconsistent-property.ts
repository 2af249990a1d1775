import { defineRule } from '../../src/engine/rule.js';
import { planProperties, type PlanProperty } from '../../src/plan/model.js';
import { concept } from '../../src/names/tokens.js';

export default defineRule({
  id: 'naming/inconsistent-property',
  category: 'naming',
  planOnly: true,
  severity: 'P2',
  description: 'One concept is spelled one way across all events (`user_id` everywhere, never `userId` in one event).',
  messages: {
    spelling: 'Property `{{property}}` is spelled `{{canonical}}` elsewhere in the plan ({{where}}).',
  },
  fix: 'Rename it to `{{canonical}}` so cross-event queries need no mapping.',
  check(ctx) {
    if (!ctx.plan) return;
    // The first spelling in plan order is the one the others are measured against.
    const first = new Map<string, { property: PlanProperty; where: string }>();
    for (const { event, property } of planProperties(ctx.plan)) {
      const key = concept(property.name);
      if (!key) continue;
      const seen = first.get(key);
      if (!seen) {
        first.set(key, { property, where: event ? event.name : 'common properties' });
        continue;
      }
      if (seen.property.name === property.name) continue;
      ctx.report({
        messageId: 'spelling',
        data: { property: property.path, canonical: seen.property.name, where: seen.where },
        location: property.location,
        event: event?.name,
        property: property.path,
      });
    }
  },
});
