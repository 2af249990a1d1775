import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { review } from '../src/engine/review.js';
import { MemorySnapshot } from '../src/engine/snapshot.js';

/** Every YAML block in docs/ that is a whole tracking plan (`version:` and `events:`). */
function docPlans(): Array<{ doc: string; index: number; text: string }> {
  const out: Array<{ doc: string; index: number; text: string }> = [];
  for (const name of readdirSync('docs').filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(`docs/${name}`, 'utf8');
    let index = 0;
    for (const match of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
      const block = match[1] ?? '';
      if (/^version:/m.test(block) && /^events:/m.test(block)) out.push({ doc: name, index: index++, text: block });
    }
  }
  return out;
}

describe('plans shown in the docs', () => {
  const plans = docPlans();
  it('exist', () => expect(plans.length).toBeGreaterThan(0));
  for (const plan of plans) {
    it(`${plan.doc} #${plan.index + 1} passes its own review, but for findings about code it has none of`, async () => {
      const report = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': plan.text }), config: null });
      // With no code beside it, no test names its events and none is sent: those findings are about the code.
      const aboutCode = new Set(['tests/untested-event', 'registration/not-implemented']);
      const planFindings = report.findings.filter((f) => !aboutCode.has(f.ruleId) && f.severity !== 'P3');
      expect(planFindings.map((f) => `${f.line}: ${f.ruleId} ${f.message}`)).toEqual([]);
    });
  }
});
