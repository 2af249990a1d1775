import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import MarkdownIt from 'markdown-it';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { review } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import type { Report } from '../../src/engine/types.js';
import { mdCode, mdText } from '../../src/report/escape.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown, renderTitle } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS; load it the CommonJS way.
const AjvDraft04 = require('ajv-draft-04') as new (options: object) => { compile(schema: object): ValidateFunction };
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const basePlan = `version: 1
events:
  report_exported:
    description: A user exported a report.
    owner: reports-team
    trigger: After the export succeeds.
    properties:
      report_id: { type: string, format: uuid, required: true, description: d }
      export_format: { type: string, enum: [pdf, csv, xlsx], description: d }
`;
const headPlan = `version: 1
events:
  report_exported:
    description: A user exported a report.
    owner: reports-team
    trigger: After the export succeeds.
    properties:
      report_id: { type: string, format: uuid, required: true, description: d }
      export_format: { type: string, enum: [pdf, csv], description: d }
      user_email: { type: string, description: d }
  reportShared:
    description: d
    properties:
      duration: { type: integer, description: d }
`;

async function sample(): Promise<Report> {
  return review({
    base: new MemorySnapshot({ 'tracking-plan.yaml': basePlan }),
    head: new MemorySnapshot({ 'tracking-plan.yaml': headPlan }),
    config: null,
  });
}

describe('markdown', () => {
  it('has a title with the conclusion, the summary table, plan changes and grouped findings', async () => {
    const md = renderMarkdown(await sample());
    expect(md).toMatch(/^## ❌ trackguard: 2 blocking issues: 1 P0, 1 P1/);
    expect(md).toContain('| Category | Status | Issues |');
    expect(md).toContain('| PII protection | **FAIL** | 1 |');
    expect(md).toContain('### Plan changes');
    expect(md).toContain('| enum values removed | `report_exported` | `export_format` |');
    expect(md).toContain('#### [P0] CRITICAL (1)');
    expect(md).toContain('#### [P1] HIGH (1)');
    expect(md).toMatch(/<details><summary><b>\[P2\] MEDIUM \(\d+\)<\/b><\/summary>/);
    expect(md).toContain('**`tracking-plan.yaml:10`**');
    expect(md).toContain('**Fix:**');
    expect(md).toContain('### Recommendations');
  });

  it('says so when all is well', async () => {
    const report = await review({
      head: new MemorySnapshot({ 'tracking-plan.yaml': basePlan, 'src/export.test.ts': "expect(track).toHaveBeenCalledWith('report_exported')" }),
      config: null,
    });
    expect(renderTitle(report)).toBe('No issues found');
    expect(renderMarkdown(report)).toMatch(/^## ✅ trackguard: No issues found/);
  });

  it('cannot be hijacked by hostile event and property names', async () => {
    const hostile = [
      'version: 1',
      'events:',
      '  "x<!-- trackguard --> [click](https://evil.example) @octocat <img src=x onerror=alert(1)>":',
      '    properties:',
      '      "user_email`` | ```\\n# Heading": { type: string }',
      '',
    ].join('\n');
    const report = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': hostile }), config: null });
    const md = renderMarkdown(report);
    expect(report.findings.length).toBeGreaterThan(0);
    // Rendered as GitHub would (raw HTML allowed), nothing from the names may become markup.
    const html = new MarkdownIt({ html: true, linkify: false }).render(md);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="https://evil');
    expect(html).not.toContain('<h1>');
    expect(html).not.toContain('<!-- trackguard');
    expect(md).not.toContain('<!-- trackguard');
    // Mentions are not rendered inside code spans; everywhere else the @ is followed by a zero-width space.
    const outsideCode = html.replace(/<code>[\s\S]*?<\/code>/g, '');
    expect(outsideCode).not.toMatch(/@octocat/);
    expect(html).toContain('@octocat'); // still shown, inside code
  });
});

describe('escaping', () => {
  it('fences code spans longer than any backtick run inside', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
    expect(mdCode('line\nbreak')).toBe('`line ⏎ break`');
    expect(mdCode('x'.repeat(500)).length).toBeLessThan(130);
  });
  it('neutralises markdown, HTML and mentions in text', () => {
    const text = mdText('**bold** <b>[a](b) @someone');
    expect(text).not.toMatch(/[*<[\]()]/);
    expect(text).toContain('@\u200bsomeone');
  });
});

describe('json', () => {
  it('follows the documented contract', async () => {
    const json = JSON.parse(renderJson(await sample())) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['version', 'conclusion', 'summary', 'categories', 'planDiff', 'findings']));
    expect(json.version).toBe(1);
    expect(json.conclusion).toBe('failure');
    expect(json.summary).toEqual({ P0: 1, P1: 1, P2: expect.any(Number), P3: expect.any(Number) });
    const findings = json.findings as Array<Record<string, unknown>>;
    for (const finding of findings) {
      expect(Object.keys(finding).sort()).toEqual(
        ['ruleId', 'category', 'severity', 'message', 'fix', 'file', 'line', 'column', 'endLine', 'event', 'property', 'fingerprint'].sort(),
      );
    }
    expect(findings[0]).toMatchObject({ ruleId: 'pii/plan-property-name', file: 'tracking-plan.yaml', line: 10, column: 7, event: 'report_exported', property: 'user_email' });
    const diff = json.planDiff as Record<string, Array<Record<string, unknown>>>;
    expect(diff.added?.[0]).toMatchObject({ kind: 'event-added', event: 'reportShared', breaking: false });
    expect(diff.changed).toContainEqual(expect.objectContaining({ kind: 'enum-values-removed', breaking: true, accepted: null }));
  });
});

describe('sarif', () => {
  it('is valid SARIF 2.1.0 with a rule descriptor per rule', async () => {
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    const validate = ajv.compile(schema);
    const sarif = JSON.parse(renderSarif(await sample(), { rules: allRules, version: '0.1.0' })) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; help: { text: string } }> } }; results: Array<{ level: string; ruleId: string }> }>;
    };
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(allRules.map((r) => r.id));
    expect(run?.tool.driver.rules.every((r) => r.help.text.includes('How to fix'))).toBe(true);
    expect(run?.results.find((r) => r.ruleId === 'pii/plan-property-name')?.level).toBe('error');
    expect(run?.results.find((r) => r.ruleId === 'naming/event-name')?.level).toBe('warning');
  });
});

describe('text', () => {
  it('prints file:line:column first, without colour unless asked', async () => {
    const text = renderText(await sample());
    expect(text).toMatch(/^trackguard FAIL/);
    expect(text).toContain('tracking-plan.yaml:10:7  Property `user_email`');
    expect(text).not.toContain('\u001b[');
    expect(renderText(await sample(), { color: true })).toContain('\u001b[');
  });
});
