import type { CallKind, SdkName, Side } from './model.js';

/** Where a piece of a tracking call sits: an argument, or a key inside an object argument. */
export interface ArgRef {
  arg: number;
  key?: string;
}

export interface MethodShape {
  kind: CallKind;
  event?: ArgRef;
  properties?: ArgRef;
  /** Identity arguments, each named by the key users know it by. */
  identity?: Array<ArgRef & { name: string }>;
  /** An object argument whose identity keys (distinct_id, user_id…) live among the properties. */
  identityIn?: ArgRef;
  /** The call returns a promise that can reject (network flushes); sync/queued calls cannot. */
  canReject?: boolean;
  /** Snowplow: the event name is the name part of an Iglu schema URI at this place. */
  schemaEvent?: boolean;
}

export interface SdkFlavour {
  sdk: SdkName;
  side: Side;
  methods: Readonly<Record<string, MethodShape>>;
  /** Nested namespaces with methods of their own (`mixpanel.people.set`). */
  namespaces?: Readonly<Record<string, Readonly<Record<string, MethodShape>>>>;
}

const positionalTrack: MethodShape = { kind: 'track', event: { arg: 0 }, properties: { arg: 1 } };

const SEGMENT_BROWSER: SdkFlavour = {
  sdk: 'segment',
  side: 'browser',
  methods: {
    track: positionalTrack,
    identify: { kind: 'identify', identity: [{ arg: 0, name: 'userId' }], properties: { arg: 1 } },
    group: { kind: 'group', properties: { arg: 1 } },
    alias: { kind: 'alias', identity: [{ arg: 0, name: 'userId' }] },
  },
};

const objectShaped = (idKeys: string[], canRejectFlush: string[]): Record<string, MethodShape> => {
  const identity = idKeys.map((key) => ({ arg: 0, key, name: key }));
  const methods: Record<string, MethodShape> = {
    track: { kind: 'track', event: { arg: 0, key: 'event' }, properties: { arg: 0, key: 'properties' }, identity },
    identify: { kind: 'identify', properties: { arg: 0, key: 'traits' }, identity },
    group: { kind: 'group', properties: { arg: 0, key: 'traits' }, identity },
    alias: { kind: 'alias', identity },
  };
  for (const name of canRejectFlush) methods[name] = { kind: 'track', canReject: true };
  return methods;
};

const SEGMENT_NODE: SdkFlavour = { sdk: 'segment', side: 'server', methods: objectShaped(['userId', 'anonymousId'], ['closeAndFlush', 'flush']) };
const RUDDER_BROWSER: SdkFlavour = { ...SEGMENT_BROWSER, sdk: 'rudderstack' };
const RUDDER_NODE: SdkFlavour = { sdk: 'rudderstack', side: 'server', methods: objectShaped(['userId', 'anonymousId'], ['flush']) };

const MIXPANEL_BROWSER: SdkFlavour = {
  sdk: 'mixpanel',
  side: 'browser',
  methods: {
    track: positionalTrack,
    identify: { kind: 'identify', identity: [{ arg: 0, name: 'distinct_id' }] },
    alias: { kind: 'alias', identity: [{ arg: 0, name: 'alias' }] },
    register: { kind: 'people', properties: { arg: 0 } },
    register_once: { kind: 'people', properties: { arg: 0 } },
  },
  namespaces: { people: { set: { kind: 'people', properties: { arg: 0 } }, set_once: { kind: 'people', properties: { arg: 0 } } } },
};

const MIXPANEL_NODE: SdkFlavour = {
  sdk: 'mixpanel',
  side: 'server',
  methods: {
    track: { kind: 'track', event: { arg: 0 }, properties: { arg: 1 }, identityIn: { arg: 1 } },
    import: { kind: 'track', event: { arg: 0 }, properties: { arg: 2 }, identityIn: { arg: 2 } },
    alias: { kind: 'alias', identity: [{ arg: 0, name: 'distinct_id' }] },
  },
  namespaces: {
    people: {
      set: { kind: 'people', identity: [{ arg: 0, name: 'distinct_id' }], properties: { arg: 1 } },
      set_once: { kind: 'people', identity: [{ arg: 0, name: 'distinct_id' }], properties: { arg: 1 } },
    },
  },
};

const POSTHOG_BROWSER: SdkFlavour = {
  sdk: 'posthog',
  side: 'browser',
  methods: {
    capture: positionalTrack,
    identify: { kind: 'identify', identity: [{ arg: 0, name: 'distinct_id' }], properties: { arg: 1 } },
    alias: { kind: 'alias', identity: [{ arg: 0, name: 'alias' }] },
    group: { kind: 'group', properties: { arg: 2 } },
    register: { kind: 'people', properties: { arg: 0 } },
  },
  namespaces: { people: { set: { kind: 'people', properties: { arg: 0 } } } },
};

const POSTHOG_NODE: SdkFlavour = {
  sdk: 'posthog',
  side: 'server',
  methods: {
    capture: { kind: 'track', event: { arg: 0, key: 'event' }, properties: { arg: 0, key: 'properties' }, identity: [{ arg: 0, key: 'distinctId', name: 'distinctId' }] },
    captureImmediate: {
      kind: 'track',
      event: { arg: 0, key: 'event' },
      properties: { arg: 0, key: 'properties' },
      identity: [{ arg: 0, key: 'distinctId', name: 'distinctId' }],
      canReject: true,
    },
    identify: { kind: 'identify', properties: { arg: 0, key: 'properties' }, identity: [{ arg: 0, key: 'distinctId', name: 'distinctId' }] },
    identifyImmediate: { kind: 'identify', properties: { arg: 0, key: 'properties' }, identity: [{ arg: 0, key: 'distinctId', name: 'distinctId' }], canReject: true },
    alias: { kind: 'alias', identity: [{ arg: 0, key: 'distinctId', name: 'distinctId' }] },
    groupIdentify: { kind: 'group', properties: { arg: 0, key: 'properties' } },
    flush: { kind: 'track', canReject: true },
    shutdown: { kind: 'track', canReject: true },
    shutdownAsync: { kind: 'track', canReject: true },
  },
};

const amplitudeMethods = (side: Side): SdkFlavour => ({
  sdk: 'amplitude',
  side,
  methods: {
    track: {
      kind: 'track',
      event: { arg: 0 },
      properties: { arg: 1 },
      identity: [
        { arg: 2, key: 'user_id', name: 'user_id' },
        { arg: 2, key: 'device_id', name: 'device_id' },
      ],
    },
    logEvent: { kind: 'track', event: { arg: 0 }, properties: { arg: 1 } },
    setUserId: { kind: 'identify', identity: [{ arg: 0, name: 'user_id' }] },
    identify: { kind: 'identify', identity: [{ arg: 1, key: 'user_id', name: 'user_id' }] },
  },
});
const AMPLITUDE_BROWSER = amplitudeMethods('browser');
const AMPLITUDE_NODE = amplitudeMethods('server');

const SNOWPLOW: SdkFlavour = {
  sdk: 'snowplow',
  side: 'browser',
  methods: {
    trackSelfDescribingEvent: { kind: 'track', event: { arg: 0, key: 'event' }, properties: { arg: 0, key: 'event' }, schemaEvent: true },
  },
};
const SNOWPLOW_NODE: SdkFlavour = {
  sdk: 'snowplow',
  side: 'server',
  methods: { track: { kind: 'track', event: { arg: 0 }, properties: { arg: 0 }, schemaEvent: true } },
};

/** getanalytics.io's `analytics` package: `Analytics({ app, plugins })` returns the instance. */
const ANALYTICS_LIB: SdkFlavour = {
  sdk: 'custom',
  side: 'browser',
  methods: {
    track: positionalTrack,
    identify: { kind: 'identify', identity: [{ arg: 0, name: 'userId' }], properties: { arg: 1 } },
  },
};

/** Plausible: a function of the event name, custom properties under `props`, by whatever name the package gives it. */
const plausible = (method: string): SdkFlavour => ({ sdk: 'custom', side: 'browser', methods: { [method]: { kind: 'track', event: { arg: 0 }, properties: { arg: 1, key: 'props' } } } });
const PLAUSIBLE = plausible('plausible');
/** Simple Analytics: `sa_event(name, metadata)`. */
const SIMPLE_ANALYTICS: SdkFlavour = { sdk: 'custom', side: 'browser', methods: { sa_event: { kind: 'track', event: { arg: 0 }, properties: { arg: 1 } } } };

/** frappe-ui's `useTelemetry()`: `capture(event, properties)` on PostHog. */
const FRAPPE_TELEMETRY: SdkFlavour = { sdk: 'posthog', side: 'browser', methods: { capture: positionalTrack } };

/** Heap's browser snippet: `heap.track(name, properties)`, `heap.identify(id)`. */
const HEAP: SdkFlavour = {
  sdk: 'custom',
  side: 'browser',
  methods: { track: positionalTrack, identify: { kind: 'identify', identity: [{ arg: 0, name: 'userId' }] }, addUserProperties: { kind: 'people', properties: { arg: 0 } } },
};

/** What an export of an SDK module is. */
export type SdkExport =
  /** Already an instance (`import posthog from 'posthog-js'`). */
  | { kind: 'instance'; flavour: SdkFlavour }
  /** A class: `new X()` and the listed static factories give instances. */
  | { kind: 'class'; flavour: SdkFlavour; factories?: string[] }
  /** A function returning an instance (`usePostHog()`, `createInstance()`). */
  | { kind: 'factory'; flavour: SdkFlavour }
  /** A namespace whose listed members are factories and the rest are SDK functions (`Mixpanel.init`). */
  | { kind: 'namespace'; flavour: SdkFlavour; factories: string[] }
  /** A free function (`import { track } from '@amplitude/analytics-browser'`). */
  | { kind: 'function'; flavour: SdkFlavour; method: string }
  /** A function returning an SDK function (`const plausible = usePlausible()`). */
  | { kind: 'function-factory'; flavour: SdkFlavour; method: string }
  /**
   * react-tracking's `useTracking()`: its `trackEvent(data)` hands `data` to the `dispatch` function
   * the application configured with `track(…, { dispatch })`, which is where the SDK is called.
   */
  | { kind: 'dispatching-hook' }
  /** react-tracking's `track(data, { dispatch })` (HOC or decorator): where `dispatch` is configured. */
  | { kind: 'dispatch-config' };

export interface SdkModule {
  /** Named exports; `default` and `*` (namespace import) included. */
  exports: Readonly<Record<string, SdkExport>>;
}

const fns = (flavour: SdkFlavour, names: string[]): Record<string, SdkExport> =>
  Object.fromEntries(names.map((method) => [method, { kind: 'function', flavour, method } as SdkExport]));

export const SDK_MODULES: Readonly<Record<string, SdkModule>> = {
  '@segment/analytics-next': {
    exports: { AnalyticsBrowser: { kind: 'class', flavour: SEGMENT_BROWSER, factories: ['load'] }, Analytics: { kind: 'class', flavour: SEGMENT_BROWSER } },
  },
  '@segment/analytics-node': { exports: { Analytics: { kind: 'class', flavour: SEGMENT_NODE }, default: { kind: 'class', flavour: SEGMENT_NODE } } },
  'analytics-node': { exports: { default: { kind: 'class', flavour: SEGMENT_NODE }, '*': { kind: 'class', flavour: SEGMENT_NODE } } },
  '@rudderstack/analytics-js': {
    exports: { RudderAnalytics: { kind: 'class', flavour: RUDDER_BROWSER }, default: { kind: 'class', flavour: RUDDER_BROWSER } },
  },
  'rudder-sdk-js': { exports: { default: { kind: 'instance', flavour: RUDDER_BROWSER }, '*': { kind: 'instance', flavour: RUDDER_BROWSER } } },
  '@rudderstack/rudder-sdk-node': { exports: { default: { kind: 'class', flavour: RUDDER_NODE }, '*': { kind: 'class', flavour: RUDDER_NODE } } },
  'mixpanel-browser': { exports: { default: { kind: 'instance', flavour: MIXPANEL_BROWSER }, '*': { kind: 'instance', flavour: MIXPANEL_BROWSER } } },
  mixpanel: {
    exports: { default: { kind: 'namespace', flavour: MIXPANEL_NODE, factories: ['init'] }, '*': { kind: 'namespace', flavour: MIXPANEL_NODE, factories: ['init'] } },
  },
  'posthog-js': {
    exports: { default: { kind: 'instance', flavour: POSTHOG_BROWSER }, posthog: { kind: 'instance', flavour: POSTHOG_BROWSER }, PostHog: { kind: 'class', flavour: POSTHOG_BROWSER } },
  },
  'posthog-js/react': { exports: { usePostHog: { kind: 'factory', flavour: POSTHOG_BROWSER }, PostHog: { kind: 'class', flavour: POSTHOG_BROWSER } } },
  'posthog-node': { exports: { PostHog: { kind: 'class', flavour: POSTHOG_NODE } } },
  '@amplitude/analytics-browser': {
    exports: {
      ...fns(AMPLITUDE_BROWSER, ['track', 'logEvent', 'setUserId', 'identify']),
      createInstance: { kind: 'factory', flavour: AMPLITUDE_BROWSER },
      default: { kind: 'instance', flavour: AMPLITUDE_BROWSER },
      '*': { kind: 'instance', flavour: AMPLITUDE_BROWSER },
    },
  },
  '@amplitude/analytics-node': {
    exports: {
      ...fns(AMPLITUDE_NODE, ['track', 'logEvent', 'setUserId', 'identify']),
      createInstance: { kind: 'factory', flavour: AMPLITUDE_NODE },
      default: { kind: 'instance', flavour: AMPLITUDE_NODE },
      '*': { kind: 'instance', flavour: AMPLITUDE_NODE },
    },
  },
  'amplitude-js': { exports: { default: { kind: 'namespace', flavour: AMPLITUDE_BROWSER, factories: ['getInstance'] } } },
  '@snowplow/browser-tracker': { exports: fns(SNOWPLOW, ['trackSelfDescribingEvent']) },
  analytics: { exports: { default: { kind: 'factory', flavour: ANALYTICS_LIB }, Analytics: { kind: 'factory', flavour: ANALYTICS_LIB } } },
  'next-plausible': { exports: { usePlausible: { kind: 'function-factory', flavour: PLAUSIBLE, method: 'plausible' } } },
  '@plausible-analytics/tracker': { exports: { track: { kind: 'function', flavour: plausible('track'), method: 'track' } } },
  'plausible-tracker': { exports: { default: { kind: 'factory', flavour: plausible('trackEvent') } } },
  // No `default` here: a namespace import (`import * as reactTracking`) then reads the named exports.
  'react-tracking': { exports: { useTracking: { kind: 'dispatching-hook' }, track: { kind: 'dispatch-config' } } },
  'frappe-ui/frappe': { exports: { useTelemetry: { kind: 'factory', flavour: FRAPPE_TELEMETRY } } },
  '@snowplow/node-tracker': {
    exports: { tracker: { kind: 'factory', flavour: SNOWPLOW_NODE }, newTracker: { kind: 'factory', flavour: SNOWPLOW_NODE } },
  },
};

/** Whether a module specifier names an analytics SDK of the catalogue. */
export function isSdkModule(specifier: string): boolean {
  return Object.prototype.hasOwnProperty.call(SDK_MODULES, specifier);
}

/** Browser globals that are SDK instances when nothing in the file declares them. */
export const SDK_GLOBALS: Readonly<Record<string, SdkFlavour>> = {
  analytics: SEGMENT_BROWSER,
  heap: HEAP,
  rudderanalytics: RUDDER_BROWSER,
  mixpanel: MIXPANEL_BROWSER,
  posthog: POSTHOG_BROWSER,
  amplitude: AMPLITUDE_BROWSER,
};

/** Global functions that send an event when nothing in the file declares them (`plausible('Signup')`, `sa_event('x')`). */
export const SDK_GLOBAL_FUNCTIONS: Readonly<Record<string, { flavour: SdkFlavour; method: string }>> = {
  plausible: { flavour: PLAUSIBLE, method: 'plausible' },
  sa_event: { flavour: SIMPLE_ANALYTICS, method: 'sa_event' },
};

/** Cheap text test: could this file hold a tracking call or an analytics helper at all? */
export const ANALYTICS_HINT = /track|capture|logEvent|identify|analytics|posthog|mixpanel|amplitude|rudder|snowplow|segment|plausible|sa_event|telemetry/i;

/** Identity keys inside a properties object (Mixpanel node) or an object argument. */
export const IDENTITY_KEYS = ['distinct_id', 'distinctId', 'userId', 'user_id', 'anonymousId', 'anonymous_id', 'device_id', 'deviceId'];

/**
 * Names an SDK reserves for its own events (`$pageview`, `$identify`, `$set` in PostHog and
 * Mixpanel; Segment's `Loaded a Page`, `Loaded a Screen`): not the team's to name.
 */
export function isSdkReservedName(name: string): boolean {
  return name.startsWith('$') || RESERVED_NAMES.has(name);
}
const RESERVED_NAMES = new Set(['Loaded a Page', 'Loaded a Screen', 'Application Installed', 'Application Opened', 'Application Updated', 'Application Backgrounded']);

/** Event names an SDK itself defines, which product code sends by that name (PostHog's survey events). */
export const SDK_EVENT_NAMES: Readonly<Partial<Record<SdkName, readonly string[]>>> = {
  posthog: ['survey sent', 'survey shown', 'survey dismissed'],
};
