import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'registration/constants-module',
  category: 'registration',
  severity: 'P1',
  description: 'An event-constants object or enum agrees with the tracking plan, and no two of its members send the same event.',
  messages: {
    notInPlan: '`{{module}}.{{member}}` is `{{value}}`, which the tracking plan does not define.',
    collision: '`{{module}}.{{member}}` and `{{module}}.{{other}}` both send `{{value}}`.',
  },
  fix: {
    notInPlan: 'Add `{{value}}` to the plan, or correct the constant to the planned name.',
    collision: 'Give each constant its own event, or remove the duplicate and use one constant everywhere.',
  },
  check(ctx) {
    for (const module of ctx.code.constants) {
      const first = new Map<string, string>();
      for (const member of module.members) {
        const other = first.get(member.value);
        if (other !== undefined) {
          ctx.report({
            messageId: 'collision',
            data: { module: module.name, member: member.name, other, value: member.value },
            location: member.location,
            event: member.value,
            key: `${module.name}.${member.name}`,
          });
        } else first.set(member.value, member.name);
        if (ctx.plan && !ctx.plan.byName.has(member.value)) {
          ctx.report({
            messageId: 'notInPlan',
            data: { module: module.name, member: member.name, value: member.value },
            location: member.location,
            event: member.value,
            key: `${module.name}.${member.name}`,
          });
        }
      }
    }
  },
});
