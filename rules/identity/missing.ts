import { defineRule } from '../../src/engine/rule.js';
import { eventLabel, eventOf, siteCalls } from '../../src/code/events.js';

export default defineRule({
  id: 'identity/missing',
  category: 'identity',
  severity: 'P1',
  description: 'A server-side tracking call says whose action it was (userId / distinct_id / distinctId); a server SDK has no session to fall back on.',
  messages: { missing: '{{event}} is sent from the server with no identity.' },
  fix: "Pass the acting user's id; without a user, a prefixed fallback (`org_<id>`, `apikey_<id>`, `webhook_<id>`).",
  check(ctx) {
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.side !== 'server' || call.context.isTestFile || !call.identityVisible || call.identity.length > 0) continue;
      if (call.kind === 'group' || !call.event && call.kind === 'track') continue;
      ctx.report({ messageId: 'missing', data: { event: eventLabel(call) }, location: call.location, event: eventOf(call), key: call.snippet });
    }
  },
});
