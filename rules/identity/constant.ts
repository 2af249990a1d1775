import { defineRule } from '../../src/engine/rule.js';
import { eventOf, siteCalls } from '../../src/code/events.js';

export default defineRule({
  id: 'identity/constant',
  category: 'identity',
  severity: 'P1',
  description: 'The identity is never an empty or constant string: every event with it lands on one profile, merging all users.',
  messages: {
    empty: 'Identity `{{key}}` is an empty string.',
    constant: 'Identity `{{key}}` is the constant `{{value}}`: every user sending this event becomes one profile.',
  },
  fix: "Send the acting user's id; for system events, a prefixed id of what acted (`org_<id>`, `apikey_<id>`).",
  check(ctx) {
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.context.isTestFile) continue;
      for (const id of call.identity) {
        if (id.literal === undefined) continue;
        const empty = id.literal.trim() === '';
        ctx.report({
          messageId: empty ? 'empty' : 'constant',
          data: { key: id.key, value: id.literal },
          location: id.location,
          event: eventOf(call),
          key: `${id.key}|${call.snippet}`,
        });
      }
    }
  },
});
