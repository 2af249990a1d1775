import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'reliability/rethrowing-helper',
  category: 'reliability',
  severity: 'P1',
  description: "A tracking helper's catch logs and moves on; rethrowing hands a tracking failure to the business code that called it.",
  messages: { rethrows: '`{{wrapper}}` rethrows when tracking fails, so the caller\'s action fails with it.' },
  fix: 'Log the error (ids only) and return; tracking is fire-and-forget.',
  check(ctx) {
    for (const rethrow of ctx.code.rethrows) {
      ctx.report({ messageId: 'rethrows', data: { wrapper: rethrow.wrapper }, location: rethrow.location, key: rethrow.wrapper });
    }
  },
});
