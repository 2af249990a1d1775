import { describe, expect, it } from 'vitest';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import { loadPlan, loadPlanText } from '../../src/plan/load.js';
import { resolvePlanSources, type PlanSource } from '../../src/plan/sources.js';

const native = (...files: string[]): PlanSource[] => [{ format: 'trackguard', files, location: files.join(', ') }];
import { allProperties } from '../../src/plan/model.js';

const limits = { maxFileBytes: 1_000_000, maxAliasCount: 100 };

const YAML_PLAN = `version: 1
common_properties:
  app_version: { type: string, description: Build. }
events:
  report_exported:
    description: A user exported a report.
    trigger: After the export API call succeeds.
    owner: reports-team
    properties:
      report_id: { type: string, format: uuid, required: true, description: Exported report. }
      export_format: { type: string, enum: [pdf, csv, xlsx], required: true, description: Chosen format. }
      filters:
        type: array
        description: Filters applied.
        items:
          type: object
          properties:
            field: { type: string, required: true }
  legacy_clicked:
    status: deprecated
`;

const JSON_PLAN = JSON.stringify(
  {
    version: 1,
    events: {
      report_exported: {
        description: 'A user exported a report.',
        properties: { report_id: { type: 'string', format: 'uuid', required: true } },
      },
    },
  },
  null,
  2,
);

describe('loadPlanText', () => {
  it('reads YAML into the model with positions for events and properties', () => {
    const { plan, problems } = loadPlanText('tracking-plan.yaml', YAML_PLAN);
    expect(problems).toEqual([]);
    expect(plan?.events.map((e) => e.name)).toEqual(['report_exported', 'legacy_clicked']);
    const event = plan?.byName.get('report_exported');
    expect(event).toMatchObject({ owner: 'reports-team', status: 'active', location: { file: 'tracking-plan.yaml', line: 5, column: 3 } });
    expect(event?.properties[0]).toMatchObject({ name: 'report_id', types: ['string'], format: 'uuid', required: true, location: { line: 10, column: 7 } });
    expect(event?.properties[1]?.enum).toEqual(['pdf', 'csv', 'xlsx']);
    expect(plan?.byName.get('legacy_clicked')?.status).toBe('deprecated');
    expect(plan?.commonProperties.map((p) => p.name)).toEqual(['app_version']);
  });

  it('flattens nested object and array-item properties with dotted paths', () => {
    const { plan } = loadPlanText('tracking-plan.yaml', YAML_PLAN);
    const paths = [...allProperties(plan?.byName.get('report_exported')?.properties ?? [])].map((p) => p.path);
    expect(paths).toEqual(['report_id', 'export_format', 'filters', 'filters[].field']);
  });

  it('turns nested required flags into JSON Schema required lists', () => {
    const { plan } = loadPlanText('tracking-plan.yaml', YAML_PLAN);
    const filters = plan?.byName.get('report_exported')?.properties[2];
    expect(filters?.schema).toEqual({
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' } }, required: ['field'] },
    });
  });

  it('reads JSON with positions', () => {
    const { plan, problems } = loadPlanText('tracking-plan.json', JSON_PLAN);
    expect(problems).toEqual([]);
    expect(plan?.byName.get('report_exported')?.location).toMatchObject({ line: 4, column: 5 });
    expect(plan?.byName.get('report_exported')?.properties[0]?.location).toMatchObject({ line: 7, column: 9 });
  });

  it('reports JSON syntax errors with a position instead of throwing', () => {
    const { plan, problems } = loadPlanText('tracking-plan.json', '{\n  "version": 1,\n  "events": {\n}\n');
    expect(plan).toBeUndefined();
    expect(problems[0]).toMatchObject({ file: 'tracking-plan.json' });
    expect(problems[0]?.line).toBeGreaterThan(1);
  });

  it('keeps the well-formed parts of a plan that fails validation', () => {
    const { plan, problems } = loadPlanText(
      'p.yaml',
      'version: 1\nevents:\n  good_event_sent:\n    description: ok\n  bad_event_sent:\n    status: nope\n    properties:\n      a: { type: string }\n',
    );
    expect(problems).toHaveLength(1);
    expect(plan?.events.map((e) => e.name)).toEqual(['good_event_sent', 'bad_event_sent']);
  });

  it('handles an empty file, a scalar file and a list file', () => {
    for (const text of ['', '42', '- a\n- b\n']) {
      const { problems } = loadPlanText('p.yaml', text);
      expect(problems.length, JSON.stringify(text)).toBeGreaterThan(0);
      expect(problems[0]?.fix).toBeTruthy();
    }
  });

  it('reads event-level conditions', () => {
    const { plan } = loadPlanText(
      'p.yaml',
      'version: 1\nevents:\n  digest_sent:\n    if: { properties: { is_cron_job: { const: true } } }\n    then: { required: [cron_execution_timestamp_ms] }\n    allOf:\n      - if: { required: [a] }\n        then: { required: [b] }\n',
    );
    expect(plan?.byName.get('digest_sent')?.conditions).toHaveLength(2);
  });
});

describe('resolvePlanSources', () => {
  const files = ['tracking-plan.yml', 'tracking-plan.json', 'plans/web.yaml', 'plans/server.yml', 'plans/README.md', 'src/a.ts'];
  const snapshot = new MemorySnapshot(Object.fromEntries(files.map((f) => [f, 'version: 1\n'])));
  const paths = async (configured?: Array<{ path: string }>) => (await resolvePlanSources(snapshot, files, configured)).map((s) => s.files);
  it('takes the first default that exists', async () => {
    expect(await paths()).toEqual([['tracking-plan.yml']]);
    const dir = new MemorySnapshot({ 'tracking-plan/a.yaml': 'version: 1\n', 'tracking-plan/b.json': '{"version": 1}' });
    expect((await resolvePlanSources(dir, ['tracking-plan/a.yaml', 'tracking-plan/b.json'], undefined)).map((s) => s.files)).toEqual([['tracking-plan/a.yaml', 'tracking-plan/b.json']]);
    expect(await resolvePlanSources(new MemorySnapshot({}), ['src/a.ts'], undefined)).toEqual([]);
  });
  it('takes configured files and directories, YAML/JSON only', async () => {
    expect(await paths([{ path: 'plans/' }])).toEqual([['plans/server.yml', 'plans/web.yaml']]);
    expect(await paths([{ path: 'plans' }, { path: 'tracking-plan.json' }])).toEqual([['plans/server.yml', 'plans/web.yaml'], ['tracking-plan.json']]);
    expect(await paths([{ path: './tracking-plan.json' }])).toEqual([['tracking-plan.json']]);
  });
});

describe('loadPlan', () => {
  it('merges a directory of plan files', async () => {
    const snapshot = new MemorySnapshot({
      'plans/a.yaml': 'version: 1\nevents:\n  app_opened: {}\n',
      'plans/b.json': '{ "version": 1, "events": { "report_viewed": {} }, "common_properties": { "app_version": { "type": "string" } } }',
    });
    const { plan, problems } = await loadPlan(snapshot, native('plans/a.yaml', 'plans/b.json'), limits);
    expect(problems).toEqual([]);
    expect(plan?.files).toEqual(['plans/a.yaml', 'plans/b.json']);
    expect(plan?.byName.get('report_viewed')?.location.file).toBe('plans/b.json');
    expect(plan?.commonProperties).toHaveLength(1);
  });

  it('reports duplicate common properties across files', async () => {
    const snapshot = new MemorySnapshot({
      'plans/a.yaml': 'version: 1\ncommon_properties:\n  app_version: { type: string }\n',
      'plans/b.yaml': 'version: 1\ncommon_properties:\n  app_version: { type: string }\n',
    });
    const { problems } = await loadPlan(snapshot, native('plans/a.yaml', 'plans/b.yaml'), limits);
    expect(problems).toEqual([expect.objectContaining({ file: 'plans/b.yaml', line: 3, message: expect.stringContaining('already defined at plans/a.yaml:3') })]);
  });

  it('skips a file over the size limit and says so', async () => {
    const snapshot = new MemorySnapshot({ 'p.yaml': `version: 1\n# ${'x'.repeat(200)}\n` });
    const { plan, skipped } = await loadPlan(snapshot, native('p.yaml'), { maxFileBytes: 100, maxAliasCount: 100 });
    expect(plan).toBeUndefined();
    expect(skipped).toEqual([{ file: 'p.yaml', reason: expect.stringContaining('100-byte limit') }]);
  });

  it('skips a file that cannot be read', async () => {
    const { skipped } = await loadPlan(new MemorySnapshot({}), native('missing.yaml'), limits);
    expect(skipped).toEqual([{ file: 'missing.yaml', reason: 'could not be read' }]);
  });

  it('returns no plan when there are no files', async () => {
    expect((await loadPlan(new MemorySnapshot({}), [], limits)).plan).toBeUndefined();
  });
});
