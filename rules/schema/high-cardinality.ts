import { defineRule } from '../../src/engine/rule.js';
import { ownerOf, planProperties } from '../../src/plan/model.js';
import { findSequence, tokens } from '../../src/names/tokens.js';

type Kind = 'url' | 'search' | 'message' | 'stack';

const LAST_WORD: ReadonlyMap<string, Kind> = new Map([
  ['url', 'url'], ['uri', 'url'], ['href', 'url'], ['link', 'url'], ['referrer', 'url'], ['referer', 'url'],
  ['query', 'search'], ['term', 'search'], ['keyword', 'search'], ['keywords', 'search'],
  ['message', 'message'], ['msg', 'message'], ['comment', 'message'], ['body', 'message'], ['text', 'message'],
  ['content', 'message'], ['feedback', 'message'], ['prompt', 'message'], ['description', 'message'],
  ['stack', 'stack'], ['stacktrace', 'stack'], ['traceback', 'stack'], ['backtrace', 'stack'],
]);
/** Words that make the value a bounded fact about the text, or a normalised form of it. */
const BOUNDED = new Set([
  'length', 'count', 'type', 'id', 'category', 'kind', 'code', 'hash', 'present', 'source', 'format', 'language', 'route',
  'pattern', 'template', 'path', 'host', 'domain', 'name', 'key', 'status', 'level',
]);

export default defineRule({
  id: 'schema/high-cardinality',
  category: 'schema',
  planOnly: true,
  severity: 'P2',
  description: 'Free-text values (full URLs, raw search queries, messages, stack traces) explode storage and break GROUP BY.',
  messages: {
    url: 'Property `{{property}}` on {{owner}} sends full URLs (unbounded, and they can carry tokens or emails).',
    search: 'Property `{{property}}` on {{owner}} sends raw search text (unbounded, often personal).',
    message: 'Property `{{property}}` on {{owner}} sends free text.',
    stack: 'Property `{{property}}` on {{owner}} sends stack traces; they belong in error tracking, not analytics.',
  },
  fix: {
    url: 'Send the route pattern (`/reports/{id}`) or the host, or declare an `enum`/`pattern` for the values.',
    search: 'Send `query_length`, a result count, or a category; keep raw queries out of analytics.',
    message: 'Send an `enum` of categories (or a code) instead of the text.',
    stack: 'Send an error code or class as an `enum`; link to the error tracker by id.',
  },
  check(ctx) {
    if (!ctx.plan) return;
    for (const { event, property } of planProperties(ctx.plan)) {
      if (property.types.length > 0 && !property.types.includes('string')) continue;
      if (property.enum || property.pattern || 'const' in property.schema) continue;
      const words = tokens(property.name);
      if (words.some((w) => BOUNDED.has(w))) continue;
      const kind = findSequence(words, ['stack', 'trace']) >= 0 ? 'stack' : LAST_WORD.get(words[words.length - 1] ?? '');
      if (!kind) continue;
      ctx.report({
        messageId: kind,
        data: { property: property.path, owner: ownerOf(event) },
        location: property.location,
        event: event?.name,
        property: property.path,
      });
    }
  },
});
