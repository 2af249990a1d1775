import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import codeEventName from '../../rules/naming/code-event-name.js';
import codeProperty from '../../rules/pii/code-property.js';
import missingIdentity from '../../rules/identity/missing.js';

const client = (key: string) =>
  [
    "import { Analytics } from '@segment/analytics-node';",
    'export class SegmentClient {',
    '  private readonly client: Analytics;',
    '  constructor({ writeKey }: { writeKey: string }) {',
    '    this.client = new Analytics({ writeKey });',
    '  }',
    '  track(event: string, properties: Record<string, unknown>, userId: string) {',
    '    this.client.track({ event, properties, userId });',
    '  }',
    '}',
    '',
    `export function clientFor(${key}) {`,
    `  return new SegmentClient({ writeKey: ${key.startsWith('args') ? 'args.config.getSegmentWriteKey()' : 'process.env.SEGMENT_WRITE_KEY as string'} });`,
    '}',
    '',
    key.startsWith('args') ? 'export function onOrder(args: { config: AppConfig }, order: Order) {' : 'export function onOrder(_: unknown, order: Order) {',
    `  clientFor(${key.startsWith('args') ? 'args' : '_'}).track('Order Completed', { email: order.email }, order.userId);`,
    '}',
  ].join('\n');

async function audit(files: Record<string, string>) {
  return review({ head: new MemorySnapshot(files, 'head'), config: null, rules: [codeEventName, codeProperty, missingIdentity] });
}

describe("a client built from a customer's own key", () => {
  it('is an integration: reviewed for personal data, not for naming, and the report says why', async () => {
    const report = await audit({ 'src/segment.ts': client('args: { config: AppConfig }') });
    expect(report.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['pii/code-property:17']);
    expect(report.notes.join(' ')).toMatch(/1 tracking call sends to a customer's own account: its client is built at src\/segment.ts:5 from `writeKey`.*AppConfig/);
  });

  it("is the product's own when the key comes from the environment", async () => {
    const report = await audit({ 'src/segment.ts': client('_: unknown') });
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['naming/code-event-name', 'pii/code-property']);
    expect(report.notes.join(' ')).not.toContain("customer's own account");
  });
});
