import { defineRule } from '../../src/engine/rule.js';
import { eventOf } from '../../src/code/events.js';

export default defineRule({
  id: 'reliability/unguarded-rejection',
  category: 'reliability',
  severity: 'P1',
  description: "A tracking failure never breaks the user's action: calls that can reject are awaited inside a try/catch, or get a `.catch`.",
  messages: {
    awaited: '`{{method}}` can reject, and it is awaited with nothing to catch the error: a tracking outage fails this code path.',
    floating: '`{{method}}` can reject, and its promise is left unhandled{{voided}}: an unhandled rejection can take a Node process down.',
  },
  fix: {
    awaited: 'Wrap it in try/catch and log the failure, or `await {{method}}(…).catch(logTrackingError)`; better, make the helper swallow its own errors.',
    floating: 'Attach `.catch(logTrackingError)` to the call, or make the helper swallow its own errors.',
  },
  check(ctx) {
    for (const call of ctx.code.calls) {
      const c = call.context;
      if (!c.canReject || c.isTestFile || c.promiseCaught) continue;
      const floating = !c.awaited && !c.handedOn;
      if (c.awaited && !call.internal && c.inTry !== 'swallows') {
        ctx.report({ messageId: 'awaited', data: { method: call.method }, location: call.location, event: eventOf(call), key: call.snippet });
      } else if (floating) {
        ctx.report({
          messageId: 'floating',
          data: { method: call.method, voided: c.voided ? ' (void does not catch it)' : '' },
          location: call.location,
          event: eventOf(call),
          key: call.snippet,
        });
      }
    }
  },
});
