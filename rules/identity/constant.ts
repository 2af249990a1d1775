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
    fallback: 'Identity `{{key}}` falls back to the constant `{{value}}` when `{{text}}` gets no real value: every user for whom that happens becomes one profile.',
  },
  fix: "Send the acting user's id; for system events, a prefixed id of what acted (`org_<id>`, `apikey_<id>`).",
  check(ctx) {
    // Once where the identity is written: a wrapper's fallback is one problem, not one per caller.
    const reported = new Set<string>();
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.context.isTestFile) continue;
      for (const id of call.identity) {
        if (id.literal === undefined) continue;
        const empty = id.literal.trim() === '';
        // `let id = ''` set later is a placeholder, not an identity anyone sends on purpose.
        if (id.fallback && empty) continue;
        const at = `${id.location.file}:${id.location.line}:${id.location.column}`;
        if (reported.has(at)) continue;
        reported.add(at);
        ctx.report({
          messageId: id.fallback ? 'fallback' : empty ? 'empty' : 'constant',
          data: { key: id.key, value: id.literal, text: id.text },
          location: id.location,
          event: eventOf(call),
          key: `${id.key}|${id.text}|${call.snippet}`,
        });
      }
    }
  },
});
