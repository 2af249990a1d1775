import { defineRule } from '../../src/engine/rule.js';
import { siteCalls } from '../../src/code/events.js';

export default defineRule({
  id: 'registration/dynamic-event',
  category: 'registration',
  severity: 'P1',
  description: 'Event names are fixed strings or constants, so they can be checked against the plan and found by search.',
  messages: { dynamic: 'The event name `{{text}}` cannot be known before run time: {{reason}}.' },
  fix: 'Pass a literal or a constant from the events module; put the varying part in a property (`{ report_type: kind }`).',
  check(ctx) {
    // A name a wrapper builds at run time is one problem, in the wrapper, however many call it.
    const seen = new Set<string>();
    for (const call of siteCalls(ctx.code.calls)) {
      // A name built from a component's prop is chosen where the component is used.
      if (call.kind !== 'track' || call.context.isTestFile || call.event?.kind !== 'dynamic' || call.event.fromProps) continue;
      const at = call.event.location;
      const where = `${at.file}:${at.line}:${at.column}`;
      if (at.file !== call.file && seen.has(where)) continue;
      seen.add(where);
      ctx.report({
        messageId: 'dynamic',
        data: { text: call.event.text || call.method, reason: call.event.reason },
        location: call.event.location,
        key: call.snippet,
      });
    }
  },
});
