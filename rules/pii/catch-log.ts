import { defineRule } from '../../src/engine/rule.js';
import { piiInName, piiInRead } from '../../src/names/pii.js';

export default defineRule({
  id: 'pii/catch-log',
  category: 'pii',
  severity: 'P0',
  description: "A tracking helper's error handler logs ids only: personal data in logs outlives every retention policy.",
  messages: { logged: '`{{wrapper}}` logs `{{what}}` ({{kind}}) when tracking fails.' },
  fix: 'Log ids only (the event name and a user id), never personal fields or the whole properties object.',
  check(ctx) {
    for (const log of ctx.code.catchLogs) {
      const hit =
        log.keys.map((key) => ({ what: key, match: piiInName(key) })).find((x) => x.match && !x.match.hashed) ??
        log.reads.map((read) => ({ what: read, match: piiInRead(read) })).find((x) => x.match && !x.match.hashed);
      if (!hit?.match) continue;
      ctx.report({ messageId: 'logged', data: { wrapper: log.wrapper, what: hit.what, kind: hit.match.kind }, location: log.location, key: hit.what });
    }
  },
});
