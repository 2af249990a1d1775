import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { ModuleResolver } from '../../src/code/modules.js';
import { scriptBlocks } from '../../src/code/program.js';
import { review } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import { renderText } from '../../src/report/text.js';
import { indexOf } from '../helpers/code-index.js';

// The shapes real repositories send, written generically: each must be found, and each has a
// look-alike that must stay silent.

const index = indexOf;

/** `file:line event` of every call site recognised. */
async function sitesOf(files: Record<string, string>): Promise<string[]> {
  const i = await index(files);
  return i.calls
    .filter((c) => !c.internal)
    .map((c) => `${c.file}:${c.location.line} ${c.event && 'value' in c.event ? c.event.value : (c.event?.kind ?? c.kind)}`);
}

describe('module resolution', () => {
  const resolver = (files: Record<string, string>) =>
    new ModuleResolver({ files: new Set(Object.keys(files)), configs: new Map(Object.entries(files).filter(([p]) => p.endsWith('.json'))) });

  it('follows tsconfig paths and baseUrl, through extends, from the nearest tsconfig', () => {
    const files = {
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }),
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@acme/shared/*': ['packages/shared/src/*'] } } }),
      'apps/web/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
      'apps/web/lib/analytics.ts': 'export const x = 1;',
      'packages/shared/src/track.ts': 'export const y = 1;',
      'src/lib/analytics.ts': 'export const z = 1;',
    };
    const r = resolver(files);
    // The app's own mapping wins over the repository-wide `src/` convention.
    expect(r.resolve('apps/web/pages/index.tsx', '@/lib/analytics')).toBe('apps/web/lib/analytics.ts');
    expect(r.resolve('tools/x.ts', '@acme/shared/track')).toBe('packages/shared/src/track.ts');
    expect(r.resolve('apps/web/pages/index.tsx', 'react')).toBeUndefined();
  });

  it('maps a workspace package to its sources when its entry points at build output', () => {
    const files = {
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
      'packages/shared/package.json': JSON.stringify({ name: '@acme/shared', main: 'build/main/index.js', types: 'build/main/index.d.ts' }),
      'packages/shared/src/index.ts': 'export * from "./analytics";',
      'packages/ui/package.json': JSON.stringify({ name: '@acme/ui', exports: { '.': { import: './dist/index.mjs' }, './icons': './dist/icons.mjs' } }),
      'packages/ui/src/index.ts': '',
      'packages/ui/src/icons.ts': '',
    };
    const r = resolver(files);
    expect(r.resolve('apps/api/src/main.ts', '@acme/shared')).toBe('packages/shared/src/index.ts');
    expect(r.resolve('apps/api/src/main.ts', '@acme/ui')).toBe('packages/ui/src/index.ts');
    expect(r.resolve('apps/api/src/main.ts', '@acme/ui/icons')).toBe('packages/ui/src/icons.ts');
    expect(r.resolve('apps/api/src/main.ts', '@acme/other')).toBeUndefined();
  });

  it('finds a tracking helper in another workspace package, and not a same-named package from the registry', async () => {
    expect(
      await sitesOf({
        'packages/analytics/package.json': JSON.stringify({ name: '@acme/analytics', main: 'dist/index.js' }),
        'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { '@acme/analytics': '*', '@other/analytics': '1' } }),
        'packages/analytics/src/index.ts': "import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\nexport function track(event: string, props: object) {\n  ph.capture({ distinctId: 'server', event, properties: props });\n}\n",
        'apps/api/src/signup.ts': "import { track } from '@acme/analytics';\nimport { track as other } from '@other/analytics';\ntrack('user_signed_up', { plan: 'pro' });\nother('not_ours', {});\n",
      }),
    ).toEqual(['apps/api/src/signup.ts:3 user_signed_up']);
  });
});

describe('inferred resolution', () => {
  const helper = "import posthog from 'posthog-js';\nexport function trackSignup(plan: string) { posthog.capture('user_signed_up', { plan }); }\n";

  it('takes an import nothing resolves to the one file that defines the name, and says so', async () => {
    const i = await index({
      'package.json': JSON.stringify({ name: 'web', dependencies: { react: '18' } }),
      'src/gen/analytics.ts': helper,
      'src/signup.ts': "import { trackSignup } from 'generated/analytics';\ntrackSignup('pro');\n",
    });
    const site = i.calls.find((c) => c.file === 'src/signup.ts');
    expect(site?.event && 'value' in site.event ? site.event.value : undefined).toBe('user_signed_up');
    expect(site?.inferred).toBe(true);
    const direct = i.calls.find((c) => c.file === 'src/gen/analytics.ts');
    expect(direct?.inferred).toBeUndefined();
  });

  it('infers nothing for a name defined twice, for a package the manifest depends on, or for a default import', async () => {
    // With no dependency declared anywhere, a bare name may be any registry package.
    expect(await sitesOf({ 'src/gen/analytics.ts': helper, 'src/signup.ts': "import { trackSignup } from '@vendor/analytics';\ntrackSignup('pro');\n" })).toEqual([
      'src/gen/analytics.ts:2 user_signed_up',
    ]);
    const sites = await sitesOf({
      'package.json': JSON.stringify({ name: 'web', dependencies: { '@acme/tracking': '1' } }),
      'src/gen/analytics.ts': helper,
      'src/old/analytics.ts': helper.replace('user_signed_up', 'legacy_signed_up'),
      'src/lib/ext.ts': "import posthog from 'posthog-js';\nexport function trackExternal(x: string) { posthog.capture('external_sent', { x }); }\nexport default trackExternal;\n",
      'src/signup.ts': [
        "import { trackSignup } from 'generated/analytics';",
        "import { trackExternal } from '@acme/tracking';",
        "import fallback from 'generated/ext';",
        "trackSignup('pro');",
        "trackExternal('a');",
        "fallback('b');",
      ].join('\n'),
    });
    expect(sites.filter((s) => s.startsWith('src/signup.ts'))).toEqual([]);
  });
});

describe('values held on classes', () => {
  it('finds clients set later, behind unions, qualified types, #private fields, getters and injected services', async () => {
    const sites = await sitesOf({
      'src/analytics.service.ts': [
        "import { PostHog } from 'posthog-node';",
        "import Mixpanel from 'mixpanel';",
        'export class AnalyticsService {',
        '  private client: PostHog | null = null;',
        '  #mp: Mixpanel.Mixpanel;',
        '  initialize(key: string) { this.client = new PostHog(key); this.#mp = Mixpanel.init(key); }',
        '  get posthog() { return this.client; }',
        "  track(event: string, properties: Record<string, unknown>) { this.client?.capture({ distinctId: 'svc', event, properties }); }",
        "  mixpanelEvent() { this.#mp.track('mixpanel_sent', { distinct_id: 'svc' }); }",
        "  viaGetter() { this.posthog?.capture({ distinctId: 'svc', event: 'getter_used' }); }",
        '}',
      ].join('\n'),
      'src/team.service.ts': [
        "import { AnalyticsService } from './analytics.service';",
        'export class TeamService {',
        '  constructor(private readonly analyticsService: AnalyticsService) {}',
        "  create() { this.analyticsService.track('team_created', { size: 3 }); }",
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/analytics.service.ts:9 mixpanel_sent', 'src/analytics.service.ts:10 getter_used', 'src/team.service.ts:4 team_created']);
  });

  it('finds conditional instances, the global-singleton idiom and factory closures', async () => {
    const sites = await sitesOf({
      'src/posthog.ts': [
        "import { PostHog } from 'posthog-node';",
        'const globalForPostHog = globalThis as unknown as { client?: PostHog };',
        "const make = () => new PostHog('k');",
        'export const client = globalForPostHog.client ?? make();',
        "export const maybe = process.env.KEY ? new PostHog(process.env.KEY) : undefined;",
        'export function telemetryServiceFactory(deps: { ph: PostHog }) {',
        "  return { emit: (event: string) => deps.ph.capture({ distinctId: 'x', event }) };",
        '}',
      ].join('\n'),
      'src/use.ts': [
        "import { client, maybe, telemetryServiceFactory } from './posthog';",
        "client.capture({ distinctId: 'u', event: 'singleton_used' });",
        "maybe?.capture({ distinctId: 'u', event: 'maybe_used' });",
        'const telemetry = telemetryServiceFactory({ ph: client });',
        "telemetry.emit('factory_used');",
        'type Telemetry = ReturnType<typeof telemetryServiceFactory>;',
        "function later(t: Telemetry) { t.emit('typed_used'); }",
      ].join('\n'),
    });
    expect(sites).toEqual(['src/use.ts:2 singleton_used', 'src/use.ts:3 maybe_used', 'src/use.ts:5 factory_used', 'src/use.ts:7 typed_used']);
  });

  it('stays silent on a business class with a track method and on an untyped injected value', async () => {
    const sites = await sitesOf({
      'src/shipment.ts': [
        'export class ShipmentTracker {',
        "  track(id: string) { return fetch('/shipments/' + id); }",
        '}',
        'export class Orders {',
        '  constructor(private readonly tracker: ShipmentTracker, private readonly other: any) {}',
        "  ship() { this.tracker.track('order_1'); this.other.track('x_y'); }",
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual([]);
  });
});

describe('loading shapes', () => {
  it('follows CommonJS require, module.exports and dynamic imports', async () => {
    const sites = await sitesOf({
      'lib/analytics.js': "const Mixpanel = require('mixpanel');\nconst mp = Mixpanel.init('t');\nfunction track(event, props) { mp.track(event, props); }\nmodule.exports = { track };\n",
      'lib/use.js': [
        "const analytics = require('./analytics');",
        "const { PostHog } = require('posthog-node');",
        "analytics.track('cjs_helper', { distinct_id: 'u' });",
        "new PostHog('k').capture({ distinctId: 'u', event: 'cjs_sdk' });",
        "import('posthog-js').then(({ default: posthog }) => posthog.capture('lazy_then'));",
        "async function f() { const { default: p } = await import('posthog-js'); p.capture('lazy_await'); }",
        "const lodash = require('lodash');",
        "lodash.track('not_an_sdk');",
      ].join('\n'),
    });
    expect(sites).toEqual(['lib/use.js:3 cjs_helper', 'lib/use.js:4 cjs_sdk', 'lib/use.js:5 lazy_then', 'lib/use.js:6 lazy_await']);
  });
});

describe('React hooks', () => {
  it('finds methods taken off hooks that return the SDK or a wrapper, and not a hook that returns a logger', async () => {
    const sites = await sitesOf({
      'src/hooks/useAnalytics.ts': "import { usePostHog } from 'posthog-js/react';\nexport function useAnalytics() {\n  const posthog = usePostHog();\n  return { capture: (event: string, props?: object) => posthog.capture(event, props) };\n}\nexport function useLogger() { return { track: (m: string) => console.log(m) }; }\n",
      'src/Page.tsx': [
        "import { usePostHog } from 'posthog-js/react';",
        "import { useAnalytics, useLogger } from './hooks/useAnalytics';",
        'export function Page() {',
        '  const { capture } = useAnalytics();',
        '  const { capture: direct } = usePostHog();',
        '  const log = useLogger();',
        "  capture('page_opened');",
        "  direct('page_scrolled');",
        "  log.track('not_analytics');",
        '  return null;',
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/Page.tsx:7 page_opened', 'src/Page.tsx:8 page_scrolled']);
  });
});

describe('call shapes', () => {
  it('reads a payload built in a variable, a default for the properties, an event built around the argument, and a fixed-event helper', async () => {
    const i = await index({
      'src/segment.ts': [
        "import { Analytics } from '@segment/analytics-node';",
        "const client = new Analytics({ writeKey: 'k' });",
        'export function send(name: string, props?: object) {',
        "  const payload = { event: `${name} - cli`, userId: 'cli', properties: props || {} };",
        '  client.track(payload);',
        '}',
        'export function trackError(error: Error, form: string) {',
        "  client.track({ event: 'submit_error', userId: 'cli', properties: { form, type: error.name } });",
        '}',
        'export function save(doc: { id: string }) {',
        "  client.track({ event: 'doc_saved', userId: 'cli', properties: { id: doc.id } });",
        '  return doc;',
        '}',
      ].join('\n'),
      'src/use.ts': "import { send, trackError, save } from './segment';\nsend('Command Run', { ok: true });\ntrackError(new Error('x'), 'login');\nsave({ id: '1' });\n",
    });
    const sites = i.calls.filter((c) => !c.internal).map((c) => `${c.file}:${c.location.line} ${c.event && 'value' in c.event ? c.event.value : c.event?.kind}`);
    // `save` is business logic that also tracks: its own call is the site, its callers are not.
    expect(sites).toEqual(['src/segment.ts:8 submit_error', 'src/segment.ts:11 doc_saved', 'src/use.ts:2 Command Run - cli', 'src/use.ts:3 submit_error']);
    const sent = i.calls.find((c) => c.file === 'src/use.ts' && c.location.line === 2);
    expect(sent?.properties.kind === 'object' ? sent.properties.entries.map((e) => e.key) : sent?.properties.kind).toEqual(['ok']);
  });
});

describe('fallbacks', () => {
  it('a fallback after `||` or `??` makes neither a dynamic event name nor a missing client known', async () => {
    const i = await index({
      'src/a.ts': "import posthog from 'posthog-js';\nexport function f(name: string) {\n  posthog.capture(name || 'unknown_event');\n}\nconst client = (window as any).ph ?? null;\nclient.capture('not_a_client');\n",
    });
    const calls = i.calls.map((c) => `${c.location.line} ${c.event?.kind}`);
    expect(calls).toEqual(['3 dynamic']);
  });
});

describe('framework files and privacy-first SDKs', () => {
  it('reads Vue single-file components and Svelte markup at their own lines', async () => {
    const sites = await sitesOf({
      'src/analytics.ts': "import posthog from 'posthog-js';\nexport function trackEvent(name: string, data?: object) { posthog.capture(name, data); }\n",
      'src/Panel.vue': [
        '<template>',
        '  <button @click="trackEvent(\'panel_opened\')">Open</button>',
        '  <p :title="title">{{ title }}</p>',
        '</template>',
        '<script setup lang="ts">',
        "import { trackEvent } from './analytics';",
        "trackEvent('panel_loaded', { n: 1 });",
        '</script>',
      ].join('\n'),
      'src/Card.svelte': [
        '<script lang="ts">',
        "  import { trackEvent } from './analytics';",
        '  export let name: string;',
        '</script>',
        '<button on:click={() => { trackEvent("card_clicked", { name }) }}>Hi {name}</button>',
        '{#if name}<span>{name.track}</span>{/if}',
        '<style>.x { color: red; }</style>',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/Card.svelte:5 card_clicked', 'src/Panel.vue:2 panel_opened', 'src/Panel.vue:7 panel_loaded']);
  });

  it('keeps the lines of a component when blanking what is not script', () => {
    const text = '<template>\n<a @click="go()">x</a>\n</template>\n<script>\nconst a = 1;\n</script>\n';
    const blanked = scriptBlocks(text);
    expect(blanked.length).toBe(text.length);
    expect(blanked.split('\n')[4]).toBe('const a = 1;');
  });

  it('knows Plausible, Simple Analytics and Heap, unless a local name shadows them', async () => {
    const sites = await sitesOf({
      'src/a.ts': "plausible('Signup', { props: { plan: 'pro' } });\nsa_event('newsletter_joined');\nwindow.heap.track('form_sent', { n: 1 });\n",
      'src/b.ts': "const plausible = (x: string) => x;\nplausible('Not_tracking');\n",
    });
    expect(sites).toEqual(['src/a.ts:1 Signup', 'src/a.ts:2 newsletter_joined', 'src/a.ts:3 form_sent']);
  });
});

describe('never a silent pass', () => {
  it('every report says what was recognised; an SDK imported with nothing recognised is a note naming the import', async () => {
    const seen = await review({
      head: new MemorySnapshot({ 'src/a.ts': "import posthog from 'posthog-js';\nposthog.capture('page_opened');\n" }),
      mode: 'all',
      rules: allRules,
    });
    expect(seen.coverage).toMatchObject({ calls: 1, files: 1, viaWrappers: 0, inferred: 0, analysedFiles: 1 });

    const inferred = await review({
      head: new MemorySnapshot({
        'package.json': JSON.stringify({ name: 'web', dependencies: { 'posthog-js': '1' } }),
        'src/gen/track.ts': "import posthog from 'posthog-js';\nexport function trackOpen(page: string) { posthog.capture('page_opened', { page }); }\n",
        'src/a.ts': "import { trackOpen } from 'generated/track';\ntrackOpen('home');\n",
      }),
      mode: 'all',
      rules: allRules,
    });
    expect(inferred.coverage).toMatchObject({ calls: 2, viaWrappers: 1, inferred: 1 });
    expect(inferred.coverage.sites.find((s) => s.file === 'src/a.ts')).toMatchObject({ event: 'page_opened', inferred: true });
    expect(renderText(seen)).toContain('Recognised 1 tracking call in 1 file in the repository');

    const blind = await review({
      head: new MemorySnapshot({ 'src/a.ts': "import posthog from 'posthog-js';\nconst send = magic(posthog);\nsend('page_opened');\n" }),
      mode: 'all',
      rules: allRules,
    });
    expect(blind.coverage.calls).toBe(0);
    expect(blind.notes.find((n) => n.includes('src/a.ts:1 (posthog-js)'))).toContain('no tracking call was recognised');

    const none = await review({ head: new MemorySnapshot({ 'src/a.ts': 'export const x = 1;\n' }), mode: 'all', rules: allRules });
    expect(none.notes.some((n) => n.includes('no tracking call was recognised'))).toBe(false);
  });
});

describe('analysis errors', () => {
  it('an analysis that fails on a file makes the review incomplete, naming the file, instead of passing', async () => {
    const { Analyzer } = await import('../../src/code/analyzer.js');
    const original = Analyzer.prototype.resolveCall;
    Analyzer.prototype.resolveCall = function (this: InstanceType<typeof Analyzer>, call) {
      if (call.getSourceFile().fileName.endsWith('broken.ts')) throw new Error('unexpected tree');
      return original.call(this, call);
    };
    try {
      const report = await review({
        head: new MemorySnapshot({ 'src/broken.ts': "import posthog from 'posthog-js';\nposthog.capture('x_done');\n", 'src/fine.ts': "import posthog from 'posthog-js';\nposthog.capture('y_done');\n" }),
        mode: 'all',
        rules: allRules,
      });
      expect(report.conclusion).toBe('neutral');
      expect(report.incomplete.map((i) => i.reason)).toEqual([expect.stringContaining('src/broken.ts was not analysed: its analysis failed at line 2 (unexpected tree)')]);
      expect(report.coverage.sites.map((s) => s.file)).toEqual(['src/fine.ts']);
    } finally {
      Analyzer.prototype.resolveCall = original;
    }
  });
});

describe('payloads handed on whole', () => {
  const service = [
    "import { Analytics } from '@segment/analytics-node';",
    'export class TrackingService {',
    "  private analytics = new Analytics({ writeKey: 'k' });",
    '  async trackManual({ user, data }: { user: { id?: string }; data: { event: string; properties?: object } }) {',
    '    this.analytics.track({ event: data.event, userId: user.id, properties: { ...data.properties, source: "api" } });',
    '  }',
    '  async trackWithContext(data: { event: string; properties?: object }) {',
    '    const userId = currentUser();',
    '    await this.trackManual({ user: { id: userId }, data });',
    '  }',
    '}',
    'declare function currentUser(): string;',
  ].join('\n');

  it('follows a wrapper that passes its parameter on inside an object to another wrapper', async () => {
    const i = await index({
      'src/tracking.ts': service,
      'src/orders.ts': [
        "import { TrackingService } from './tracking';",
        'export class Orders {',
        '  constructor(private readonly tracking: TrackingService) {}',
        '  async place() {',
        "    await this.tracking.trackWithContext({ event: 'order_placed', properties: { total: 3 } });",
        '  }',
        '}',
      ].join('\n'),
    });
    const site = i.calls.find((c) => c.file === 'src/orders.ts');
    expect(site?.event).toMatchObject({ kind: 'literal', value: 'order_placed' });
    expect(site?.via).toEqual(['trackWithContext', 'trackManual']);
    expect(site?.properties).toMatchObject({ kind: 'object', entries: [expect.objectContaining({ key: 'total' }), expect.objectContaining({ key: 'source' })] });
    // The forwarding call inside the service is no call site of its own.
    expect(i.calls.filter((c) => c.file === 'src/tracking.ts' && !c.internal)).toEqual([]);
  });

  it('reads the event off a payload variable at the call site, and calls a payload it cannot see dynamic', async () => {
    const i = await index({
      'src/tracking.ts': service,
      'src/jobs.ts': [
        "import { TrackingService } from './tracking';",
        'export async function run(tracking: TrackingService, incoming: { event: string }) {',
        "  const payload = { event: 'job_finished' };",
        '  await tracking.trackWithContext(payload);',
        '  await tracking.trackWithContext(incoming);',
        '}',
      ].join('\n'),
    });
    const sites = i.calls.filter((c) => c.file === 'src/jobs.ts');
    expect(sites[0]?.event).toMatchObject({ kind: 'literal', value: 'job_finished' });
    expect(sites[1]?.internal).toBe(true);
  });

  it('stays silent for a class whose track method passes its argument to something that is no SDK', async () => {
    const i = await index({
      'src/audit.ts': [
        'export class Audit {',
        '  private store = new Map<string, object>();',
        '  track(data: { event: string }) { this.store.set(data.event, data); }',
        '  trackWithContext(data: { event: string }) { this.track({ ...data }); }',
        '}',
        "new Audit().trackWithContext({ event: 'x' });",
      ].join('\n'),
    });
    expect(i.calls).toEqual([]);
  });
});

describe('event names looked up and properties taken off a rest pattern', () => {
  const manager = [
    "import { Analytics } from '@segment/analytics-node';",
    "export const EventType = { sliceCreated: 'slice:created', pageView: 'page-view' } as const;",
    'export const HumanEventType = {',
    "  [EventType.sliceCreated]: 'Slice Created',",
    "  [EventType.pageView]: 'Page View',",
    '} as const;',
    'export class TelemetryManager {',
    "  private client = new Analytics({ writeKey: 'k' });",
    '  async track(args: { event: keyof typeof HumanEventType; repository?: string; [key: string]: unknown }) {',
    '    const { event, repository, ...properties } = args;',
    "    this.client.track({ event: HumanEventType[event], userId: 'u', properties: { repository, ...properties } });",
    '  }',
    '}',
  ].join('\n');

  it('sends the table entry for the key the caller gives, with the rest as properties', async () => {
    const i = await index({
      'src/telemetry.ts': manager,
      'src/slices.ts': [
        "import { TelemetryManager } from './telemetry';",
        'const telemetry = new TelemetryManager();',
        "void telemetry.track({ event: 'slice:created', id: 'hero', repository: 'r' });",
      ].join('\n'),
    });
    const site = i.calls.find((c) => c.file === 'src/slices.ts');
    expect(site?.event).toMatchObject({ kind: 'literal', value: 'Slice Created' });
    const keys = site?.properties.kind === 'object' ? site.properties.entries.map((e) => e.key) : [];
    // `event` and `repository` were taken off before the rest became the properties.
    expect(keys).toEqual(['id', 'repository']);
    expect(i.calls.filter((c) => c.file === 'src/telemetry.ts' && !c.internal)).toEqual([]);
  });

  it('says a key the table does not hold gives a name only known at run time', async () => {
    const i = await index({
      'src/telemetry.ts': manager,
      'src/other.ts': "import { TelemetryManager } from './telemetry';\ndeclare const key: any;\nvoid new TelemetryManager().track({ event: key });\n",
    });
    const site = i.calls.find((c) => c.file === 'src/other.ts');
    expect(site?.event?.kind).toBe('dynamic');
  });
});

describe('typed proxies of a class', () => {
  const files = {
    'packages/manager/src/Manager.ts': [
      "import { TelemetryManager } from './telemetry';",
      'export class Manager {',
      '  telemetry: TelemetryManager;',
      '  constructor() { this.telemetry = new TelemetryManager(); }',
      '}',
    ].join('\n'),
    'packages/manager/src/telemetry.ts': [
      "import { Analytics } from '@segment/analytics-node';",
      'export class TelemetryManager {',
      "  private client = new Analytics({ writeKey: 'k' });",
      "  async track(args: { event: string }) { this.client.track({ event: args.event, userId: 'u' }); }",
      '}',
    ].join('\n'),
    'packages/manager/src/procedures.ts': "import { ProceduresOf } from 'rpc-lib';\nimport { Manager } from './Manager';\nexport type Procedures = ProceduresOf<Manager>;\n",
    'packages/manager/src/client.ts': [
      "import { createClient, RPCClient } from 'rpc-lib/client';",
      "import type { Procedures } from './procedures';",
      'export type ManagerClient = RPCClient<Procedures>;',
      'export const createManagerClient = (url: string): ManagerClient => {',
      '  return createClient({ url });',
      '};',
    ].join('\n'),
  };

  it('takes a package generic over one of the repository classes to offer that class, through aliases in other files', async () => {
    const i = await index({
      ...files,
      'packages/web/src/api.ts': [
        "import { createManagerClient } from '../../manager/src/client';",
        "export const managerClient = createManagerClient('/_manager');",
        'export const telemetry = { track: managerClient.telemetry.track };',
      ].join('\n'),
      'packages/web/src/button.tsx': "import { telemetry } from './api';\nexport const onClick = () => void telemetry.track({ event: 'button_clicked' });\n",
    });
    expect(i.calls.filter((c) => c.file === 'packages/web/src/button.tsx').map((c) => c.event)).toMatchObject([{ kind: 'literal', value: 'button_clicked' }]);
  });

  it('does not take a container of instances for one of them', async () => {
    const i = await index({
      ...files,
      'packages/web/src/list.ts': [
        "import { Observable } from 'rxjs';",
        "import { TelemetryManager } from '../../manager/src/telemetry';",
        'export const all = (): Observable<TelemetryManager> => undefined as any;',
        "export const run = () => (all() as any).track({ event: 'never' });",
      ].join('\n'),
    });
    expect(i.calls.filter((c) => c.file === 'packages/web/src/list.ts')).toEqual([]);
  });
});

describe('react-tracking', () => {
  const analytics = [
    "import * as reactTracking from 'react-tracking';",
    'export const useTracking = reactTracking.useTracking;',
    'export const track = reactTracking.track;',
    'export function dispatch(data: { eventName?: string; [key: string]: unknown }) {',
    '  const { eventName, ...rest } = data;',
    "  (window as any).analytics.track(eventName || 'MISSING', { ...rest });",
    '}',
  ].join('\n');

  it('sends trackEvent payloads through the dispatch the application root configures', async () => {
    const i = await index({
      'src/util/analytics.ts': analytics,
      'src/App.tsx': "import { track, dispatch } from './util/analytics';\nexport const enhance = track({ source: 'web' }, { dispatch });\n",
      'src/Save.tsx': [
        "import { useTracking } from './util/analytics';",
        'export function Save() {',
        '  const { trackEvent } = useTracking();',
        "  return <button onClick={() => trackEvent({ eventName: 'settings_saved', tab: 'general' })} />;",
        '}',
      ].join('\n'),
    });
    const site = i.calls.find((c) => c.file === 'src/Save.tsx');
    expect(site?.event).toMatchObject({ kind: 'literal', value: 'settings_saved' });
    expect(site?.properties.kind === 'object' ? site.properties.entries.map((e) => e.key) : []).toEqual(['tab']);
  });

  it('stays silent without a configured dispatch, and for a useTracking hook of another package', async () => {
    const i = await index({
      'src/util/analytics.ts': analytics,
      'src/Save.tsx': [
        "import { useTracking } from './util/analytics';",
        "import { useTracking as useRoute } from 'route-tracker';",
        'export function Save() {',
        '  const { trackEvent } = useTracking();',
        '  const route = useRoute();',
        "  route.trackEvent({ eventName: 'x' });",
        "  return <button onClick={() => trackEvent({ eventName: 'settings_saved' })} />;",
        '}',
      ].join('\n'),
    });
    expect(i.calls.filter((c) => c.file === 'src/Save.tsx')).toEqual([]);
  });
});

describe('event constants', () => {
  it('reports a badly named constant once, where its name is written', async () => {
    const report = await review({
      head: new MemorySnapshot({
        'src/events.ts': "export enum Events {\n  Saved = 'settingsSave',\n}\n",
        'src/a.ts': "import posthog from 'posthog-js';\nimport { Events } from './events';\nposthog.capture(Events.Saved);\n",
        'src/b.ts': "import posthog from 'posthog-js';\nimport { Events } from './events';\nposthog.capture(Events.Saved, { from: 'b' });\n",
      }),
      mode: 'all',
      rules: allRules,
    });
    const naming = report.findings.filter((f) => f.ruleId === 'naming/code-event-name');
    expect(naming.map((f) => `${f.file}:${f.line}`)).toEqual(['src/events.ts:2']);
  });
});

describe('React state', () => {
  it('takes the state of a useState typed by an SDK class for an instance of it', async () => {
    const sites = await sitesOf({
      'src/Provider.tsx': [
        "import { useState } from 'react';",
        "import { AnalyticsBrowser } from '@segment/analytics-next';",
        'export function Provider({ user }: { user: string }) {',
        '  const [analytics, setAnalytics] = useState<AnalyticsBrowser>();',
        "  const [label] = useState<string>('x');",
        "  const [store] = useState<Map<string, string>>(new Map());",
        "  const identify = () => analytics?.identify(user, { plan: 'pro' });",
        "  (store as any).track('not_analytics');",
        '  return null;',
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/Provider.tsx:7 identify']);
  });
});

describe('fixed-event helpers and the handlers that call them', () => {
  const helpers = [
    "import { PostHog } from 'posthog-node';",
    'export async function captureEvent(email: string, event: string, properties?: Record<string, unknown>) {',
    "  new PostHog('k').capture({ distinctId: email, event, properties });",
    '}',
    'export async function trackTrialStarted(email: string, attributes: object) {',
    "  return captureEvent(email, 'trial_started', { ...attributes, premium: true });",
    '}',
    'export async function trackPlanCancelled(email: string, attributes: object) {',
    "  return captureEvent(email, 'plan_cancelled', { ...attributes });",
    '}',
  ].join('\n');

  it('finds the named call inside the helper and the handler that calls it, and the handler is no wrapper', async () => {
    const sites = await sitesOf({
      'src/posthog.ts': helpers,
      'src/webhook.ts': [
        "import { trackTrialStarted } from './posthog';",
        'export async function onSubscriptionUpdated(payload: { data: { attributes: object } }, email: string) {',
        '  await trackTrialStarted(email, payload.data.attributes);',
        '}',
        'export async function route(body: any) {',
        "  await onSubscriptionUpdated(body, 'a@b.c');",
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/posthog.ts:6 trial_started', 'src/posthog.ts:9 plan_cancelled', 'src/webhook.ts:3 trial_started']);
  });

  it('counts an event as implemented only where its helper is called', async () => {
    const report = await review({
      head: new MemorySnapshot({
        'tracking-plan.yaml': 'version: 1\nevents:\n  trial_started:\n    description: A trial began.\n  plan_cancelled:\n    description: A plan was cancelled.\n',
        'src/posthog.ts': helpers,
        'src/webhook.ts': "import { trackTrialStarted } from './posthog';\nexport const run = (e: string) => trackTrialStarted(e, {});\n",
      }),
      mode: 'all',
      rules: allRules,
    });
    expect(report.findings.filter((f) => f.ruleId === 'registration/not-implemented').map((f) => f.data.event)).toEqual(['plan_cancelled']);
  });
});

describe('objects of analytics functions', () => {
  it('follows the methods a hook hands out, and helpers that take the SDK as an argument', async () => {
    const sites = await sitesOf({
      'src/hooks/useVideoAnalytics.ts': [
        "import { useMemo } from 'react';",
        "import posthog from 'posthog-js';",
        'export function useVideoAnalytics(config?: { title: string }) {',
        '  const { title } = config ?? {};',
        '  return useMemo(() => {',
        '    const capture = (action: string, properties?: Record<string, unknown>) => {',
        "      posthog.capture('video_action', { action, title, ...properties });",
        '    };',
        "    return { trackViewed: () => capture('viewed'), onOpened: (at: number) => capture('opened', { at }) };",
        '  }, [title]);',
        '}',
      ].join('\n'),
      'src/landing.ts': [
        "import type { PostHog } from 'posthog-js';",
        "export const landingPageAnalytics = { logInClicked: (posthog: PostHog, position?: string) => posthog?.capture?.('log_in_clicked', { position }) };",
        "export const formHandlers = { onSave: (posthog: PostHog) => posthog.capture('form_saved') };",
      ].join('\n'),
      'src/Card.tsx': [
        "import { useEffect } from 'react';",
        "import { usePostHog } from 'posthog-js/react';",
        "import { useVideoAnalytics } from './hooks/useVideoAnalytics';",
        "import { landingPageAnalytics, formHandlers } from './landing';",
        'export function Card(props: { title: string }) {',
        '  const posthog = usePostHog();',
        '  const video = useVideoAnalytics({ title: props.title });',
        '  useEffect(() => video.trackViewed(), [video]);',
        "  landingPageAnalytics.logInClicked(posthog, 'header');",
        '  formHandlers.onSave(posthog);',
        '  return null;',
        '}',
      ].join('\n'),
    });
    // The hook call itself sends nothing; `formHandlers` is no analytics object, so only its body is a site.
    expect(sites).toEqual([
      'src/Card.tsx:8 video_action',
      'src/Card.tsx:9 log_in_clicked',
      'src/hooks/useVideoAnalytics.ts:7 video_action',
      'src/hooks/useVideoAnalytics.ts:9 video_action',
      'src/hooks/useVideoAnalytics.ts:9 video_action',
      'src/landing.ts:2 log_in_clicked',
      'src/landing.ts:3 form_saved',
    ]);
  });

  it('reads the SDK off a destructured parameter by its declared type', async () => {
    const sites = await sitesOf({
      'src/hooks.ts': [
        "import type { PostHog } from 'posthog-js/react';",
        'export function useUnsubscribe({ posthog, label }: { posthog: PostHog; label: string }) {',
        "  return () => posthog.capture('unsubscribe_clicked', { label });",
        '}',
        'export function useOther({ client }: { client: { capture(e: string): void } }) {',
        "  return () => client.capture('not_an_sdk');",
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/hooks.ts:3 unsubscribe_clicked']);
  });
});

describe('functions that contain tracking calls', () => {
  it('are no helpers when what they are given does not go into the call', async () => {
    const sites = await sitesOf({
      'src/backups.ts': [
        "import posthog from 'posthog-js';",
        'export const trackPolicies = (policies: Array<{ days: number }>) => {',
        '  policies.forEach((policy) => {',
        '    const message = { keepFor: `${policy.days} days` };',
        "    posthog.capture('policy_created', message);",
        '  });',
        '};',
        'export const trackStep = (step: number) => {',
        '  const props = { step };',
        "  posthog.capture('step_viewed', props);",
        '};',
        'trackPolicies([]);',
        'trackStep(2);',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/backups.ts:5 policy_created', 'src/backups.ts:10 step_viewed', 'src/backups.ts:13 step_viewed']);
  });
});

describe('CLI telemetry helpers', () => {
  const segment = [
    "import Analytics from '@segment/analytics-node';",
    "const analytics = new Analytics({ writeKey: 'k' });",
    "export const trackEvent = (eventName: string, properties?: object) => analytics.track({ event: eventName, userId: 'u', properties });",
    'export const flushEvents = (): Promise<void> => analytics.closeAndFlush({ timeout: 3000 });',
    'export const closeDialog = (): void => {};',
  ].join('\n');

  it('takes a flush helper for a call that can reject, and not for a call site', async () => {
    const report = await review({
      head: new MemorySnapshot({
        'src/segment.ts': segment,
        'src/cmd.ts': [
          "import { trackEvent, flushEvents, closeDialog } from './segment';",
          'export async function run() {',
          "  trackEvent('cli.run.completed', {});",
          '  await flushEvents();',
          '  closeDialog();',
          '}',
        ].join('\n'),
      }),
      mode: 'all',
      rules: allRules,
    });
    expect(report.coverage.sites.map((s) => `${s.file}:${s.line}`)).toEqual(['src/cmd.ts:3']);
    expect(report.findings.filter((f) => f.ruleId === 'reliability/unguarded-rejection').map((f) => `${f.file}:${f.line}`)).toEqual(['src/cmd.ts:4']);
    // Flushing the queue is no operation the event could report before it happened.
    expect(report.findings.filter((f) => f.ruleId === 'reliability/track-before-success')).toEqual([]);
  });

  it('reports a name a wrapper builds from its own run-time values once, in the wrapper', async () => {
    const report = await review({
      head: new MemorySnapshot({
        'src/segment.ts': segment,
        'src/feedback.ts': [
          "import { trackEvent } from './segment';",
          'export function createFeedback(command: { name(): string }) {',
          '  const commandName = command.name();',
          '  function inputError(name: string) {',
          '    trackEvent(`cli.${commandName}.input_error.${name}`, {});',
          '  }',
          '  return { inputError };',
          '}',
        ].join('\n'),
        'src/a.ts': "import { createFeedback } from './feedback';\nconst feedback = createFeedback({ name: () => 'a' });\nfeedback.inputError('bad_file');\nfeedback.inputError('bad_flag');\n",
      }),
      mode: 'all',
      rules: allRules,
    });
    expect(report.findings.filter((f) => f.ruleId === 'registration/dynamic-event').map((f) => `${f.file}:${f.line}`)).toEqual(['src/feedback.ts:5']);
  });
});

describe('dependency injection by interface', () => {
  const client = [
    "import { Analytics } from '@segment/analytics-node';",
    'export interface ISegmentClient { track(event: { event: string; user: { id: string }; properties?: object }): void }',
    'export class SegmentClient implements ISegmentClient {',
    "  private readonly client = new Analytics({ writeKey: 'k' });",
    '  track(event: { event: string; user: { id: string }; properties?: object }) {',
    '    const { user, ...eventProps } = event;',
    '    const userInfo = user.id ? { userId: user.id } : { anonymousId: "a" };',
    '    this.client.track({ ...eventProps, ...userInfo });',
    '  }',
    '}',
    'export class MockSegmentClient implements ISegmentClient { track() {} }',
  ].join('\n');
  const tracker = [
    "import { ok, type Result } from 'neverthrow';",
    "import { type ISegmentClient, SegmentClient } from './client';",
    'export class EventsTracker {',
    '  constructor(private segmentClient: ISegmentClient) {}',
    '  async trackEvent(event: { type: string; user: { id: string }; payload: object }) {',
    '    this.segmentClient.track({ event: event.type, user: event.user, properties: event.payload });',
    '  }',
    '}',
    'export interface ITrackerFactory { create(): Promise<Result<EventsTracker, unknown>> }',
    'export class TrackerFactory implements ITrackerFactory {',
    '  async create() { return ok(new EventsTracker(new SegmentClient())); }',
    '}',
    'export class TrackEventUseCase {',
    '  constructor(private deps: { factory: ITrackerFactory }) {}',
    '  async track(event: { type: string; user: { id: string }; payload: object }) {',
    '    const result = await this.deps.factory.create();',
    '    return result.value.trackEvent(event);',
    '  }',
    '}',
  ].join('\n');

  it('follows an interface to its one implementation, a box back to its value, and a key through spreads', async () => {
    const i = await index({
      'src/client.ts': client,
      'src/tracker.ts': tracker,
      'src/events.ts': [
        'declare function filterEmptyValuesFromObject<T>(o: T): T;',
        'export const eventFactory = {',
        '  orderUpdated(order: { id: string; email: string }) {',
        "    return { type: 'Order Updated', user: { id: order.id }, payload: filterEmptyValuesFromObject({ email: order.email, order_id: order.id }) };",
        '  },',
        '};',
      ].join('\n'),
      'src/webhook.ts': [
        "import { TrackEventUseCase, TrackerFactory } from './tracker';",
        "import { eventFactory } from './events';",
        'const useCase = new TrackEventUseCase({ factory: new TrackerFactory() });',
        'export async function handler(order: { id: string; email: string }) {',
        '  const event = eventFactory.orderUpdated(order);',
        '  return useCase.track(event);',
        '}',
      ].join('\n'),
    });
    const site = i.calls.find((c) => c.file === 'src/webhook.ts');
    expect(site?.event).toMatchObject({ kind: 'literal', value: 'Order Updated' });
    expect(site?.properties.kind === 'object' ? site.properties.entries.map((e) => e.key) : []).toEqual(['email', 'order_id']);
    expect(i.calls.filter((c) => !c.internal).map((c) => c.file)).toEqual(['src/webhook.ts']);
  });

  it('does not guess between two classes that implement the interface', async () => {
    const i = await index({
      'src/client.ts': `${client}\nexport class AuditClient implements ISegmentClient { track() {} }\n`,
      'src/tracker.ts': tracker,
      'src/a.ts': "import { EventsTracker } from './tracker';\ndeclare const t: EventsTracker;\nvoid t.trackEvent({ type: 'x', user: { id: 'u' }, payload: {} });\n",
    });
    // Still a tracker's own method, but no longer a path to Segment.
    expect(i.calls.filter((c) => c.file === 'src/a.ts').map((c) => c.sdk)).toEqual(['custom']);
  });
});

describe('components that track', () => {
  it('takes an element of a wrapper component, given the attribute its event comes from, for a call site', async () => {
    const sites = await sitesOf({
      'src/Button.tsx': [
        "import posthog from 'posthog-js';",
        'export const Button = ({ eventData, onClick, ...rest }: { eventData?: { eventName: string; [k: string]: unknown }; onClick?: () => void }) => {',
        '  const handleClick = () => {',
        '    if (eventData) posthog.capture(eventData.eventName, eventData);',
        '    onClick?.();',
        '  };',
        '  return <button {...rest} onClick={handleClick} />;',
        '};',
        "export const Modal = ({ title }: { title: string }) => <div>{title}</div>;",
      ].join('\n'),
      'src/Page.tsx': [
        "import { Button, Modal } from './Button';",
        'export const Page = () => (',
        '  <div>',
        "    <Button eventData={{ eventName: 'commit_clicked' }} onClick={() => {}} />",
        '    <Button onClick={() => {}}>Plain</Button>',
        '    <Modal title="Hello" />',
        '  </div>',
        ');',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/Page.tsx:4 commit_clicked']);
  });
});

describe('own collection endpoints and telemetry clients', () => {
  it('takes a request to a collection endpoint whose body names the event for a call that can reject', async () => {
    const i = await index({
      'src/telemetry.ts': [
        'export async function sendServerLoadEvent(version: string) {',
        "  await fetch('https://eu.posthog.com/capture/', { method: 'POST', body: JSON.stringify({ event: 'server_loaded', properties: { version } }) });",
        '}',
        "export const save = (doc: object) => fetch('/api/documents', { method: 'POST', body: JSON.stringify({ event: 'not_tracking', doc }) });",
        "export const report = (api: { post(u: string, b: object): Promise<void> }, name: string) => api.post('/telemetry', { event: name, data: {} });",
      ].join('\n'),
      'src/main.ts': "import { report } from './telemetry';\ndeclare const api: { post(u: string, b: object): Promise<void> };\nvoid report(api, 'app_started');\n",
    });
    const sites = i.calls.filter((c) => !c.internal).map((c) => `${c.file}:${c.location.line} ${c.event && 'value' in c.event ? c.event.value : c.event?.kind}`);
    expect(sites.sort()).toEqual(['src/main.ts:3 app_started', 'src/telemetry.ts:2 server_loaded']);
    expect(i.calls.find((c) => c.file === 'src/telemetry.ts')?.context.canReject).toBe(true);
  });

  it('takes the track method of a telemetry client of the team for where events go', async () => {
    const sites = await sitesOf({
      'packages/telemetry/src/telemeter.js': [
        'export default class Telemeter {',
        '  track(event, data) { return this.enqueue(event, data); }',
        '  enqueue(type, data) { this.queue.push({ type, properties: data }); }',
        '}',
      ].join('\n'),
      'packages/telemetry/src/index.js': "import Telemeter from './telemeter';\nconst telemeter = new Telemeter();\nexport const track = (event, data = {}) => { telemeter.track(event, data); };\n",
      'packages/cli/src/new.js': "import { track } from '../../telemetry/src/index.js';\ntrack('project_created', { template: 'default' });\n",
      'src/orders/tracker.js': 'export class OrderTracker { track(order) { return order.id; } }\nnew OrderTracker().track({ id: 1 });\n',
    });
    expect(sites).toEqual(['packages/cli/src/new.js:2 project_created']);
  });
});

describe('React context providers', () => {
  const provider = [
    "import { createContext, useCallback, useContext, useState } from 'react';",
    "import { Analytics } from '@segment/analytics-next';",
    'const AnalyticsContext = createContext<{ track: (e: string, o?: object) => void } | null>(null);',
    'export const AnalyticsProvider = ({ children }: { children: any }) => {',
    '  const [analytics] = useState<Analytics | null>(null);',
    '  const track = useCallback((event: string, options?: object) => { void analytics?.track(event, { ...options }); }, [analytics]);',
    '  return <AnalyticsContext.Provider value={{ track }}>{children}</AnalyticsContext.Provider>;',
    '};',
    'export const useAnalytics = () => useContext(AnalyticsContext)!;',
    'const ThemeContext = createContext({ track: (e: string) => e });',
    'export const useTheme = () => useContext(ThemeContext);',
  ].join('\n');

  it('follows useContext to the value its provider is given, and not a context without a provider', async () => {
    const sites = await sitesOf({
      'src/providers/analytics.tsx': provider,
      'src/Menu.tsx': [
        "import { useAnalytics, useTheme } from './providers/analytics';",
        'export const Menu = () => {',
        '  const { track } = useAnalytics();',
        '  const theme = useTheme();',
        "  theme.track('not_analytics');",
        "  return <button onClick={() => track('nav_menu_opened', { from: 'top' })} />;",
        '};',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/Menu.tsx:6 nav_menu_opened']);
  });
});

describe('identify helpers', () => {
  it('takes a helper named for identify that hands the identity on for a wrapper, and not a business function that also identifies', async () => {
    const i = await index({
      'src/telemetry.ts': [
        "import { Analytics } from '@segment/analytics-node';",
        "const client = new Analytics({ writeKey: 'k' });",
        'export class TelemetryManager {',
        '  identify(args: { userID: string; plan: string }) {',
        '    client.identify({ userId: args.userID, traits: { plan: args.plan } });',
        '  }',
        '}',
        'export function saveUser(user: { id: string }) {',
        "  client.identify({ userId: user.id, traits: {} });",
        '  return user;',
        '}',
      ].join('\n'),
      'src/login.ts': "import { TelemetryManager, saveUser } from './telemetry';\nnew TelemetryManager().identify({ userID: 'u1', plan: 'pro' });\nsaveUser({ id: 'u2' });\n",
    });
    const sites = i.calls.filter((c) => !c.internal).map((c) => `${c.file}:${c.location.line} ${c.kind}`);
    expect(sites.sort()).toEqual(['src/login.ts:2 identify', 'src/telemetry.ts:9 identify']);
  });
});

describe('callbacks handed to others', () => {
  it('takes the calls of an inline callback nothing here calls by name for sites, and a named helper for a wrapper', async () => {
    const sites = await sitesOf({
      'src/Sidebar.tsx': [
        "import posthog from 'posthog-js';",
        "import { useCallback } from 'react';",
        "declare const HelpModal: (p: { afterSkip: (step: string) => void }) => null;",
        'export function Sidebar(props: { queued: string[] }) {',
        "  props.queued.forEach((name) => posthog.capture(name));",
        "  const track = useCallback((event: string) => posthog.capture(event), []);",
        "  track('sidebar_opened');",
        "  return <HelpModal afterSkip={(step) => posthog.capture('onboarding_step_skipped_' + step)} />;",
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/Sidebar.tsx:5 dynamic', 'src/Sidebar.tsx:7 sidebar_opened', 'src/Sidebar.tsx:8 dynamic']);
  });
});

describe('names built from business data', () => {
  it('are dynamic at the function that builds them, unless it is named for tracking', async () => {
    const i = await index({
      'src/paths.ts': [
        "import posthog from 'posthog-js';",
        'export const startPath = (path: { name: string }) => {',
        '  posthog.capture(`learning_path_${path.name}`, { state: "start" });',
        '};',
        'export const trackPath = (path: { name: string }) => {',
        '  posthog.capture(`path_${path.name}_opened`);',
        '};',
        "startPath({ name: 'intro' });",
        "trackPath({ name: 'intro' });",
      ].join('\n'),
    });
    const sites = i.calls.filter((c) => !c.internal).map((c) => `${c.location.line} ${c.event?.kind === 'literal' ? c.event.value : c.event?.kind}`);
    expect(sites).toEqual(['3 dynamic', '9 path_intro_opened']);
  });
});

describe('names chosen by a component prop', () => {
  it('are no dynamic names in the component, while names from run-time data still are', async () => {
    const report = await review({
      head: new MemorySnapshot({
        'src/lib/Button.svelte': [
          '<script lang="ts">',
          "  import posthog from 'posthog-js';",
          '  export let event: string;',
          '  let clicks = 0;',
          '  const onClick = () => { clicks += 1; posthog.capture(`click_${event}`); posthog.capture(`clicked_${String(clicks)}_times`); };',
          '</script>',
          '<button on:click={onClick}><slot /></button>',
        ].join('\n'),
      }),
      mode: 'all',
      rules: allRules,
    });
    expect(report.findings.filter((f) => f.ruleId === 'registration/dynamic-event').map((f) => f.line)).toEqual([5]);
    expect(report.findings.filter((f) => f.ruleId === 'registration/dynamic-event').map((f) => f.data.text)).toEqual(['`clicked_${String(clicks)}_times`']);
  });
});

describe('helpers handed in through an untyped parameter', () => {
  const feedback = [
    "import Analytics from '@segment/analytics-node';",
    "const analytics = new Analytics({ writeKey: 'k' });",
    'export function createFeedback(command: string) {',
    '  function inputError(message: string, name: string) {',
    '    analytics.track({ event: `cli.${command}.input_error.${name}`, userId: "u", properties: { message } });',
    '  }',
    '  function log(message: string) { console.log(message); }',
    '  return { inputError, log };',
    '}',
    "export enum InputErrors { PathMissing = 'path_missing' }",
  ].join('\n');

  it('follows what the callers pass into `feedback: any`, and stays silent for a look-alike nobody hands a tracker', async () => {
    const sites = await sitesOf({
      'src/feedback.ts': feedback,
      'src/read.ts': [
        "import { InputErrors } from './feedback';",
        'export function readInput(path: string, feedback: any) {',
        "  if (!path) return feedback.inputError('no path', InputErrors.PathMissing);",
        "  feedback.log('reading');",
        '}',
        // Same shape, but its callers hand in a console reporter: nothing here tracks.
        'export function readOther(path: string, reporter: any) {',
        "  if (!path) return reporter.inputError('no path', InputErrors.PathMissing);",
        '}',
      ].join('\n'),
      'src/command.ts': [
        "import { createFeedback } from './feedback';",
        "import { readInput, readOther } from './read';",
        "const feedback = createFeedback('verify');",
        "readInput('a.yml', feedback);",
        "readOther('a.yml', { inputError: (m: string) => console.error(m) });",
      ].join('\n'),
    });
    expect(sites).toEqual(['src/read.ts:3 dynamic']);
  });

  it('follows an SDK client passed to a plain JavaScript helper, one caller further back', async () => {
    const sites = await sitesOf({
      'src/send.js': 'export function send(client, name) { client.track(name); }\nexport function relay(client) { send(client, "relay_started"); }\n',
      'src/main.js': "import mixpanel from 'mixpanel-browser';\nimport { relay } from './send';\nrelay(mixpanel);\n",
    });
    expect(sites).toEqual(['src/send.js:2 relay_started']);
  });
});

describe('events recorded earlier and sent later', () => {
  it('are no sites where a queue is replayed, while a loop that sends names of its own still has them', async () => {
    const sites = await sitesOf({
      'src/provider.tsx': [
        "import posthog from 'posthog-js';",
        'type Queued = { event: string; options?: object };',
        'export function flushQueue(queue: Queued[]) {',
        '  queue.forEach((item) => posthog.capture(item.event, item.options));',
        '  for (const e of queue) posthog.capture(e.event, e.options);',
        '}',
        'export function sendAll(steps: string[], done: { name: string }[]) {',
        "  steps.forEach((step) => posthog.capture('step_completed', { step }));",
        '  done.forEach((d) => posthog.capture(d.name));',
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/provider.tsx:8 step_completed', 'src/provider.tsx:9 dynamic']);
  });

  it('are sent where a function loops over a list it gathered itself', async () => {
    const sites = await sitesOf({
      'src/verify.ts': [
        "import posthog from 'posthog-js';",
        'export function verify(ok: boolean) {',
        '  const analytics: { event: string; properties: object }[] = [];',
        "  if (ok) analytics.push({ event: 'spec_verified', properties: {} });",
        '  analytics.forEach((e) => posthog.capture(e.event, e.properties));',
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/verify.ts:5 dynamic']);
  });
});

describe('components reached through a package barrel', () => {
  it('reads a file that imports a tracking component from a barrel, and not one whose barrel leads to none', async () => {
    const sites = await sitesOf({
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*', 'apps/*'] }),
      'packages/ui/package.json': JSON.stringify({ name: 'ui', main: 'dist/index.js' }),
      'packages/ui/src/index.ts': "export * from './components';\n",
      'packages/ui/src/components/index.ts': "export * from './Feedback';\nexport * from './Badge';\n",
      'packages/ui/src/components/Feedback.tsx': [
        "import posthog from 'posthog-js';",
        'export const Feedback = ({ event }: { event: string }) => <button onClick={() => posthog.capture(event)}>Helpful</button>;',
      ].join('\n'),
      'packages/ui/src/components/Badge.tsx': 'export const Badge = ({ text }: { text: string }) => <span>{text}</span>;\n',
      'packages/kit/package.json': JSON.stringify({ name: 'kit', main: 'dist/index.js' }),
      'packages/kit/src/index.ts': "export * from './Badge';\n",
      'packages/kit/src/Badge.tsx': 'export const Badge = ({ event }: { event: string }) => <span>{event}</span>;\n',
      'apps/docs/Page.tsx': "import { Feedback } from 'ui';\nexport const Page = () => <Feedback event=\"page_rated\" />;\n",
      'apps/docs/Other.tsx': "import { Badge } from 'kit';\nexport const Other = () => <Badge event=\"x\" />;\n",
    });
    expect(sites).toEqual(['apps/docs/Page.tsx:2 page_rated']);
  });
});

describe('Svelte 5 runes', () => {
  it('read a $derived or $state value as its argument, and leave run-time data dynamic', async () => {
    const i = await index({
      'src/lib/Card.svelte': [
        '<script lang="ts">',
        "  import posthog from 'posthog-js';",
        "  const Submit = { BackupUpdate: 'backup_payment_updated', Update: 'payment_updated' } as const;",
        '  let { isBackup, label }: { isBackup: boolean; label: string } = $props();',
        '  const submitEvent = $derived(isBackup ? Submit.BackupUpdate : Submit.Update);',
        '  let other = $state(label);',
        '  const onSubmit = () => { posthog.capture(submitEvent); posthog.capture(other); };',
        '</script>',
        '<button on:click={onSubmit}>Save</button>',
      ].join('\n'),
    });
    const events = i.calls.map((c) => (c.event?.kind === 'choice' ? c.event.values.join('|') : c.event?.kind));
    expect(events).toEqual(['backup_payment_updated|payment_updated', 'dynamic']);
  });
});

describe('a variable assigned from itself', () => {
  it('keeps the client a lazy initialiser gives it, and many such assignments stay cheap', async () => {
    const counters = Array.from({ length: 40 }, (_, i) => `  total = total + ${i};`).join('\n');
    const sites = await sitesOf({
      'src/t.ts': [
        "import { PostHog } from 'posthog-node';",
        'let client: any;',
        'let total: any = undefined;',
        'export function send(name: string) {',
        "  client = client ?? new PostHog('key');",
        counters,
        "  client.capture({ distinctId: 'u', event: 'report_exported', properties: { total } });",
        '}',
      ].join('\n'),
    });
    expect(sites).toEqual(['src/t.ts:46 report_exported']);
  });
});
