import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/review.js';
import type { Rule } from '../../src/engine/rule.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import type { Finding, Severity } from '../../src/engine/types.js';

export interface RuleCase {
  name: string;
  /** Head plan (YAML or JSON text). */
  plan?: string;
  /** Base plan; giving it (or baseFiles) runs the case in diff mode. */
  basePlan?: string;
  planFile?: string;
  files?: Record<string, string>;
  baseFiles?: Record<string, string>;
  /** `.github/trackguard.yml` text. */
  config?: string;
}

export interface ExpectedFinding {
  messageId: string;
  line: number;
  column?: number;
  severity?: Severity;
  event?: string;
  property?: string;
  /** A piece of the rendered message. */
  message?: string;
  file?: string;
}

export interface InvalidCase extends RuleCase {
  findings: ExpectedFinding[];
}

export async function runCase(rule: Rule, c: RuleCase): Promise<Finding[]> {
  const planFile = c.planFile ?? 'tracking-plan.yaml';
  const head = { ...(c.plan !== undefined ? { [planFile]: c.plan } : {}), ...c.files };
  const diffMode = c.basePlan !== undefined || c.baseFiles !== undefined;
  const base = { ...(c.basePlan !== undefined ? { [planFile]: c.basePlan } : {}), ...c.baseFiles };
  const report = await review({
    head: new MemorySnapshot(head, 'head'),
    ...(diffMode ? { base: new MemorySnapshot(base, 'base') } : {}),
    config: c.config === undefined ? null : { file: '.github/trackguard.yml', text: c.config },
    rules: [rule],
  });
  return report.findings.filter((f) => f.ruleId === rule.id);
}

/** ESLint's RuleTester, for trackguard rules: every invalid case states each finding's message and line. */
export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, async () => {
          const findings = await runCase(rule, c);
          expect(findings.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, async () => {
          const findings = await runCase(rule, c);
          const actual = [...findings].sort((a, b) => a.line - b.line || a.column - b.column);
          expect(actual.map((f) => `${f.line}:${f.messageId}`), 'findings (line:messageId)').toEqual(
            [...c.findings].sort((a, b) => a.line - b.line).map((f) => `${f.line}:${f.messageId}`),
          );
          const expected = [...c.findings].sort((a, b) => a.line - b.line);
          actual.forEach((finding, i) => {
            const want = expected[i] as ExpectedFinding;
            expect(finding.ruleId).toBe(rule.id);
            expect(finding.category).toBe(rule.category);
            expect(finding.severity).toBe(want.severity ?? rule.messageSeverity?.[want.messageId] ?? rule.severity);
            if (want.column !== undefined) expect(finding.column).toBe(want.column);
            if (want.event !== undefined) expect(finding.event).toBe(want.event);
            if (want.property !== undefined) expect(finding.property).toBe(want.property);
            if (want.message !== undefined) expect(finding.message).toContain(want.message);
            if (want.file !== undefined) expect(finding.file).toBe(want.file);
            expect(finding.fix.length, 'every finding says how to fix it').toBeGreaterThan(0);
          });
        });
      }
    });
  });
}

/**
 * A one-event plan. Properties are YAML flow mappings, one per line, starting at line 8:
 * planWith({ billing_email: '{ type: string }' }) puts `billing_email` on line 8, column 7.
 */
export function planWith(properties: Record<string, string>, event = 'report_exported'): string {
  return [
    'version: 1',
    'events:',
    `  ${event}:`,
    '    description: A user exported a report.',
    '    owner: reports-team',
    '    trigger: After the export API call succeeds.',
    '    properties:',
    ...Object.entries(properties).map(([name, def]) => `      ${name}: ${def}`),
    '',
  ].join('\n');
}

/** A plan of several events, each `name: [description line, ...property lines]` in plain YAML. */
export function planOf(events: Record<string, Record<string, string>>): string {
  const lines = ['version: 1', 'events:'];
  for (const [event, props] of Object.entries(events)) {
    lines.push(`  ${event}:`, '    description: An event.', '    owner: team', '    trigger: When it happens.', '    properties:');
    for (const [name, def] of Object.entries(props)) lines.push(`      ${name}: ${def}`);
  }
  return `${lines.join('\n')}\n`;
}
