import { defineRule } from '../../src/engine/rule.js';
import { isTypesPlan } from '../../src/plan/typed.js';
import { ownerOf, planProperties } from '../../src/plan/model.js';

export default defineRule({
  id: 'schema/untyped-required',
  category: 'schema',
  planOnly: true,
  severity: 'P2',
  description: 'A required property declares its type; otherwise any value satisfies the plan.',
  messages: { untyped: 'Required property `{{property}}` on {{owner}} has no type.' },
  fix: 'Add `type:` (string, integer, number, boolean, object or array).',
  check(ctx) {
    // An event type's property whose type is not read (a class, a package's type) is typed all the same.
    if (!ctx.plan || isTypesPlan(ctx.plan)) return;
    for (const { event, property } of planProperties(ctx.plan)) {
      if (!property.required || property.types.length > 0 || property.enum || 'const' in property.schema) continue;
      ctx.report({
        messageId: 'untyped',
        data: { property: property.path, owner: ownerOf(event) },
        location: property.location,
        event: event?.name,
        property: property.path,
      });
    }
  },
});
