import { defineRule } from '../../src/engine/rule.js';
import { namesOf, registriesByFile, siteCalls } from '../../src/code/events.js';
import { code } from '../../src/engine/types.js';
import { isTypesPlan } from '../../src/plan/typed.js';

export default defineRule({
  id: 'registration/unplanned-event',
  category: 'registration',
  severity: 'P1',
  description: 'Every event the code sends is defined in the tracking plan (or, without a plan file, in the event-constants module).',
  messages: {
    unplanned: 'Event `{{event}}` is tracked here but the tracking plan does not define it.',
    removed: 'Event `{{event}}` was removed from the tracking plan but is still tracked here.',
    notInConstants: 'Event `{{event}}` is tracked as a string but is not among the event constants ({{modules}}).',
  },
  fix: {
    unplanned: 'Add `{{event}}` to the tracking plan with its properties, or correct the name to a planned event.',
    removed: 'Stop sending `{{event}}` here, or keep it in the plan with `status: deprecated` until the code is gone.',
    notInConstants: 'Add it to {{modules}} and use the constant, so the registry stays the single list of events.',
  },
  check(ctx) {
    // A plan read from event types lists the typed events, not every event: the registry decides.
    const plan = isTypesPlan(ctx.plan) ? undefined : ctx.plan;
    if (!plan && ctx.code.constants.length === 0) return;
    const registriesOf = registriesByFile(ctx.code);
    const seen = new Set<string>();
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.kind !== 'track' || call.context.isTestFile || !call.event) continue;
      for (const name of namesOf(call.event)) {
        const at = call.event.location;
        const key = `${name}@${at.file}:${at.line}:${at.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (plan) {
          if (plan.byName.has(name)) continue;
          const removed = ctx.basePlan?.byName.has(name) === true;
          ctx.report({ messageId: removed ? 'removed' : 'unplanned', data: { event: name }, location: at, event: name, key: call.snippet });
        } else if (call.event.kind === 'literal') {
          const written = call.event.written;
          const registries = registriesOf(call.file);
          if (registries.length === 0 || registries.some((r) => r.members.some((m) => m.value === name || m.value === written))) continue;
          ctx.report({ messageId: 'notInConstants', data: { event: name, modules: code(registries.map((r) => r.name).join(', ')) }, location: at, event: name, key: call.snippet });
        }
      }
    }
  },
});
