import { Ajv, type ValidateFunction } from 'ajv';
import { RE2JS } from 're2js';
import configSchema from './config.schema.json' with { type: 'json' };
import { closest, locate, parseSource, type SourceProblem } from './source.js';
import { schemaProblems } from './schema-errors.js';
import type { Severity } from './types.js';
import type { PlanLocation } from '../plan/sources.js';

export const CONFIG_PATH = '.github/trackguard.yml';

export type EventNaming =
  | 'snake_case'
  | 'object.action'
  | 'prefix.object.action'
  | 'title_case'
  | 'object:action'
  | 'camelCase'
  | 'PascalCase'
  | 'kebab-case'
  | 'SCREAMING_SNAKE'
  | { pattern: string };

/** What a review found the repository's own event names to follow (when `naming.events` is not set). */
export interface NamingInference {
  /** Distinct event names looked at (plan and code together). */
  names: number;
  /** The preset a clear majority follows, with how many follow it. */
  events?: { preset: Exclude<EventNaming, { pattern: string }>; fits: number; total: number };
  /** Where a clear majority of the names whose order can be told put the action. */
  order?: { order: 'object-action' | 'action-object'; fits: number; total: number };
}
export type PropertyNaming = 'snake_case' | 'camelCase' | { pattern: string };

export interface Config {
  /** Plan locations; `undefined` means detection (tracking-plan.yaml/.yml/.json or tracking-plan/, then other formats). */
  plan: PlanLocation[] | undefined;
  paths: string[];
  ignore: string[];
  tests: string[];
  failOn: Severity | 'never';
  comment: 'always' | 'findings' | 'never';
  onError: 'neutral' | 'failure';
  /**
   * `eventsConfigured`: `naming.events` was set; otherwise the repository's own convention is
   * taken, when its names show one (`inferred`, filled in by the review).
   * `propertiesConfigured`: `naming.properties` was set; otherwise a plan's own consistent convention is taken.
   * `systemEvents`: names and globs of system events, beyond the default list, that need no action.
   */
  naming: {
    events: EventNaming;
    eventsConfigured?: boolean;
    inferred?: NamingInference;
    pastTense: boolean;
    prefixes: string[];
    properties: PropertyNaming;
    propertiesConfigured?: boolean;
    systemEvents: string[];
  };
  rules: Readonly<Record<string, Severity | 'off'>>;
  pii: { allow: string[]; words: string[] };
  limits: { maxFileBytes: number; maxFiles: number; maxFindings: number; maxAliasCount: number; maxReviewSeconds: number };
  wrappers: WrapperConfig[];
  identity: { prefixes: string[] };
  registry: { module: string; export?: string } | undefined;
}

export interface ArgPlace {
  arg: number;
  key?: string;
}

export interface WrapperConfig {
  name: string;
  event?: ArgPlace;
  properties?: ArgPlace;
  identity?: ArgPlace;
  side?: 'browser' | 'server';
  canReject: boolean;
}

export const DEFAULT_IDENTITY_PREFIXES = ['org_', 'slack_', 'apikey_', 'webhook_'];

export const DEFAULT_TEST_GLOBS = [
  '**/*.{test,spec}.{ts,tsx,js,jsx,mjs,cjs,mts,cts}',
  '**/__tests__/**',
  '**/{test,tests,spec,e2e,cypress}/**',
  '**/test_*.py',
  '**/*_test.{py,go,rb}',
  '**/*_spec.rb',
];

export const DEFAULT_IGNORE = ['**/node_modules/**', '**/.yarn/**', '**/dist/**', '**/build/**', '**/vendor/**', '**/*.min.js', '**/.git/**'];

export function defaultConfig(): Config {
  return {
    plan: undefined,
    paths: ['**'],
    ignore: [...DEFAULT_IGNORE],
    tests: [...DEFAULT_TEST_GLOBS],
    failOn: 'P1',
    comment: 'always',
    onError: 'neutral',
    naming: { events: 'snake_case', pastTense: true, prefixes: [], properties: 'snake_case', systemEvents: [] },
    rules: {},
    pii: { allow: [], words: [] },
    limits: { maxFileBytes: 5_000_000, maxFiles: 20_000, maxFindings: 1_000, maxAliasCount: 100, maxReviewSeconds: 120 },
    wrappers: [],
    identity: { prefixes: [...DEFAULT_IDENTITY_PREFIXES] },
    registry: undefined,
  };
}

let validateConfig: ValidateFunction | undefined;

/**
 * A copy of `data` without the values the schema rejects (each error's value, or the unknown key
 * it names), removed until the rest validates; `undefined` when the document itself is wrong.
 */
function withoutInvalid(data: unknown, validate: ValidateFunction): unknown {
  let copy: unknown = structuredClone(data);
  for (let round = 0; round < 20; round++) {
    if (validate(copy)) return copy;
    const errors = validate.errors ?? [];
    let removed = false;
    for (const error of errors) {
      const path = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (error.keyword === 'additionalProperties') path.push(String((error.params as { additionalProperty?: string }).additionalProperty));
      if (path.length === 0) return undefined;
      removed = removeAt(copy, path) || removed;
    }
    if (!removed) return undefined;
  }
  return validate(copy) ? copy : undefined;
}

function removeAt(root: unknown, path: readonly string[]): boolean {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[key];
  }
  const last = path[path.length - 1] as string;
  if (Array.isArray(node)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index >= node.length) return false;
    node.splice(index, 1);
    return true;
  }
  if (node === null || typeof node !== 'object' || !(last in node)) return false;
  delete (node as Record<string, unknown>)[last];
  return true;
}

export interface LoadedConfig {
  config: Config;
  problems: SourceProblem[];
}

/**
 * Reads `.github/trackguard.yml`. A config that does not parse or validate yields problems (which
 * the engine reports with file:line) and the defaults for whatever could not be read.
 */
export function loadConfig(file: string, text: string, knownRuleIds: readonly string[]): LoadedConfig {
  const config = defaultConfig();
  const source = parseSource(file, text);
  const problems = [...source.problems];
  if (source.data === undefined || source.data === null) return { config, problems };
  validateConfig ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(configSchema);
  let data: unknown = source.data;
  if (!validateConfig(data)) {
    problems.push(...schemaProblems(source, validateConfig.errors ?? []));
    // One bad value costs only that value: the rest of the file still applies.
    data = withoutInvalid(data, validateConfig);
    if (data === undefined) return { config, problems };
  }
  const raw = data as RawConfig;
  if (raw.plan !== undefined) {
    config.plan = ([] as Array<string | PlanLocation>).concat(raw.plan).map((entry) => (typeof entry === 'string' ? { path: entry } : entry));
  }
  if (raw.paths) config.paths = raw.paths;
  if (raw.ignore) config.ignore = [...DEFAULT_IGNORE, ...raw.ignore];
  if (raw.tests) config.tests = raw.tests;
  if (raw.fail_on) config.failOn = raw.fail_on;
  if (raw.comment) config.comment = raw.comment;
  if (raw.on_error) config.onError = raw.on_error;
  if (raw.naming?.events) {
    config.naming.events = raw.naming.events;
    config.naming.eventsConfigured = true;
  }
  if (raw.naming?.past_tense !== undefined) config.naming.pastTense = raw.naming.past_tense;
  if (raw.naming?.prefixes) config.naming.prefixes = raw.naming.prefixes;
  if (raw.naming?.properties) {
    config.naming.properties = raw.naming.properties;
    config.naming.propertiesConfigured = true;
  }
  if (raw.naming?.system_events) config.naming.systemEvents = raw.naming.system_events;
  if (raw.pii?.allow) config.pii.allow = raw.pii.allow;
  if (raw.pii?.words) config.pii.words = raw.pii.words.map((w) => w.toLowerCase());
  if (raw.limits?.max_file_bytes) config.limits.maxFileBytes = raw.limits.max_file_bytes;
  if (raw.limits?.max_files) config.limits.maxFiles = raw.limits.max_files;
  if (raw.limits?.max_findings) config.limits.maxFindings = raw.limits.max_findings;
  if (raw.limits?.max_alias_count !== undefined) config.limits.maxAliasCount = raw.limits.max_alias_count;
  if (raw.limits?.max_review_seconds) config.limits.maxReviewSeconds = raw.limits.max_review_seconds;
  if (raw.identity?.prefixes) config.identity.prefixes = raw.identity.prefixes;
  if (raw.registry) config.registry = raw.registry;
  for (const wrapper of raw.wrappers ?? []) {
    const entry: WrapperConfig = { name: wrapper.name, canReject: wrapper.can_reject === true };
    for (const key of ['event', 'properties', 'identity'] as const) {
      const place = wrapper[key];
      if (place !== undefined) entry[key] = argPlace(place);
    }
    if (wrapper.side) entry.side = wrapper.side;
    config.wrappers.push(entry);
  }

  const rules: Record<string, Severity | 'off'> = {};
  for (const [id, level] of Object.entries(raw.rules ?? {})) {
    if (!knownRuleIds.includes(id)) {
      const suggestion = closest(id, knownRuleIds);
      const loc = locate(source, ['rules', id]);
      problems.push({
        file,
        line: loc.line,
        column: loc.column,
        message: `Unknown rule \`${id}\`.`,
        fix: suggestion ? `Did you mean \`${suggestion}\`?` : 'See docs/rules/ for the rule ids.',
      });
      continue;
    }
    rules[id] = level;
  }
  config.rules = rules;

  for (const [key, naming] of [['events', config.naming.events], ['properties', config.naming.properties]] as const) {
    if (typeof naming === 'object') {
      const error = patternError(naming.pattern);
      if (error) {
        const loc = locate(source, ['naming', key, 'pattern'], 'value');
        problems.push({
          file,
          line: loc.line,
          column: loc.column,
          message: `The naming pattern does not compile: ${error}.`,
          fix: 'Write an RE2 regular expression (no look-arounds or back-references), e.g. ^[a-z]+(_[a-z]+)+$.',
        });
        config.naming[key === 'events' ? 'events' : 'properties'] = 'snake_case';
      }
    }
  }
  return { config, problems };
}

interface RawConfig {
  plan?: string | PlanLocation | Array<string | PlanLocation>;
  paths?: string[];
  ignore?: string[];
  tests?: string[];
  fail_on?: Severity | 'never';
  comment?: Config['comment'];
  on_error?: Config['onError'];
  naming?: { events?: EventNaming; past_tense?: boolean; prefixes?: string[]; properties?: PropertyNaming; system_events?: string[] };
  rules?: Record<string, Severity | 'off'>;
  pii?: { allow?: string[]; words?: string[] };
  limits?: { max_file_bytes?: number; max_files?: number; max_findings?: number; max_alias_count?: number; max_review_seconds?: number };
  wrappers?: Array<{
    name: string;
    event?: number | string;
    properties?: number | string;
    identity?: number | string;
    side?: 'browser' | 'server';
    can_reject?: boolean;
  }>;
  identity?: { prefixes?: string[] };
  registry?: { module: string; export?: string };
}

function argPlace(place: number | string): ArgPlace {
  if (typeof place === 'number') return { arg: place };
  const [index, key] = place.split('.');
  return key ? { arg: Number(index), key } : { arg: Number(index) };
}

/** User patterns run on RE2 (linear time), so a hostile pattern cannot stall a review. */
export function compileUserPattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern);
}

function patternError(pattern: string): string | undefined {
  try {
    compileUserPattern(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
