import { defineRule } from '../../src/engine/rule.js';
import type { SourceLocation } from '../../src/engine/types.js';
import { enclosingFunction, findThrow, functionNameOf } from '../../src/code/syntax.js';

/** A catch of a tracking-only try that throws: where, and in which helper. */
interface Rethrow {
  wrapper: string;
  location: SourceLocation;
}

export default defineRule<'rethrows', Rethrow>({
  id: 'reliability/rethrowing-helper',
  category: 'reliability',
  severity: 'P1',
  description: "A tracking helper's catch logs and moves on; rethrowing hands a tracking failure to the business code that called it.",
  messages: { rethrows: '`{{wrapper}}` rethrows when tracking fails, so the caller\'s action fails with it.' },
  fix: 'Log the error (ids only) and return; tracking is fire-and-forget.',
  listen: {
    onFileEnd({ analyzer, trackingTries }, record) {
      for (const statement of trackingTries) {
        const thrown = statement.catchClause && findThrow(statement.catchClause.block);
        if (!thrown) continue;
        const fn = enclosingFunction(statement);
        record({ wrapper: fn ? functionNameOf(fn) : 'top level', location: analyzer.program.location(thrown) });
      }
    },
  },
  check(ctx) {
    for (const rethrow of ctx.facts) {
      ctx.report({ messageId: 'rethrows', data: { wrapper: rethrow.wrapper }, location: rethrow.location, key: rethrow.wrapper });
    }
  },
});
