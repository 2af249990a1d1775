import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import planPropertyName from '../../rules/pii/plan-property-name.js';
import payload from '../../rules/registration/payload.js';
import unplannedEvent from '../../rules/registration/unplanned-event.js';
import missingDescription from '../../rules/schema/missing-description.js';
import type { Rule } from '../../src/engine/rule.js';

async function audit(files: Record<string, string>, rules: Rule[]) {
  return review({ head: new MemorySnapshot(files, 'head'), config: null, rules });
}

const events = "export enum PostHogEvent {\n  SignUp = 'user_signed_up',\n  Exported = 'report_exported',\n}\n";

describe('event types as the plan', () => {
  it('reads `{ event; properties }` types, a generic alias, and a map of events to properties', async () => {
    const report = await audit(
      {
        'src/analytics/events.ts': events,
        'src/analytics/types.ts': [
          "import { PostHogEvent } from './events';",
          'export type TSignupEvent = { event: PostHogEvent.SignUp; properties: { email: string; plan?: "free" | "pro" } };',
          'type SegmentEvent<TType extends string, TProps extends Record<string, unknown> | void = void> = TProps extends void',
          '  ? { event: TType; repository?: string }',
          '  : { event: TType; repository?: string } & TProps;',
          "type Viewed = SegmentEvent<'report_viewed', { report_id: string; pages: number }>;",
          "type Opened = SegmentEvent<'app_opened'>;",
          'export interface TrackingEventMap {',
          '  report_deleted: { reason: string; hard: boolean };',
          '}',
          '',
        ].join('\n'),
        'src/a.ts': "import posthog from 'posthog-js';\nposthog.capture('user_signed_up', { email: 'x', plan: 'gold' });\n",
      },
      [planPropertyName, payload],
    );
    expect(report.notes.join(' ')).toContain('the tracking plan is read from 4 event types');
    const pii = report.findings.filter((f) => f.ruleId === 'pii/plan-property-name');
    expect(pii.map((f) => `${f.file}:${f.line}:${f.property}`)).toEqual(['src/analytics/types.ts:2:email']);
    const invalid = report.findings.filter((f) => f.ruleId === 'registration/payload');
    expect(invalid.map((f) => `${f.line}:${f.property}`)).toEqual(['2:plan']);
  });

  it('lists the typed events only: calls of other events are not unplanned, and no description is asked for', async () => {
    const report = await audit(
      {
        'src/analytics/types.ts': "export type Exported = { event: 'report_exported'; format: string };\n",
        'src/a.ts': "window.analytics.track('report_exported', { format: 'csv' });\nwindow.analytics.track('report_printed');\n",
      },
      [unplannedEvent, missingDescription],
    );
    expect(report.findings).toEqual([]);
  });

  it('does not read types outside analytics modules, nor when a plan file exists', async () => {
    const outside = await audit({ 'src/bus/types.ts': "export type Created = { event: 'user_created'; email: string };\n" }, [planPropertyName]);
    expect(outside.findings).toEqual([]);
    const withPlan = await audit(
      {
        'tracking-plan.yaml': 'version: 1\nevents:\n  report_viewed:\n    description: d\n    properties: {}\n',
        'src/analytics/types.ts': "export type Created = { event: 'user_created'; email: string };\n",
      },
      [planPropertyName],
    );
    expect(withPlan.findings).toEqual([]);
  });
});
