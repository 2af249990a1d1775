import { describe, expect, it } from 'vitest';
import codeProperty from '../../../rules/pii/code-property.js';
import rule from '../../../rules/plan/suppression.js';
import { review } from '../../../src/engine/review.js';
import { MemorySnapshot } from '../../../src/engine/snapshot.js';

async function comments(files: Record<string, string>, baseFiles?: Record<string, string>) {
  const report = await review({
    head: new MemorySnapshot(files, 'head'),
    ...(baseFiles ? { base: new MemorySnapshot(baseFiles, 'base') } : {}),
    config: null,
    rules: [codeProperty, rule],
  });
  return report.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.file}:${f.line} ${f.message}`);
}

const EMAIL = "posthog.capture('signup_completed', { email: user.email });";

describe('plan/suppression', () => {
  it('stays silent on comments that silence a finding, in each form', async () => {
    expect(
      await comments({
        'src/a.ts': ["import posthog from 'posthog-js';", '// trackguard-ignore-next-line pii/code-property -- approved, DPA-7', EMAIL, `${EMAIL} // trackguard-ignore-line pii`].join('\n'),
        'src/b.ts': ["// trackguard-ignore-file pii -- legacy", "import posthog from 'posthog-js';", EMAIL].join('\n'),
      }),
    ).toEqual([]);
  });

  it('reports an unknown id with the nearest known one, and a comment that silences nothing', async () => {
    expect(
      await comments({
        'src/a.ts': [
          "import posthog from 'posthog-js';",
          '// trackguard-ignore-next-line pii/code-proprety -- typo',
          EMAIL,
          "posthog.capture('plan_chosen', { plan: 'pro' }); // trackguard-ignore-line pii",
          '// trackguard-ignore-next-line',
          "posthog.capture('plan_chosen', { plan: 'free' });",
        ].join('\n'),
      }),
    ).toEqual([
      'src/a.ts:2 `pii/code-proprety` in this trackguard-ignore comment is neither a rule id nor a category.',
      'src/a.ts:4 This `trackguard-ignore-line` comment silences nothing: no finding of `pii` is reported on this line.',
      'src/a.ts:5 This `trackguard-ignore-next-line` comment silences nothing: no finding of any rule is reported on the next line.',
    ]);
  });

  it('in a change, judges only the changed files, and counts a comment whose finding the base had too as used', async () => {
    const old = ["import posthog from 'posthog-js';", '// trackguard-ignore-next-line pii', "posthog.capture('a_done', { plan: 'x' });"].join('\n');
    const kept = ["import posthog from 'posthog-js';", '// trackguard-ignore-next-line pii -- approved', EMAIL, "export const v = 1;"].join('\n');
    const before = ["import posthog from 'posthog-js';", '// trackguard-ignore-next-line pii -- approved', EMAIL].join('\n');
    expect(await comments({ 'src/old.ts': old, 'src/kept.ts': kept }, { 'src/old.ts': old, 'src/kept.ts': before })).toEqual([]);
  });
});
