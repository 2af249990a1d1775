import { defineRule } from '../../src/engine/rule.js';
import { isTypesPlan } from '../../src/plan/typed.js';
import { ownerOf, planProperties } from '../../src/plan/model.js';
import { tokens } from '../../src/names/tokens.js';

const ID_WORDS = new Set(['id', 'uuid', 'guid']);

export default defineRule({
  id: 'schema/id-format',
  category: 'schema',
  planOnly: true,
  severity: 'P2',
  description: 'Identifiers declare their format (uuid) or a pattern, so joins do not silently fail on a stray format.',
  messages: { undeclared: 'Identifier `{{property}}` on {{owner}} declares no format or pattern.' },
  fix: 'Add `format: uuid` (or a `pattern:` for prefixed ids such as `^org_[0-9a-f-]{36}$`).',
  check(ctx) {
    // A TypeScript type cannot declare a format or pattern: asking event types for one is noise.
    if (!ctx.plan || isTypesPlan(ctx.plan)) return;
    for (const { event, property } of planProperties(ctx.plan)) {
      const words = tokens(property.name);
      if (!ID_WORDS.has(words[words.length - 1] ?? '')) continue;
      if (property.types.length > 0 && !property.types.includes('string')) continue;
      if (property.format || property.pattern || property.enum || 'const' in property.schema) continue;
      ctx.report({
        messageId: 'undeclared',
        data: { property: property.path, owner: ownerOf(event) },
        location: property.location,
        event: event?.name,
        property: property.path,
      });
    }
  },
});
