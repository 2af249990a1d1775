import { defineRule } from '../../src/engine/rule.js';
import { ownerOf, planProperties } from '../../src/plan/model.js';
import { tokens } from '../../src/names/tokens.js';

/** Quantity words and the unit to suggest for them. */
const QUANTITIES = new Map([
  ['duration', 'ms'], ['elapsed', 'ms'], ['latency', 'ms'], ['timeout', 'ms'], ['delay', 'ms'], ['interval', 'ms'],
  ['ttl', 'seconds'], ['uptime', 'seconds'], ['runtime', 'ms'], ['wait', 'ms'], ['spent', 'ms'], ['time', 'ms'],
  ['size', 'bytes'], ['filesize', 'bytes'], ['bandwidth', 'bps'], ['memory', 'bytes'], ['storage', 'bytes'],
  ['weight', 'kg'], ['distance', 'm'], ['width', 'px'], ['height', 'px'], ['age', 'days'],
]);
const UNITS = new Set([
  'ms', 'millis', 'milliseconds', 's', 'sec', 'secs', 'seconds', 'min', 'mins', 'minutes', 'h', 'hr', 'hrs', 'hours', 'days',
  'weeks', 'months', 'years', 'us', 'ns', 'micros', 'bytes', 'b', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'bits', 'bps',
  'kbps', 'mbps', 'px', 'pt', 'em', 'rem', 'percent', 'pct', 'ratio', 'm', 'km', 'cm', 'mm', 'mi', 'ft', 'kg', 'g', 'lb', 'lbs',
  'count', 'cents', 'chars', 'characters', 'frames', 'fps', 'epoch', 'rows', 'items', 'pages', 'bucket',
]);
/** Point-in-time words: `login_time_at`, `event_timestamp` are times, not durations (see schema/time-representation). */
const POINT_WORDS = new Set(['at', 'timestamp', 'date', 'datetime', 'ts', 'zone', 'timezone', 'of', 'day']);

export default defineRule({
  id: 'schema/unit-suffix',
  category: 'schema',
  planOnly: true,
  severity: 'P2',
  description: 'Numeric durations and sizes carry their unit in the name (`duration_ms`, `size_bytes`).',
  messages: { missing: 'Numeric property `{{property}}` on {{owner}} has no unit in its name.' },
  fix: 'Rename it to `{{suggestion}}` (or the unit you actually send).',
  check(ctx) {
    if (!ctx.plan) return;
    for (const { event, property } of planProperties(ctx.plan)) {
      const numeric = property.types.some((t) => t === 'integer' || t === 'number');
      const untyped = property.types.length === 0;
      if (!numeric && !untyped) continue;
      const words = tokens(property.name);
      if (words.some((w) => UNITS.has(w) || POINT_WORDS.has(w))) continue;
      const quantity = words.find((w) => QUANTITIES.has(w));
      if (!quantity) continue;
      ctx.report({
        messageId: 'missing',
        data: {
          property: property.path,
          owner: ownerOf(event),
          suggestion: `${property.name}_${QUANTITIES.get(quantity)}`,
        },
        location: property.location,
        event: event?.name,
        property: property.path,
      });
    }
  },
});
