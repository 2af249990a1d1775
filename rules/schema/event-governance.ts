import { defineRule } from '../../src/engine/rule.js';
import { isTypesPlan } from '../../src/plan/typed.js';

export default defineRule({
  id: 'schema/event-governance',
  category: 'schema',
  severity: 'P3',
  description: 'A new event names its owner and its trigger, so someone answers for it and everyone sends it at the same moment.',
  messages: { missing: '{{which}} `{{event}}` has no {{missing}}.' },
  fix: 'Add the missing {{missing}} to the event: `owner:` names who answers for it, `trigger:` says exactly when it is sent (e.g. "after the export API call succeeds").',
  check(ctx) {
    // Event types in code have no owner or status fields to fill in.
    if (!ctx.plan || isTypesPlan(ctx.plan)) return;
    for (const event of ctx.plan.events) {
      if (event.status === 'deprecated' || !ctx.isNewEvent(event.name)) continue;
      const missing = [!event.owner && 'owner', !event.trigger && 'trigger'].filter((x): x is string => Boolean(x));
      if (missing.length === 0) continue;
      ctx.report({
        messageId: 'missing',
        // In an audit every event is judged, and calling them all "new" would be untrue.
        data: { event: event.name, missing: missing.join(' or '), which: ctx.mode === 'all' ? 'Event' : 'New event' },
        location: event.location,
        event: event.name,
      });
    }
  },
});
