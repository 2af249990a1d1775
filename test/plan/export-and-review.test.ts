import { readTree as tree } from '../helpers/tree.js';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import { toJsonSchemas, toNativeYaml } from '../../src/plan/export.js';
import { loadPlan, loadPlanText } from '../../src/plan/load.js';
import { allProperties, type TrackingPlan } from '../../src/plan/model.js';
import { resolvePlanSources } from '../../src/plan/sources.js';

async function planOf(files: Record<string, string>): Promise<TrackingPlan> {
  const snapshot = new MemorySnapshot(files);
  const sources = await resolvePlanSources(snapshot, await snapshot.list(), undefined);
  const { plan } = await loadPlan(snapshot, sources, { maxFileBytes: 1_000_000, maxAliasCount: 100 });
  if (!plan) throw new Error('no plan');
  return plan;
}

const shape = (plan: TrackingPlan) =>
  plan.events.map((e) => [e.name, [...allProperties(e.properties)].map((p) => `${p.path}${p.required ? '!' : ''}:${p.types.join('|')}`)]);

describe.each(['segment-public', 'segment-config', 'rudderstack', 'snowplow', 'jsonschema'])('%s', (format) => {
  const files = tree(`fixtures/plan-formats/${format}`);

  it('exports to trackguard YAML and back without losing events, properties or requirements', async () => {
    const plan = await planOf(files);
    const reloaded = loadPlanText('tracking-plan.yaml', toNativeYaml(plan));
    expect(reloaded.problems).toEqual([]);
    expect(reloaded.plan && shape(reloaded.plan)).toEqual(shape(plan));
    expect(reloaded.plan?.events.map((e) => e.conditions.length)).toEqual(plan.events.map((e) => e.conditions.length));
  });

  it('exports one JSON Schema per event', async () => {
    const plan = await planOf(files);
    const schemas = toJsonSchemas(plan);
    expect(schemas.size).toBe(plan.events.length);
    for (const text of schemas.values()) expect(JSON.parse(text)).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' });
  });

  it('gets the same kinds of findings as a native plan, at lines of the original files', async () => {
    const plan = await planOf(files);
    const first = plan.events[0];
    const code = { 'src/checkout.ts': `window.analytics.track(${JSON.stringify(first?.name)});\nwindow.analytics.track('Coupon Applied Twice');\n` };
    const report = await review({ head: new MemorySnapshot({ ...files, ...code }), config: null });
    const at = (ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.file}:${f.line}`);
    expect(at('registration/unplanned-event')).toEqual(['src/checkout.ts:2']);
    for (const finding of report.findings.filter((f) => !f.file.startsWith('src/'))) {
      expect(Object.keys(files)).toContain(finding.file);
      expect(finding.line).toBeGreaterThan(0);
    }
  });
});

describe('findings inside imported plans', () => {
  it('PII in Segment, RudderStack and Snowplow plans points into the original files', async () => {
    const segment = await review({ head: new MemorySnapshot(tree('fixtures/plan-formats/segment-config')), config: null });
    expect(segment.findings.filter((f) => f.ruleId === 'pii/plan-property-name').map((f) => `${f.file}:${f.line}`)).toEqual(['plan.json:19']);
    const rudder = await review({ head: new MemorySnapshot(tree('fixtures/plan-formats/rudderstack')), config: null });
    expect(rudder.findings.filter((f) => f.ruleId === 'pii/plan-property-name').map((f) => `${f.file}:${f.line} ${f.property}`)).toEqual(['properties.yaml:34 shipping.street']);
    const naming = segment.findings.filter((f) => f.ruleId === 'naming/event-name').map((f) => `${f.file}:${f.line}`);
    expect(naming).toEqual(['plan.json:7', 'plan.json:27']);
  });

  it('breaking changes between base and head of a Segment plan', async () => {
    const files = tree('fixtures/plan-formats/segment-config');
    const head = { 'plan.json': (files['plan.json'] ?? '').replace('"required": ["order_id"]', '"required": ["order_id", "revenue"]') };
    const report = await review({ base: new MemorySnapshot(files), head: new MemorySnapshot(head), config: null });
    expect(report.findings.filter((f) => f.ruleId === 'compatibility/breaking-change').map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([
      'plan.json:18 Breaking change to `Order Completed`.`revenue`: optional → required.',
    ]);
  });
});

describe('the plan\'s own naming convention', () => {
  const plan = (names: string[]) =>
    JSON.stringify({ rules: names.map((key, i) => ({ key, type: 'TRACK', version: 1, jsonSchema: { description: `Event ${i}.`, properties: { properties: { type: 'object', properties: {} } } } })) }, null, 2);

  it('is taken when naming.events is not configured, with a note, and outliers are still reported', async () => {
    const report = await review({
      head: new MemorySnapshot({ 'plan.json': plan(['Account Registered', 'Form Submitted', 'Sandbox Created', 'Logged In', 'Documentation Viewed', 'signup_clicked']) }),
      config: null,
    });
    expect(report.notes.some((n) => n.includes("this repository's own convention, Title Case"))).toBe(true);
    expect(report.findings.filter((f) => f.ruleId === 'naming/event-name').map((f) => f.data.event)).toEqual(['signup_clicked']);
  });

  it('is not taken without a clear majority, and the note says so', async () => {
    const report = await review({
      head: new MemorySnapshot({ 'plan.json': plan(['Account Registered', 'Form Submitted', 'Sandbox Created', 'signup_clicked', 'report_exported', 'email_sent']) }),
      config: null,
    });
    expect(report.notes).toContainEqual(expect.stringContaining('No event-name convention prevails in this repository (the most common, snake_case, covers 3 of 6); names are checked against the default, snake_case.'));
    expect(report.findings.filter((f) => f.ruleId === 'naming/event-name').map((f) => f.data.event)).toEqual(['Account Registered', 'Form Submitted', 'Sandbox Created']);
  });

  it('gives way to a configured convention', async () => {
    const report = await review({
      head: new MemorySnapshot({
        'plan.json': plan(['Account Registered', 'Form Submitted', 'Sandbox Created', 'Logged In', 'Documentation Viewed']),
        '.github/trackguard.yml': 'naming:\n  events: snake_case\n',
      }),
    });
    expect(report.findings.filter((f) => f.ruleId === 'naming/event-name')).toHaveLength(5);
  });
});
