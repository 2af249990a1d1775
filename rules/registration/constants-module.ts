import { isTypesPlan } from '../../src/plan/typed.js';
import { defineRule } from '../../src/engine/rule.js';
import { namesOf, siteCalls } from '../../src/code/events.js';

export default defineRule({
  id: 'registration/constants-module',
  category: 'registration',
  severity: 'P1',
  messageSeverity: { unsent: 'P3' },
  description: 'An event registry (an event-constants object or enum) agrees with the tracking plan, no two of its members send the same event, and every member is sent somewhere.',
  messages: {
    notInPlan: '`{{module}}.{{member}}` is `{{value}}`, which the tracking plan does not define.',
    collision: '`{{module}}.{{member}}` and `{{module}}.{{other}}` both send `{{value}}`.',
    unsent: '`{{module}}.{{member}}` (`{{value}}`) is never sent: no tracking call sends it and no other code mentions it.',
  },
  fix: {
    notInPlan: 'Add `{{value}}` to the plan, or correct the constant to the planned name.',
    collision: 'Give each constant its own event, or remove the duplicate and use one constant everywhere.',
    unsent: 'Send it where the action happens, or remove it from {{module}} so the registry lists only what is sent.',
  },
  check(ctx) {
    // Unsent members can be known only when the whole tree was read and some call was recognised.
    const wholeTree = ctx.mode === 'all' && ctx.codeScope === 'all' && siteCalls(ctx.code.calls).length > 0;
    const sent = new Set<string>();
    if (wholeTree) {
      for (const call of ctx.code.calls) {
        for (const name of namesOf(call.event)) sent.add(name);
        if (call.event?.kind === 'literal' && call.event.written) sent.add(call.event.written);
      }
    }
    for (const module of ctx.code.constants) {
      const referenced = new Set(module.referenced);
      const first = new Map<string, string>();
      for (const member of module.members) {
        const other = first.get(member.value);
        // Every finding of a member is at the member, about its value.
        const report = (messageId: 'collision' | 'unsent' | 'notInPlan', extra: Record<string, string> = {}) =>
          ctx.report({
            messageId,
            data: { module: module.name, member: member.name, value: member.value, ...extra },
            location: member.location,
            event: member.value,
            key: `${module.name}.${member.name}`,
          });
        if (other !== undefined) report('collision', { other });
        else first.set(member.value, member.name);
        if (wholeTree && !sent.has(member.value) && !referenced.has(member.name)) report('unsent');
        // A plan read from types lists the typed events only, not every event the registry may hold.
        if (ctx.plan && !isTypesPlan(ctx.plan) && !ctx.plan.byName.has(member.value)) report('notInPlan');
      }
    }
  },
});
