import { defineRule } from '../../src/engine/rule.js';
import { isTypesPlan } from '../../src/plan/typed.js';
import { ownerOf, planProperties } from '../../src/plan/model.js';

export default defineRule({
  id: 'schema/missing-description',
  category: 'schema',
  planOnly: true,
  severity: 'P2',
  description: 'Every event and property says what it means; an undocumented field gets misread in the warehouse.',
  messages: {
    event: 'Event `{{event}}` has no description.',
    property: 'Property `{{property}}` on {{owner}} has no description.',
  },
  fix: {
    event: 'Add `description:` saying what happened, in the user\'s terms.',
    property: 'Add `description:` saying what the value means (and its unit, if any).',
  },
  check(ctx) {
    // Event types in code have no place for a description: asking for one there is noise.
    if (!ctx.plan || isTypesPlan(ctx.plan)) return;
    for (const event of ctx.plan.events) {
      if (!event.description) ctx.report({ messageId: 'event', data: { event: event.name }, location: event.location, event: event.name });
    }
    for (const { event, property } of planProperties(ctx.plan)) {
      if (property.description) continue;
      ctx.report({
        messageId: 'property',
        data: { property: property.path, owner: ownerOf(event) },
        location: property.location,
        event: event?.name,
        property: property.path,
      });
    }
  },
});
