import { defineRule } from '../../src/engine/rule.js';
import { code } from '../../src/engine/types.js';

/**
 * Suppression comments that name nothing, or silence nothing, as ESLint's
 * `--report-unused-disable-directives` reports them: a comment that outlived its finding, or
 * that never matched (a typo in the id), would silence the next real finding there unnoticed.
 */
export default defineRule<'unknown' | 'unused'>({
  id: 'plan/suppression',
  category: 'plan',
  severity: 'P3',
  description: 'Every trackguard-ignore comment names known rules and silences a finding.',
  afterSuppressions: true,
  messages: {
    unknown: '`{{id}}` in this trackguard-ignore comment is neither a rule id nor a category.',
    unused: 'This `trackguard-ignore-{{scope}}` comment silences nothing: no finding of {{what}} is reported {{where}}.',
  },
  fix: {
    unknown: '{{hint}}',
    unused: 'Remove the comment, or move it to where the finding it is for is reported.',
  },
  check(ctx) {
    for (const comment of ctx.suppressions) {
      for (const { id, suggestion } of comment.unknownIds) {
        ctx.report({
          messageId: 'unknown',
          data: { id, hint: suggestion ? `Did you mean \`${suggestion}\`?` : 'Use a rule id from docs/rules/ (`pii/code-property`) or a category (`pii`).' },
          location: { file: comment.file, line: comment.line, column: 1 },
          key: `unknown|${id}`,
        });
      }
      if (comment.used || comment.unknownIds.length) continue;
      const what = comment.ruleIds.length ? code(comment.ruleIds.join(', ')) : 'any rule';
      const where = comment.scope === 'file' ? 'in this file' : comment.scope === 'line' ? 'on this line' : 'on the next line';
      ctx.report({
        messageId: 'unused',
        data: { scope: comment.scope, what, where },
        location: { file: comment.file, line: comment.line, column: 1 },
        key: `unused|${comment.ruleIds.join(',')}`,
      });
    }
  },
});
