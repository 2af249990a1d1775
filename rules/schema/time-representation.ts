import { defineRule } from '../../src/engine/rule.js';
import { ownerOf, planProperties, type PlanProperty } from '../../src/plan/model.js';
import { tokens } from '../../src/names/tokens.js';

const POINT_WORDS = new Set(['at', 'timestamp', 'datetime', 'date', 'ts']);
const TIME_UNITS = new Set(['ms', 'millis', 'milliseconds', 's', 'sec', 'secs', 'seconds', 'us', 'micros', 'ns', 'epoch', 'unix']);

type Representation = 'ISO 8601 date-time' | 'ISO 8601 date' | 'epoch milliseconds' | 'epoch seconds' | 'epoch (other unit)';

export default defineRule({
  id: 'schema/time-representation',
  category: 'schema',
  planOnly: true,
  severity: 'P2',
  description:
    'Points in time declare their representation (an ISO 8601 string with `format: date-time`, or an integer with a unit suffix such as `_ms`), and one concept uses one representation everywhere.',
  messages: {
    undeclared: 'Time value `{{property}}` on {{owner}} does not declare its representation.',
    noUnit: 'Numeric time value `{{property}}` on {{owner}} has no unit in its name.',
    mixed: 'Time value `{{property}}` on {{owner}} is {{representation}}, but `{{other}}` on {{otherOwner}} is {{otherRepresentation}}.',
  },
  fix: {
    undeclared: 'Add `format: date-time` (ISO 8601, UTC) to the string, or send an integer named with its unit (`{{name}}_ms`).',
    noUnit: 'Rename it to `{{name}}_ms` (or `_seconds`), whichever you send.',
    mixed: 'Use one representation for this concept across all events.',
  },
  check(ctx) {
    if (!ctx.plan) return;
    const seen = new Map<string, { property: PlanProperty; owner: ReturnType<typeof ownerOf>; representation: Representation }>();
    for (const { event, property } of planProperties(ctx.plan)) {
      const words = tokens(property.name);
      const unitAt = words.length - 1;
      const hasUnit = TIME_UNITS.has(words[unitAt] ?? '');
      const stem = hasUnit ? words.slice(0, unitAt) : words;
      if (!POINT_WORDS.has(stem[stem.length - 1] ?? '') || words.includes('zone') || words.includes('format')) continue;
      const owner = ownerOf(event);
      const base = { location: property.location, event: event?.name, property: property.path };
      const data = { property: property.path, owner, name: property.name };
      const representation = representationOf(property, hasUnit ? words[unitAt] : undefined);
      if (representation === 'undeclared') {
        ctx.report({ ...base, messageId: 'undeclared', data });
        continue;
      }
      if (representation === 'no-unit') {
        ctx.report({ ...base, messageId: 'noUnit', data });
        continue;
      }
      const key = stem.join('_');
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { property, owner, representation });
      } else if (first.representation !== representation) {
        ctx.report({
          ...base,
          messageId: 'mixed',
          data: { ...data, representation, other: first.property.path, otherOwner: first.owner, otherRepresentation: first.representation },
        });
      }
    }
  },
});

function representationOf(property: PlanProperty, unit: string | undefined): Representation | 'undeclared' | 'no-unit' {
  if (property.types.includes('string')) {
    if (property.format === 'date-time') return 'ISO 8601 date-time';
    if (property.format === 'date') return 'ISO 8601 date';
    return property.pattern ? 'ISO 8601 date-time' : 'undeclared';
  }
  if (property.types.includes('integer') || property.types.includes('number')) {
    if (!unit) return 'no-unit';
    if (unit === 'ms' || unit === 'millis' || unit === 'milliseconds') return 'epoch milliseconds';
    if (unit === 's' || unit === 'sec' || unit === 'secs' || unit === 'seconds') return 'epoch seconds';
    return 'epoch (other unit)';
  }
  return 'undeclared';
}
