import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'plan/invalid-config',
  category: 'plan',
  severity: 'P1',
  description: 'The trackguard configuration must parse and validate; a broken config never silently falls back to a pass.',
  messages: { invalid: '{{message}}' },
  fix: '{{fix}} (The review ran with default settings for what could not be read.)',
  check(ctx) {
    for (const problem of ctx.configProblems) {
      ctx.report({
        messageId: 'invalid',
        data: { message: problem.message, fix: problem.fix },
        location: problem,
        key: problem.message,
      });
    }
  },
});
