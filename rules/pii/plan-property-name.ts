import { defineRule } from '../../src/engine/rule.js';
import { ownerOf, planProperties } from '../../src/plan/model.js';
import { piiInName } from '../../src/names/pii.js';

export default defineRule({
  id: 'pii/plan-property-name',
  category: 'pii',
  planOnly: true,
  severity: 'P0',
  messageSeverity: { hashed: 'P3' },
  description: 'Tracking-plan properties must not carry personal data or secrets.',
  messages: {
    personal: 'Property `{{property}}` on {{owner}} looks like {{kind}}; analytics vendors must not receive it.',
    declared: 'Property `{{property}}` on {{owner}} is declared `pii: personal`.',
    hashed: 'Property `{{property}}` on {{owner}} is a hash of {{kind}}: accepted, as long as it is salted.',
  },
  fix: {
    personal:
      'Send a stable user id (UUID) instead and join in the warehouse. If you must stitch identities, send a salted SHA-256 and mark it `pii: hashed`; if the name misleads, mark it `pii: none`.',
    declared: 'Remove the property, or send a salted hash and mark it `pii: hashed`.',
    hashed: 'Make sure the hash is salted (an unsalted hash of an email is reversible by lookup).',
  },
  check(ctx) {
    if (!ctx.plan) return;
    const allow = new Set(ctx.config.pii.allow);
    for (const { event, property } of planProperties(ctx.plan)) {
      if (property.pii === 'none' || allow.has(property.name) || allow.has(property.path)) continue;
      const owner = ownerOf(event);
      const base = { location: property.location, event: event?.name, property: property.path };
      if (property.pii === 'personal') {
        ctx.report({ ...base, messageId: 'declared', data: { property: property.path, owner } });
        continue;
      }
      const match = piiInName(property.name, { types: property.types, words: ctx.config.pii.words });
      if (property.pii === 'hashed' || match?.hashed) {
        ctx.report({ ...base, messageId: 'hashed', data: { property: property.path, owner, kind: match?.kind ?? 'personal data' } });
        continue;
      }
      if (match) ctx.report({ ...base, messageId: 'personal', data: { property: property.path, owner, kind: match.kind } });
    }
  },
});
