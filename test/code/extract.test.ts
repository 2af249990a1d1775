import { describe, expect, it } from 'vitest';
import { indexOf } from '../helpers/code-index.js';
import type { CodeIndex, TrackCall } from '../../src/code/model.js';

const index = indexOf;

const sites = (i: CodeIndex) => i.calls.filter((c) => !c.internal);
const summary = (c: TrackCall) => ({
  at: `${c.file}:${c.location.line}`,
  sdk: c.sdk,
  side: c.side,
  kind: c.kind,
  event: c.event && 'value' in c.event ? c.event.value : c.event?.kind,
  keys: c.properties.kind === 'object' ? c.properties.entries.map((e) => e.key) : c.properties.kind,
  identity: c.identity.map((i) => `${i.key}=${i.text}`),
});

describe('SDK calls, recognised through imports and instances', () => {
  it('reads each SDK shape', async () => {
    const i = await index({
      'src/segment.ts': "import { AnalyticsBrowser } from '@segment/analytics-next';\nconst analytics = AnalyticsBrowser.load({ writeKey: 'k' });\nanalytics.track('report_exported', { report_id: id });\n",
      'src/segment-node.ts': "import { Analytics } from '@segment/analytics-node';\nconst client = new Analytics({ writeKey: 'k' });\nclient.track({ userId: u.id, event: 'report_exported', properties: { report_id: id } });\n",
      'src/rudder.ts': "import { RudderAnalytics } from '@rudderstack/analytics-js';\nconst ra = new RudderAnalytics();\nra.track('report_exported', { report_id: id });\nrudderanalytics.track('report_viewed');\n",
      'src/mixpanel.ts': "import mixpanel from 'mixpanel-browser';\nmixpanel.track('report_exported', { report_id: id });\nmixpanel.people.set({ plan: 'pro' });\n",
      'src/mixpanel-node.ts': "import Mixpanel from 'mixpanel';\nconst mp = Mixpanel.init('token');\nmp.track('report_exported', { distinct_id: u.id, report_id: id });\n",
      'src/posthog-node.ts': "import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\nph.capture({ distinctId: u.id, event: 'report_exported', properties: { report_id: id } });\n",
      'src/amplitude.ts': "import * as amplitude from '@amplitude/analytics-node';\nimport { track } from '@amplitude/analytics-node';\namplitude.track('report_exported', { report_id: id }, { user_id: u.id });\ntrack('report_viewed');\n",
      'src/snowplow.ts': "import { trackSelfDescribingEvent } from '@snowplow/browser-tracker';\ntrackSelfDescribingEvent({ event: { schema: 'iglu:com.acme/report_exported/jsonschema/1-0-0', data: { report_id: id } } });\n",
    });
    expect(sites(i).map(summary)).toEqual([
      { at: 'src/amplitude.ts:3', sdk: 'amplitude', side: 'server', kind: 'track', event: 'report_exported', keys: ['report_id'], identity: ['user_id=u.id'] },
      { at: 'src/amplitude.ts:4', sdk: 'amplitude', side: 'server', kind: 'track', event: 'report_viewed', keys: 'none', identity: [] },
      { at: 'src/mixpanel-node.ts:3', sdk: 'mixpanel', side: 'server', kind: 'track', event: 'report_exported', keys: ['report_id'], identity: ['distinct_id=u.id'] },
      { at: 'src/mixpanel.ts:2', sdk: 'mixpanel', side: 'browser', kind: 'track', event: 'report_exported', keys: ['report_id'], identity: [] },
      { at: 'src/mixpanel.ts:3', sdk: 'mixpanel', side: 'browser', kind: 'people', event: undefined, keys: ['plan'], identity: [] },
      { at: 'src/posthog-node.ts:3', sdk: 'posthog', side: 'server', kind: 'track', event: 'report_exported', keys: ['report_id'], identity: ['distinctId=u.id'] },
      { at: 'src/rudder.ts:3', sdk: 'rudderstack', side: 'browser', kind: 'track', event: 'report_exported', keys: ['report_id'], identity: [] },
      { at: 'src/rudder.ts:4', sdk: 'rudderstack', side: 'browser', kind: 'track', event: 'report_viewed', keys: 'none', identity: [] },
      { at: 'src/segment-node.ts:3', sdk: 'segment', side: 'server', kind: 'track', event: 'report_exported', keys: ['report_id'], identity: ['userId=u.id'] },
      { at: 'src/segment.ts:3', sdk: 'segment', side: 'browser', kind: 'track', event: 'report_exported', keys: ['report_id'], identity: [] },
      { at: 'src/snowplow.ts:2', sdk: 'snowplow', side: 'browser', kind: 'track', event: 'report_exported', keys: ['report_id'], identity: [] },
    ]);
  });

  it('follows aliases, exported instances and factories, but not look-alike local objects', async () => {
    const i = await index({
      'src/client.ts': "import { PostHog } from 'posthog-node';\nlet instance: PostHog | undefined;\nexport function getClient() {\n  return new PostHog('k');\n}\nexport default new PostHog('k');\n",
      'src/a.ts': "import ph, { getClient } from './client';\nconst alias = ph;\nalias.capture({ distinctId: 'u', event: 'a_done' });\ngetClient().capture({ distinctId: 'u', event: 'b_done' });\nconst analytics = { track: (x: string) => x };\nanalytics.track('not_tracking');\n",
    });
    expect(sites(i).map((c) => summary(c).event)).toEqual(['a_done', 'b_done']);
  });

  it('reads identify, group and alias', async () => {
    const i = await index({ 'src/a.ts': "import posthog from 'posthog-js';\nposthog.identify(user.id, { plan: 'pro' });\nposthog.alias(user.id);\n" });
    expect(sites(i).map((c) => [c.kind, c.identity.map((x) => x.text)])).toEqual([
      ['identify', ['user.id']],
      ['alias', ['user.id']],
    ]);
  });
});

describe('event names', () => {
  it('resolves consts, enums, as-const objects (nested), across imports and re-exports', async () => {
    const i = await index({
      'src/events/names.ts': "export const Events = {\n  Reports: { Exported: 'report_exported' },\n} as const;\nexport enum Ev { Viewed = 'report_viewed' }\nexport const SHARED = 'report_shared';\n",
      'src/events/index.ts': "export * from './names';\n",
      'src/a.ts': "import { Events, Ev, SHARED } from './events';\nimport posthog from 'posthog-js';\nposthog.capture(Events.Reports.Exported);\nposthog.capture(Ev.Viewed);\nposthog.capture(SHARED);\nposthog.capture(Events['Reports'].Exported);\n",
    });
    expect(sites(i).map((c) => c.event)).toEqual([
      expect.objectContaining({ kind: 'constant', value: 'report_exported', via: 'Reports.Exported' }),
      expect.objectContaining({ kind: 'constant', value: 'report_viewed', via: 'Ev.Viewed' }),
      expect.objectContaining({ kind: 'literal', value: 'report_shared' }),
      expect.objectContaining({ kind: 'constant', value: 'report_exported' }),
    ]);
    expect(i.constants.map((c) => [c.name, c.members.map((m) => m.name)])).toEqual([
      ['Reports', ['Exported']],
      ['Ev', ['Viewed']],
    ]);
  });

  it('explains why a name is dynamic', async () => {
    const i = await index({ 'src/a.ts': "import posthog from 'posthog-js';\nposthog.capture(`x_${kind}`);\nposthog.capture(name);\nposthog.capture();\n" });
    expect(sites(i).map((c) => (c.event?.kind === 'dynamic' ? c.event.reason : c.event?.kind))).toEqual([
      'it is built from a template with run-time values',
      '`name` is not declared in this file',
      'no event name is passed',
    ]);
  });
});

describe('wrappers', () => {
  it('follows wrappers of wrappers across files, with the properties each level adds', async () => {
    const i = await index({
      'src/analytics/client.ts': "import { AnalyticsBrowser } from '@segment/analytics-next';\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\n",
      'src/analytics/track.ts': "import { analytics } from './client';\nexport function trackEvent(name: string, props: Record<string, unknown> = {}) {\n  analytics.track(name, { ...props, source: 'web' });\n}\n",
      'src/analytics/reports.ts': "import { trackEvent } from './track';\nexport const trackReport = (event: string, reportId: string, extra?: object) => trackEvent(event, { report_id: reportId, ...extra });\n",
      'src/page.ts': "import { trackReport } from './analytics/reports';\ntrackReport('report_viewed', id);\n",
      'src/other.ts': "import { trackEvent } from './analytics/track';\nexport function send({ event, properties }: { event: string; properties: object }) {\n  trackEvent(event, properties);\n}\nsend({ event: 'report_shared', properties: { channel: 'slack' } });\n",
    });
    const page = sites(i).find((c) => c.file === 'src/page.ts');
    expect(page && summary(page)).toMatchObject({ event: 'report_viewed', sdk: 'segment' });
    expect(page?.via).toEqual(['trackReport', 'trackEvent']);
    const other = sites(i).find((c) => c.file === 'src/other.ts');
    expect(other && summary(other)).toMatchObject({ event: 'report_shared', keys: ['channel', 'source'] });
    expect(i.calls.filter((c) => c.internal).length).toBeGreaterThanOrEqual(3);
  });

  it('follows a React hook that returns a capture helper', async () => {
    const i = await index({
      'src/useAnalytics.ts': "import { usePostHog } from 'posthog-js/react';\nimport { useCallback } from 'react';\nexport function useAnalytics() {\n  const posthog = usePostHog();\n  const capture = useCallback((event: string, props?: object) => posthog.capture(event, props), [posthog]);\n  return { capture };\n}\n",
      'src/Button.tsx': "import { useAnalytics } from './useAnalytics';\nexport function Export() {\n  const { capture } = useAnalytics();\n  const analytics = useAnalytics();\n  return <button onClick={() => { capture('export_clicked', { format: 'pdf' }); analytics.capture('export_hovered'); }} />;\n}\n",
    });
    expect(sites(i).map((c) => summary(c).event)).toEqual(['export_clicked', 'export_hovered']);
  });

  it('follows a class-based service, injected by type', async () => {
    const i = await index({
      'src/analytics.service.ts': "import { PostHog } from 'posthog-node';\nexport class AnalyticsService {\n  private readonly client = new PostHog('k');\n  track(userId: string, event: string, properties: object) {\n    this.client.capture({ distinctId: userId, event, properties });\n  }\n}\n",
      'src/orders.service.ts': "import { AnalyticsService } from './analytics.service';\nexport class OrdersService {\n  constructor(private readonly analytics: AnalyticsService) {}\n  complete(order: Order) {\n    this.analytics.track(order.userId, 'order_completed', { order_id: order.id });\n  }\n}\n",
    });
    const site = sites(i).find((c) => c.file === 'src/orders.service.ts');
    expect(site && summary(site)).toMatchObject({ event: 'order_completed', side: 'server', identity: ['distinctId=order.userId'], keys: ['order_id'] });
  });

  it('uses helpers declared in config', async () => {
    const i = await index(
      { 'src/cli.ts': "export function run() {\n  telemetry.emit('cli_ran', { command: 'init' }, user.id);\n}\n" },
      { wrappers: [{ name: 'telemetry.emit', event: { arg: 0 }, properties: { arg: 1 }, identity: { arg: 2 }, side: 'server', canReject: false }] },
    );
    expect(sites(i).map(summary)).toEqual([{ at: 'src/cli.ts:2', sdk: 'custom', side: 'server', kind: 'track', event: 'cli_ran', keys: ['command'], identity: ['identity=user.id'] }]);
  });
});

describe('call context', () => {
  it('sees await, void, .catch, try/catch, returns and test files', async () => {
    const i = await index({
      'src/a.test.ts': "import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\nexport async function f() {\n  await ph.captureImmediate({ distinctId: 'u', event: 'a_done' });\n  void ph.flush();\n  ph.flush().then(ok).catch(log);\n  try { await ph.shutdown(); } catch (e) { log(e); }\n  return ph.flush();\n}\n",
    });
    expect(
      sites(i).map((c) => ({ awaited: c.context.awaited, voided: c.context.voided, caught: c.context.promiseCaught, inTry: c.context.inTry, handedOn: c.context.handedOn, canReject: c.context.canReject, test: c.context.isTestFile })),
    ).toEqual([
      { awaited: true, voided: false, caught: false, inTry: undefined, handedOn: false, canReject: true, test: true },
      { awaited: false, voided: true, caught: false, inTry: undefined, handedOn: false, canReject: true, test: true },
      { awaited: false, voided: false, caught: true, inTry: undefined, handedOn: false, canReject: true, test: true },
      { awaited: true, voided: false, caught: false, inTry: 'swallows', handedOn: false, canReject: true, test: true },
      { awaited: false, voided: false, caught: false, inTry: undefined, handedOn: true, canReject: true, test: true },
    ]);
  });
});

describe('robustness', () => {
  it('never throws on syntax errors or unusual code, and skips what it cannot read', async () => {
    const i = await index({
      'src/broken.ts': "import posthog from 'posthog-js';\nposthog.capture('a_done', { x: ;\nfunction (((\nposthog.capture('b_done');\n",
      'src/weird.js': 'with (obj) { track() }\nlabel: for (;;) break label;\nclass { #x = 1 }\n',
      'src/binary.ts': 'analytics\u0000\u0001\u0002',
      'src/bundle.min.ts': `window.analytics.track('x_done');${' '.repeat(30_000)}\n`,
      'src/recursive.ts': "const a = b;\nconst b = a;\nwindow.analytics.track(a);\nfunction f(x: string): void { f(x); window.analytics.track(x); }\nf('y_done');\n",
    });
    expect(sites(i).some((c) => c.file === 'src/broken.ts')).toBe(true);
    expect(i.skipped.map((s) => s.file).sort()).toEqual(['src/binary.ts', 'src/bundle.min.ts']);
    expect(i.skipped.find((s) => s.file === 'src/bundle.min.ts')?.reason).toContain('minified');
  });

  it('finds calls wherever they stand, and parentheses in comments and strings mislead nothing', async () => {
    const i = await index({
      'src/everywhere.tsx': [
        "import posthog from 'posthog-js';",
        '// (a comment with parentheses)',
        "const label = `${posthog.capture('in_template')}`;",
        "const view = <div title=\"(x)\" onClick={() => posthog.capture('in_jsx')}>{(posthog?.capture?.('optional_chain'))}</div>;",
        "class Panel { @Log(posthog.capture('in_decorator')) open() {} }",
        "const plain = { a: 1, b: [2, 3], c: 'no (call) here' };",
        "export default [label, view, plain, posthog.capture('last_line')];",
      ].join('\n'),
    });
    expect(sites(i).map((c) => summary(c).event).sort()).toEqual(['in_decorator', 'in_jsx', 'in_template', 'last_line', 'optional_chain']);
  });

  it('analyses a changed helper that another changed file imports, in either order', async () => {
    const helper = "import posthog from 'posthog-js';\nexport const trackPanel = (event: string, panel: string) => posthog.capture(event, { panel });\n";
    const caller = "import { trackPanel } from './helper';\ntrackPanel('panel_opened', 'billing');\n";
    for (const [helperPath, callerPath] of [['src/a/helper.ts', 'src/a/z-caller.ts'], ['src/z/helper.ts', 'src/z/a-caller.ts']] as const) {
      const i = await index({ [helperPath]: helper, [callerPath]: caller });
      expect(sites(i).map((c) => [c.file, summary(c).event, summary(c).keys])).toEqual([[callerPath, 'panel_opened', ['panel']]]);
      expect(i.files.sort()).toEqual([helperPath, callerPath].sort());
    }
  });

  it('never takes names inherited by every object for SDK methods or globals', async () => {
    const i = await index({
      'src/inherited.ts': [
        "import posthog from 'posthog-js';",
        "analytics.hasOwnProperty('track');",
        "window.toString();",
        "posthog.constructor('x');",
        'toString();',
        "posthog.capture('real_one');",
      ].join('\n'),
    });
    expect(sites(i).map((c) => summary(c).event)).toEqual(['real_one']);
  });

  it('does not parse files without any analytics hint', async () => {
    const i = await index({ 'src/math.ts': 'export const add = (a: number, b: number) => a + b;\n' });
    expect(i.files).toEqual([]);
  });
});
