import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCodeIndex } from '../src/code/index.js';
import { loadConfig } from '../src/engine/config.js';
import { review } from '../src/engine/review.js';
import { MemorySnapshot } from '../src/engine/snapshot.js';
import { loadPlan, loadPlanText } from '../src/plan/load.js';
import type { PlanFormat } from '../src/plan/model.js';
import { renderJson } from '../src/report/json.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderText } from '../src/report/text.js';
import { allRules } from '../rules/index.js';

/**
 * Property-based robustness: generated and mutated inputs never make trackguard throw or hang;
 * every failure is a problem with a position, or a skipped file. When a run fails, fast-check
 * prints its seed and counterexample: add that input to test/bad-input.test.ts as a fixed case.
 */
const RUNS = { numRuns: 150 };

const VALID_PLAN = `version: 1
common_properties:
  app_version: { type: string }
events:
  report_exported:
    description: A report was exported.
    properties:
      report_id: { type: string, format: uuid, required: true }
      filters:
        type: array
        items: { type: object, properties: { field: { type: string } } }
    if: { properties: { is_cron_job: { const: true } } }
    then: { required: [report_id] }
`;
const VALID_CODE = `import posthog from 'posthog-js';
import { Events } from './events';
export function useTracking(user: { id: string; email: string }) {
  const capture = (event: string, props?: object) => posthog.capture(event, props);
  return async function onExport(id: string) {
    try { await api.export(id); } catch (e) { throw e; }
    capture(Events.ReportExported, { report_id: id, who: user.email, ...extra });
  };
}
`;

/** A string with random edits: insertions of arbitrary text, deletions, duplications. */
const mutated = (seed: string) =>
  fc
    .array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 6 })
    .map((edits) => edits.reduce((text, [at, cut, insert]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + cut);
    }, seed));

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), mutated(VALID_PLAN), mutated(VALID_CODE));

describe('fuzz', () => {
  it('plan loading never throws, for any text in any format', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.constantFrom<PlanFormat>('trackguard', 'segment', 'rudderstack', 'snowplow', 'jsonschema'), async (text, format) => {
        const file = format === 'snowplow' ? 'schemas/com.acme/a/jsonschema/1-0-0' : format === 'trackguard' || format === 'rudderstack' ? 'plan.yaml' : 'plan.json';
        const loaded = await loadPlan(new MemorySnapshot({ [file]: text }), [{ format, files: [file], location: file }], { maxFileBytes: 1_000_000, maxAliasCount: 50 });
        for (const p of loaded.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
        loadPlanText('plan.yaml', text);
      }),
      RUNS,
    );
  });

  it('config loading never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), mutated('fail_on: P1\nnaming:\n  events: { pattern: "^[a-z_]+$" }\nrules:\n  pii/code-property: P2\nplan: [{ path: a, format: segment }]\n')), (text) => {
        const { problems } = loadConfig('.github/trackguard.yml', text, allRules.map((r) => r.id));
        for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('code extraction never throws or hangs', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (a, b) => {
        const files = { 'src/a.ts': a, 'src/b.tsx': b, 'src/events.ts': "export const Events = { ReportExported: 'report_exported' } as const;\n" };
        await buildCodeIndex(new MemorySnapshot(files), Object.keys(files), Object.keys(files), { isTestFile: () => false, maxFileBytes: 100_000, wrappers: [] });
      }),
      RUNS,
    );
  });

  it('a whole review, and every renderer, survive hostile plans and code', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(VALID_PLAN), mutated(VALID_CODE), async (plan, code) => {
        const report = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': plan, 'src/a.ts': code }), config: null });
        const md = renderMarkdown(report);
        expect(md.startsWith('## ')).toBe(true);
        JSON.parse(renderJson(report));
        JSON.parse(renderSarif(report, { rules: allRules, version: '0.0.0' }));
        renderText(report, { color: true });
      }),
      { numRuns: 80 },
    );
  });

  it('names made of anything never break out of the markdown', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), async (name) => {
        const plan = `version: 1\nevents:\n  ${JSON.stringify(name)}:\n    properties:\n      ${JSON.stringify(`${name}_email`)}: { type: string }\n`;
        const report = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': plan }), config: null });
        const md = renderMarkdown(report);
        expect(md).not.toContain('<!--');
        expect(md.split('\n').filter((l) => /^#{1,6} /.test(l)).every((l) => /^#{2,4} (❌|✅|⚠️|Summary|Plan changes|Findings|Recommendations|\[P[0-3]\])/.test(l))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
