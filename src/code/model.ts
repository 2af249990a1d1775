import type { SourceLocation } from '../engine/types.js';

export type SdkName = 'segment' | 'rudderstack' | 'mixpanel' | 'posthog' | 'amplitude' | 'snowplow' | 'custom';
export type Side = 'browser' | 'server' | 'unknown';
export type CallKind = 'track' | 'identify' | 'group' | 'alias' | 'people';

/** How an event name was written. */
export type EventName =
  /** `written`: the name as the call writes it, when a wrapper sends another (`'slice:created'` → `'SliceMachine Slice Created'`). */
  | { kind: 'literal'; value: string; location: SourceLocation; written?: string }
  /** Resolved through a const, an enum member or an `as const` object member (`Events.ReportExported`). */
  /** `definedAt`: where the name itself is written (the member's string), when that is another place. */
  | { kind: 'constant'; value: string; via: string; location: SourceLocation; definedAt?: SourceLocation }
  /** One of several names known statically (`ok ? 'a_done' : 'a_failed'`). */
  | { kind: 'choice'; values: string[]; location: SourceLocation }
  /** `fromProps`: the varying part is a prop of the component the call is in: its users choose the name. */
  | { kind: 'dynamic'; reason: string; text: string; location: SourceLocation; fromProps?: boolean };

export interface PropertyEntry {
  key: string;
  keyLocation: SourceLocation;
  /** Source text of the value expression (trimmed). */
  valueText: string;
  valueLocation: SourceLocation;
  /** The value when it is a literal (string, number, boolean, null, or a literal object/array). */
  literal?: { value: unknown };
  /** The literals a conditional value chooses between (`token ? 'invite' : 'direct'`). */
  choices?: string[];
  /** Member chains the value reads, e.g. `account.email`, `form.emailField`, `process.argv`. */
  reads: string[];
  /** Callee names of calls in the value (`sha256`, `hashEmail`). */
  calls: string[];
  /** Added by a wrapper rather than written at the call site. */
  fromWrapper?: boolean;
}

export type Properties =
  | { kind: 'none' }
  | {
      kind: 'object';
      entries: PropertyEntry[];
      /** Spread sources (`...user`) that could not be expanded into entries. */
      spreads: Array<{ text: string; location: SourceLocation; reads: string[] }>;
      /** Every key is known: no unexpanded spread, no computed key. */
      complete: boolean;
      location: SourceLocation;
    }
  /** A whole value passed as the properties (`track('x', user)`). */
  | { kind: 'passthrough'; text: string; reads: string[]; location: SourceLocation };

export interface IdentityEntry {
  /** The key as written: distinct_id, distinctId, userId, user_id, anonymousId, device_id (or `identify` for positional ids). */
  key: string;
  text: string;
  location: SourceLocation;
  /** A string literal (or template without substitutions) value. */
  literal?: string;
  /** The literal is one of the values a variable is given, not the only one (a fallback in a catch). */
  fallback?: boolean;
  /** Template literal head (`org_` of `` `org_${id}` ``). */
  templateHead?: string;
  reads: string[];
  calls: string[];
}

export type CatchBehaviour = 'swallows' | 'rethrows';

export interface CallContext {
  awaited: boolean;
  voided: boolean;
  /** A `.catch` (or a `.then` with a rejection handler) is attached to the returned promise. */
  promiseCaught: boolean;
  /** Inside a `try` with a catch clause, in the same function: what the catch does. */
  inTry?: CatchBehaviour;
  /** The promise is returned or handed on (assigned, passed as an argument), so the caller decides. */
  handedOn: boolean;
  /** The callee returns a promise that can reject. */
  canReject: boolean;
  isTestFile: boolean;
}

export interface TrackCall {
  file: string;
  location: SourceLocation;
  sdk: SdkName;
  side: Side;
  kind: CallKind;
  /** The method called at this site (`track`, `capture`, or the wrapper's name). */
  method: string;
  /** Wrapper functions between this call site and the SDK, outermost first. */
  via: string[];
  event?: EventName;
  properties: Properties;
  identity: IdentityEntry[];
  /** No identity could hide where it was not seen (a spread, an opaque object argument). */
  identityVisible: boolean;
  context: CallContext;
  /** Whitespace-normalised source of the call: part of stable fingerprints. */
  snippet: string;
  /** A call inside a wrapper whose pieces are the wrapper's parameters; its call sites are reported instead. */
  internal?: boolean;
  /**
   * A call that names its event inside a helper whose callers pass the rest (properties, identity):
   * a site, where the name is checked, but the event is sent only where the helper is called.
   */
  inHelper?: boolean;
  /** The helper or SDK instance was reached through an import that no resolver could follow (see `inferred` resolution). */
  inferred?: boolean;
  /**
   * The SDK client is built from a customer's own key (why, with the place): the call exports the
   * customer's data to their account, an integration that is not the product's analytics.
   */
  integration?: string;
}

/** An object or enum whose members hold event names. */
export interface EventConstants {
  name: string;
  file: string;
  location: SourceLocation;
  members: Array<{ name: string; value: string; location: SourceLocation }>;
  exported: boolean;
  /**
   * How it was found: named in config; because its members are used as event names; or discovered
   * by where it lives and what it is called (an exported `…Events` object in an analytics module).
   */
  source: 'config' | 'usage' | 'discovered';
  /** The package (folder of the nearest package.json, `''` for the root) it belongs to. */
  package: string;
  /** Members whose name the analysed code mentions outside the registry's own file (`Events.signUp`). */
  referenced: string[];
}

/** A property of a typed event (see `TypedEvent`), in the plan's terms. */
export interface TypedProperty {
  name: string;
  /** Dotted path from the event's top level. */
  path: string;
  /** Empty when the type says nothing checkable (a class, a package's type). */
  types: Array<'string' | 'number' | 'boolean' | 'object' | 'array' | 'null'>;
  required: boolean;
  /** The literal values a union of literals allows. */
  enum?: Array<string | number | boolean>;
  children: TypedProperty[];
  location: SourceLocation;
}

/** A TypeScript type that pairs an event with its properties (`{ event: Events.SignUp; properties: {…} }`): a plan event written in code. */
export interface TypedEvent {
  name: string;
  location: SourceLocation;
  properties: TypedProperty[];
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CodeIndex {
  calls: TrackCall[];
  constants: EventConstants[];
  /** What rules' listeners recorded during the walk, by rule id (see `CodeListener`). */
  facts: ReadonlyMap<string, readonly unknown[]>;
  files: string[];
  skipped: SkippedFile[];
  /** Imports of analytics SDK packages in the analysed files. */
  sdkImports: Array<{ file: string; line: number; module: string }>;
  /** Events declared by TypeScript types in analytics modules: the plan, when there is no plan file. */
  typedEvents: TypedEvent[];
  /** Folders holding a package.json, longest first: the packages of a monorepo (`''` is the root). */
  packages: string[];
}
