import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import { parseSuppressions } from '../../src/engine/policy.js';
import planRule from '../../rules/pii/plan-property-name.js';

const plan = (props: string) =>
  `version: 1\nevents:\n  report_exported:\n    description: d\n    owner: o\n    trigger: t\n    properties:\n${props}`;
const clean = plan('      report_id: { type: string, format: uuid, description: d }\n');
const leaky = plan('      report_id: { type: string, format: uuid, description: d }\n      user_email: { type: string, description: d }\n');

describe('review', () => {
  it('reports only what the change introduces in diff mode', async () => {
    const base = new MemorySnapshot({ 'tracking-plan.yaml': leaky });
    const head = new MemorySnapshot({ 'tracking-plan.yaml': leaky.replace('report_id', 'report_ref_id') });
    const report = await review({ base, head, config: null });
    expect(report.findings.filter((f) => f.ruleId === 'pii/plan-property-name')).toEqual([]);
    expect(report.preexisting).toBeGreaterThan(0);
    const all = await review({ head, config: null });
    expect(all.findings.some((f) => f.ruleId === 'pii/plan-property-name')).toBe(true);
  });

  it('keeps fingerprints stable when lines move', async () => {
    const a = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': leaky }), config: null, rules: [planRule] });
    const b = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': `# a comment\n\n${leaky}` }), config: null, rules: [planRule] });
    expect(b.findings[0]?.line).toBe((a.findings[0]?.line ?? 0) + 2);
    expect(b.findings[0]?.fingerprint).toBe(a.findings[0]?.fingerprint);
  });

  it('concludes failure, success or neutral', async () => {
    expect((await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': leaky }), config: null })).conclusion).toBe('failure');
    expect((await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': clean }), config: null })).conclusion).toBe('success');
    const limited = await review({
      head: new MemorySnapshot({ 'tracking-plan.yaml': clean }),
      config: { file: '.github/trackguard.yml', text: 'limits: { max_file_bytes: 10 }\n' },
    });
    expect(limited.conclusion).toBe('neutral');
    expect(limited.incomplete[0]?.reason).toContain('tracking-plan.yaml');
  });

  it('honours fail_on, severity overrides and off', async () => {
    const head = new MemorySnapshot({ 'tracking-plan.yaml': leaky });
    const never = await review({ head, config: null, failOn: 'never' });
    expect(never.conclusion).toBe('success');
    const lowered = await review({ head, config: { file: 'c.yml', text: 'rules:\n  pii/plan-property-name: P3\n' } });
    expect(lowered.findings.find((f) => f.ruleId === 'pii/plan-property-name')?.severity).toBe('P3');
    expect(lowered.conclusion).toBe('success');
    const off = await review({ head, config: { file: 'c.yml', text: 'rules:\n  pii/plan-property-name: off\n' } });
    expect(off.findings.some((f) => f.ruleId === 'pii/plan-property-name')).toBe(false);
  });

  it('reads the config from the head snapshot by default', async () => {
    const head = new MemorySnapshot({ 'tracking-plan.yaml': leaky, '.github/trackguard.yml': 'fail_on: never\n' });
    expect((await review({ head })).conclusion).toBe('success');
  });

  it('an invalid config is a P1 finding pointing at the config', async () => {
    const head = new MemorySnapshot({ 'tracking-plan.yaml': clean, '.github/trackguard.yml': 'fail_on: [\n' });
    const report = await review({ head });
    expect(report.findings.filter((f) => f.category === 'plan')).toEqual([expect.objectContaining({ ruleId: 'plan/invalid-config', file: '.github/trackguard.yml', severity: 'P1' })]);
    expect(report.conclusion).toBe('failure');
  });

  it('silences findings with ignore comments, and lists them', async () => {
    const text = plan(
      '      report_id: { type: string, format: uuid, description: d }\n      # trackguard-ignore-next-line pii/plan-property-name -- hashed upstream, see ANA-12\n      user_email: { type: string, description: d }\n',
    );
    const report = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': text }), config: null, rules: [planRule] });
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toEqual([expect.objectContaining({ line: 9, reason: 'hashed upstream, see ANA-12' })]);
  });

  it('caps the number of findings and says so', async () => {
    const props = Array.from({ length: 8 }, (_, i) => `      email_${i}x: { type: string, description: d }\n`).join('');
    const report = await review({
      head: new MemorySnapshot({ 'tracking-plan.yaml': plan(props) }),
      config: { file: 'c.yml', text: 'limits: { max_findings: 3 }\n' },
      rules: [planRule],
    });
    expect(report.findings).toHaveLength(3);
    expect(report.incomplete[0]?.reason).toContain('limits.max_findings');
  });

  it('notes once that there is no plan', async () => {
    const report = await review({ head: new MemorySnapshot({ 'src/a.ts': 'export {}' }), config: null });
    expect(report.findings).toEqual([]);
    expect(report.notes).toEqual([expect.stringContaining('No tracking plan found')]);
    expect(report.conclusion).toBe('success');
  });

  it('summarises per severity and category', async () => {
    const report = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': leaky }), config: null });
    expect(report.summary.P0).toBe(1);
    expect(report.categories.find((c) => c.category === 'pii')).toEqual({ category: 'pii', status: 'FAIL', count: 1 });
    expect(report.categories.map((c) => c.category)).toEqual(['pii', 'registration', 'identity', 'reliability', 'schema', 'compatibility', 'naming', 'tests', 'plan']);
  });
});

describe('parseSuppressions', () => {
  it('reads next-line and file forms in any comment syntax', () => {
    const text = '// trackguard-ignore-file naming/event-name -- legacy names\n# trackguard-ignore-next-line pii/plan-property-name, schema\n/* trackguard-ignore-next-line */\ntrack(x); // trackguard-ignore-line pii -- ok\n';
    expect(parseSuppressions(text)).toEqual([
      { scope: 'file', line: 1, ruleIds: ['naming/event-name'], reason: 'legacy names' },
      { scope: 'next-line', line: 2, ruleIds: ['pii/plan-property-name', 'schema'], reason: '' },
      { scope: 'next-line', line: 3, ruleIds: [], reason: '' },
      { scope: 'line', line: 4, ruleIds: ['pii'], reason: 'ok' },
    ]);
  });
});

describe('review of code', () => {
  it('silences code findings with next-line and file-level comments, and lists them', async () => {
    const head = new MemorySnapshot({
      'tracking-plan.yaml': 'version: 1\nevents:\n  signup_completed: {}\n',
      'src/a.ts': [
        "import posthog from 'posthog-js';",
        '// trackguard-ignore-next-line pii/code-property -- legal approved, see DPA-7',
        "posthog.capture('signup_completed', { email: user.email });",
        "posthog.capture('signup_completed', { phone: user.phone });",
        "posthog.capture('signup_completed', { first_name: user.firstName }); // trackguard-ignore-line pii/code-property -- the first name is the public display name here",
        '// trackguard-ignore-line pii/code-property -- a comment on its own line silences nothing below it',
        "posthog.capture('signup_completed', { last_name: user.lastName });",
      ].join('\n'),
      'src/b.ts': "// trackguard-ignore-file registration -- legacy events, removed in Q3\nwindow.analytics.track('old_thing_happened');\n",
    });
    const report = await review({ head, config: null });
    const code = report.findings.filter((f) => f.file.startsWith('src/'));
    expect(code.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(expect.arrayContaining(['pii/code-property@src/a.ts:4']));
    expect(code.some((f) => f.file === 'src/a.ts' && f.line === 3 && f.ruleId === 'pii/code-property')).toBe(false);
    expect(code.some((f) => f.file === 'src/b.ts' && f.category === 'registration')).toBe(false);
    // Same-line form: line 5 is silenced; line 7, below a comment of that form, is not.
    expect(code.some((f) => f.file === 'src/a.ts' && f.line === 5 && f.ruleId === 'pii/code-property')).toBe(false);
    expect(code.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(expect.arrayContaining(['pii/code-property@src/a.ts:7']));
    expect(report.suppressed.map((s) => [s.finding.ruleId, s.reason])).toEqual(
      expect.arrayContaining([
        ['pii/code-property', 'the first name is the public display name here'],
        ['pii/code-property', 'legal approved, see DPA-7'],
        ['registration/unplanned-event', 'legacy events, removed in Q3'],
      ]),
    );
  });

  it('in diff mode analyses only changed files unless the plan changes', async () => {
    const plan = 'version: 1\nevents:\n  a_done: {}\n';
    const files = { 'tracking-plan.yaml': plan, 'src/old.ts': "window.analytics.track('legacy_thing_done');\n", 'src/new.ts': '' };
    const head = new MemorySnapshot({ ...files, 'src/new.ts': "window.analytics.track('new_thing_done');\n" });
    const report = await review({ base: new MemorySnapshot(files), head, config: null, changedFiles: ['src/new.ts'] });
    expect(report.findings.filter((f) => f.ruleId === 'registration/unplanned-event').map((f) => f.file)).toEqual(['src/new.ts']);
    expect(report.implementation).toBeUndefined();
    const planChange = await review({
      base: new MemorySnapshot(files),
      head: new MemorySnapshot({ ...files, 'tracking-plan.yaml': `${plan}  b_done: {}\n` }),
      config: null,
    });
    expect(planChange.implementation?.map((r) => [r.event, r.locations.length])).toEqual([
      ['a_done', 0],
      ['b_done', 0],
    ]);
  });

  it('reports skipped files and concludes neutral', async () => {
    const report = await review({ head: new MemorySnapshot({ 'src/bundle.js': `analytics.track('x');${'a'.repeat(25_000)}` }), config: null });
    expect(report.incomplete).toEqual([expect.objectContaining({ file: 'src/bundle.js', reason: expect.stringContaining('minified') })]);
    expect(report.conclusion).toBe('neutral');
  });
});

describe('limits', () => {
  it('stops analysing at the time limit, names what was skipped, and concludes neutral', async () => {
    const files: Record<string, string> = { 'tracking-plan.yaml': 'version: 1\nevents:\n  a_done: {}\n' };
    for (let i = 0; i < 40; i++) files[`src/f${i}.ts`] = `window.analytics.track('a_done', { n: ${i} });\n`;
    const report = await review({ head: new MemorySnapshot(files), config: { file: 'c.yml', text: 'limits: { max_review_seconds: 0.000001 }\n' } });
    expect(report.conclusion).toBe('neutral');
    expect(report.incomplete.length).toBeGreaterThan(0);
    expect(report.incomplete[0]?.reason).toContain('limits.max_review_seconds');
  });
});

describe('category summary', () => {
  it('says which categories had nothing to review, and why, instead of PASS', async () => {
    const nothing = await review({ head: new MemorySnapshot({ 'src/a.ts': 'export const x = 1;\n' }), config: null });
    const status = Object.fromEntries(nothing.categories.map((c) => [c.category, `${c.status}${c.reason ? `: ${c.reason}` : ''}`]));
    expect(status).toMatchObject({
      schema: 'NOT RUN: no tracking plan was found',
      registration: 'NOT RUN: neither a tracking plan nor an event registry was found',
      identity: 'NOT RUN: no tracking call was recognised',
      pii: 'NOT RUN: neither a tracking plan nor a tracking call was found',
    });
    const calls = await review({
      head: new MemorySnapshot({ 'src/a.ts': "window.analytics.track('report_exported', { format: 'csv' });\n" }),
      config: { file: '.github/trackguard.yml', text: 'rules:\n  reliability/unguarded-rejection: off\n  reliability/track-before-success: off\n  reliability/rethrowing-helper: off\n  reliability/floating-chunk-load: off\n' },
    });
    const byCategory = new Map(calls.categories.map((c) => [c.category, c]));
    expect(byCategory.get('identity')?.status).toBe('PASS');
    expect(byCategory.get('pii')?.status).toBe('PASS');
    expect(byCategory.get('reliability')).toMatchObject({ status: 'NOT RUN', reason: 'its rules are switched off' });
  });
});
