import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'plan/invalid-plan',
  category: 'plan',
  planOnly: true,
  severity: 'P1',
  description: 'The tracking plan must parse and match the plan format; otherwise nothing downstream can be trusted.',
  messages: { invalid: '{{message}}' },
  fix: '{{fix}}',
  check(ctx) {
    for (const problem of ctx.planProblems) {
      ctx.report({
        messageId: 'invalid',
        data: { message: problem.message, fix: problem.fix },
        location: problem,
        key: problem.message,
      });
    }
  },
});
