import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../../src/plan/load.js';
import { validatePayload } from '../../src/plan/payload.js';

const { plan } = loadPlanText(
  'tracking-plan.yaml',
  `version: 1
common_properties:
  app_version: { type: string }
events:
  digest_sent:
    properties:
      digest_id: { type: string, format: uuid, required: true }
      recipient_count: { type: integer, minimum: 0 }
      is_cron_job: { type: boolean }
      cron_execution_timestamp_ms: { type: integer }
    if:
      properties: { is_cron_job: { const: true } }
      required: [is_cron_job]
    then:
      required: [cron_execution_timestamp_ms]
`,
);

describe('validatePayload', () => {
  if (!plan) throw new Error('plan did not load');
  const id = '550e8400-e29b-41d4-a716-446655440000';

  it('accepts a payload that satisfies the plan', () => {
    expect(validatePayload(plan, 'digest_sent', { digest_id: id, recipient_count: 3, app_version: '1.2.0' })).toEqual([]);
  });

  it('reports a missing required property, a wrong type and a bad format', () => {
    expect(validatePayload(plan, 'digest_sent', { recipient_count: 'three' }).map((p) => p.keyword).sort()).toEqual(['required', 'type']);
    expect(validatePayload(plan, 'digest_sent', { digest_id: 'nope' })).toEqual([expect.objectContaining({ path: 'digest_id', keyword: 'format' })]);
  });

  it('honours if/then: a cron job must carry its execution timestamp', () => {
    expect(validatePayload(plan, 'digest_sent', { digest_id: id, is_cron_job: true })).toEqual([
      expect.objectContaining({ path: 'cron_execution_timestamp_ms', keyword: 'required' }),
    ]);
    expect(validatePayload(plan, 'digest_sent', { digest_id: id, is_cron_job: true, cron_execution_timestamp_ms: 1_700_000_000_000 })).toEqual([]);
    expect(validatePayload(plan, 'digest_sent', { digest_id: id, is_cron_job: false })).toEqual([]);
  });

  it('reports an event that is not in the plan', () => {
    expect(validatePayload(plan, 'nope_sent', {})).toEqual([expect.objectContaining({ keyword: 'event' })]);
  });

  it('reports an uncompilable event schema instead of throwing', () => {
    const broken = loadPlanText('p.yaml', 'version: 1\nevents:\n  a_sent:\n    if: { properties: { x: { type: 12 } } }\n').plan;
    expect(broken && validatePayload(broken, 'a_sent', {})).toEqual([expect.objectContaining({ keyword: 'schema' })]);
  });
});
