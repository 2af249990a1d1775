import { defineRule } from '../../src/engine/rule.js';
import { eventOf, siteCalls } from '../../src/code/events.js';
import { isHashCall, piiInRead } from '../../src/names/pii.js';

export default defineRule({
  id: 'pii/identity-value',
  category: 'pii',
  severity: 'P0',
  description: 'The identity sent with events (distinct_id, userId) is a stable id, never an email address or a username.',
  messages: {
    read: 'Identity `{{key}}` is `{{read}}`, which looks like {{kind}}; it is copied into every event of this user.',
    literal: 'Identity `{{key}}` is an email address literal.',
  },
  fix: 'Use the user\'s stable id (a UUID from your database) as the identity; keep the email in your own systems.',
  check(ctx) {
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.context.isTestFile) continue;
      for (const id of call.identity) {
        if (id.literal !== undefined) {
          if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(id.literal)) {
            ctx.report({ messageId: 'literal', data: { key: id.key }, location: id.location, event: eventOf(call), key: `${id.key}|${call.snippet}` });
          }
          continue;
        }
        if (id.calls.some(isHashCall)) continue;
        for (const read of id.reads) {
          const match = piiInRead(read);
          if (!match || match.hashed || (match.kind !== 'an email address' && match.kind !== "a person's name" && match.kind !== 'a phone number')) continue;
          ctx.report({ messageId: 'read', data: { key: id.key, read, kind: match.kind }, location: id.location, event: eventOf(call), key: `${id.key}|${call.snippet}` });
          break;
        }
      }
    }
  },
});
