import { defineRule } from '../../src/engine/rule.js';
import { ownerOf, planProperties } from '../../src/plan/model.js';
import { tokens } from '../../src/names/tokens.js';

const VERBS = new Set(['is', 'has', 'was', 'did', 'should', 'can', 'will', 'does', 'had']);
const NEGATIONS = new Set(['not', 'no', 'non', 'never', 'dont', 'didnt', 'cannot', 'cant', 'isnt', 'without']);
/** Words that begin with "un" but are not negations. */
const NOT_NEGATED = new Set(['unique', 'united', 'universal', 'unit', 'union', 'understood', 'underlined', 'unlocked', 'under', 'until']);

export default defineRule({
  id: 'schema/negative-boolean',
  category: 'schema',
  planOnly: true,
  severity: 'P2',
  description: 'Booleans are positive (`is_filtered`, not `is_unfiltered` or `is_not_filtered`): double negatives make queries wrong.',
  messages: { negative: 'Boolean `{{property}}` on {{owner}} is phrased negatively.' },
  fix: 'Rename it to `{{suggestion}}` and invert the value.',
  check(ctx) {
    if (!ctx.plan) return;
    for (const { event, property } of planProperties(ctx.plan)) {
      if (!property.types.includes('boolean')) continue;
      const suggestion = positiveForm(tokens(property.name));
      if (!suggestion) continue;
      ctx.report({
        messageId: 'negative',
        data: { property: property.path, owner: ownerOf(event), suggestion },
        location: property.location,
        event: event?.name,
        property: property.path,
      });
    }
  },
});

/** The positive spelling of a negative name, or `undefined` if the name is not negative. */
function positiveForm(words: readonly string[]): string | undefined {
  const start = VERBS.has(words[0] ?? '') ? 1 : 0;
  const word = words[start] ?? '';
  if (NEGATIONS.has(word)) {
    const rest = words.slice(start + 1);
    if (rest.length === 0) return undefined;
    const verb = start === 1 ? words[0] : word === 'no' ? 'has' : 'is';
    return [verb, ...rest].join('_');
  }
  if (word.startsWith('un') && word.length >= 6 && !NOT_NEGATED.has(word) && (word.endsWith('ed') || word.endsWith('able'))) {
    return [...words.slice(0, start), word.slice(2), ...words.slice(start + 1)].join('_');
  }
  return undefined;
}
