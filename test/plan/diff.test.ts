import { describe, expect, it } from 'vitest';
import { diffPlans, versionedSuccessor } from '../../src/plan/diff.js';
import { loadPlanText } from '../../src/plan/load.js';
import type { TrackingPlan } from '../../src/plan/model.js';

function plan(text: string): TrackingPlan {
  const loaded = loadPlanText('tracking-plan.yaml', text);
  if (!loaded.plan) throw new Error('plan did not load');
  return loaded.plan;
}

const base = plan(`version: 1
events:
  app_opened: {}
  report_exported:
    properties:
      report_id: { type: string, format: uuid, required: true }
      export_format: { type: string, enum: [pdf, csv, xlsx] }
      row_count: { type: integer, minimum: 0, maximum: 100 }
      address:
        type: object
        properties:
          city: { type: string }
`);

describe('diffPlans', () => {
  it('finds nothing between equal plans', () => {
    expect(diffPlans(base, base)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('classifies every kind of change', () => {
    const head = plan(`version: 1
events:
  app_opened:
    status: deprecated
  report_exported:
    properties:
      report_id: { type: string, required: false }
      export_format: { type: string, enum: [pdf, json] }
      row_count: { type: number, minimum: 1, maximum: 200 }
      is_filtered: { type: boolean }
  report_shared: {}
`);
    const diff = diffPlans(base, head);
    expect(diff.added.map((c) => [c.kind, c.event, c.breaking])).toEqual([['event-added', 'report_shared', false]]);
    expect(diff.removed).toEqual([]);
    const changed = diff.changed.map((c) => [c.kind, c.property ?? '', c.breaking, c.detail]);
    expect(changed).toEqual([
      ['event-deprecated', '', false, 'marked deprecated'],
      ['required-changed', 'report_id', false, 'required → optional'],
      ['format-changed', 'report_id', false, 'format uuid → (none)'],
      ['enum-values-removed', 'export_format', true, 'enum values removed: "csv", "xlsx"'],
      ['enum-values-added', 'export_format', false, 'enum values added: "json"'],
      ['type-changed', 'row_count', false, 'integer → number'],
      ['constraint-changed', 'row_count', true, 'minimum 0 → 1'],
      ['constraint-changed', 'row_count', false, 'maximum 100 → 200'],
      ['property-added', 'is_filtered', false, 'optional property added'],
      ['property-removed', 'address', true, 'property removed'],
    ]);
  });

  it('reports a removed nested property once, pointing at its parent', () => {
    const head = plan(base.files[0] ? `version: 1
events:
  app_opened: {}
  report_exported:
    properties:
      report_id: { type: string, format: uuid, required: true }
      export_format: { type: string, enum: [pdf, csv, xlsx] }
      row_count: { type: integer, minimum: 0, maximum: 100 }
      address:
        type: object
        properties: {}
` : '');
    const removed = diffPlans(base, head).changed.filter((c) => c.kind === 'property-removed');
    expect(removed).toEqual([expect.objectContaining({ property: 'address.city', location: expect.objectContaining({ line: 9 }) })]);
  });

  it('narrowing a type is breaking; widening is not', () => {
    const a = plan('version: 1\nevents:\n  x_sent:\n    properties:\n      v: { type: [string, "null"] }\n');
    const b = plan('version: 1\nevents:\n  x_sent:\n    properties:\n      v: { type: string }\n');
    expect(diffPlans(a, b).changed[0]).toMatchObject({ kind: 'type-changed', breaking: true });
    expect(diffPlans(b, a).changed[0]).toMatchObject({ kind: 'type-changed', breaking: false });
  });

  it('treats a whole new plan as events added', () => {
    expect(diffPlans(undefined, base).added).toHaveLength(2);
  });

  it('marks removals accepted when deprecated first or replaced by a versioned successor', () => {
    const deprecated = plan('version: 1\nevents:\n  a_sent:\n    status: deprecated\n  b_sent: {}\n');
    const removedDeprecated = diffPlans(deprecated, plan('version: 1\nevents:\n  b_sent: {}\n')).removed[0];
    expect(removedDeprecated?.accepted).toEqual({ reason: 'removed-after-deprecation' });
    const successor = diffPlans(deprecated, plan('version: 1\nevents:\n  a_sent_v2: {}\n')).removed.find((c) => c.event === 'b_sent');
    expect(successor?.accepted).toBeUndefined();
  });
});

describe('versionedSuccessor', () => {
  const head = plan('version: 1\nevents:\n  report_exported_v2: {}\n  report_viewed_v3: {}\n  project.created.v2: {}\n');
  it('finds a later version by suffix', () => {
    expect(versionedSuccessor('report_exported', head)).toBe('report_exported_v2');
    expect(versionedSuccessor('report_viewed_v2', head)).toBe('report_viewed_v3');
    expect(versionedSuccessor('project.created', head)).toBe('project.created.v2');
  });
  it('does not treat an earlier or unrelated version as a successor', () => {
    expect(versionedSuccessor('report_viewed_v3', head)).toBeUndefined();
    expect(versionedSuccessor('report_shared', head)).toBeUndefined();
    expect(versionedSuccessor('report', head)).toBeUndefined();
  });
});
