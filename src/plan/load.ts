import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import planSchema from './tracking-plan.schema.json' with { type: 'json' };
import { parseSource, locate, type ParsedSource, type PathSegment, type SourceProblem } from '../engine/source.js';
import { schemaProblems } from '../engine/schema-errors.js';
import { readAll, type Snapshot } from '../engine/snapshot.js';
import type { SourceLocation } from '../engine/types.js';
import type { PiiMarker, PlanEvent, PlanFormat, PlanProperty, PropertyType, SchemaVersion, TrackingPlan } from './model.js';

import { DEFAULT_PLAN_PATHS, type PlanSource } from './sources.js';
import { pointerResolver } from './formats/json-schema.js';
import { importSegment } from './formats/segment.js';
import { importRudderStack } from './formats/rudderstack.js';
import { importSnowplow } from './formats/snowplow.js';
import { importJsonSchema } from './formats/jsonschema.js';

export { DEFAULT_PLAN_PATHS };

export interface PlanLoadLimits {
  maxFileBytes: number;
  maxAliasCount: number;
}

export interface LoadedPlan {
  /** `undefined` when no plan file exists, or none of them could be read. */
  plan: TrackingPlan | undefined;
  problems: SourceProblem[];
  /** Plan files skipped for size, with the reason. */
  skipped: Array<{ file: string; reason: string }>;
}

let validatePlan: ValidateFunction | undefined;
function planValidator(): ValidateFunction {
  validatePlan ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(planSchema);
  return validatePlan;
}

/**
 * Plans already read, by their exact files and texts: base and head of a change usually share the
 * plan, and so do consecutive reviews of a repository. The model is never mutated after loading.
 */
const loadedPlans = new Map<string, LoadedPlan>();
const MAX_LOADED_PLANS = 16;

/** Reads every plan source (any format) into one plan; events defined by two plans keep the first. */
export async function loadPlan(snapshot: Snapshot, sources: readonly PlanSource[], limits: PlanLoadLimits): Promise<LoadedPlan> {
  const files = sources.flatMap((s) => s.files);
  if (files.length === 0) return { plan: undefined, problems: [], skipped: [] };
  const texts = await readAll(snapshot, files);
  const hash = createHash('sha256').update(JSON.stringify([limits, sources.map((s) => [s.format, s.files])]));
  for (const file of files) hash.update(`\u0000${file}\u0000${texts.get(file) ?? '\u0001missing'}`);
  const key = hash.digest('hex');
  const cached = loadedPlans.get(key);
  if (cached) return cached;
  const loaded = readSources(sources, texts, limits);
  if (loadedPlans.size >= MAX_LOADED_PLANS) loadedPlans.delete(loadedPlans.keys().next().value as string);
  loadedPlans.set(key, loaded);
  return loaded;
}

function readSources(sources: readonly PlanSource[], texts: ReadonlyMap<string, string>, limits: PlanLoadLimits): LoadedPlan {
  const problems: SourceProblem[] = [];
  const skipped: LoadedPlan['skipped'] = [];
  const builder = new PlanBuilder();
  for (const planSource of sources) {
    const parsed: ParsedSource[] = [];
    for (const file of planSource.files) {
      const text = texts.get(file);
      if (text === undefined) {
        skipped.push({ file, reason: 'could not be read' });
        continue;
      }
      if (text.length > limits.maxFileBytes) {
        skipped.push({ file, reason: `larger than the ${limits.maxFileBytes}-byte limit (limits.max_file_bytes)` });
        continue;
      }
      const source = parseSource(file, text, { maxAliasCount: limits.maxAliasCount });
      problems.push(...source.problems);
      if (source.data !== undefined) parsed.push(source);
    }
    if (planSource.format === 'trackguard') {
      for (const source of parsed) {
        if (!planValidator()(source.data)) problems.push(...schemaProblems(source, planValidator().errors ?? []));
        problems.push(...builder.add(source));
      }
      continue;
    }
    const own = new Set<string>();
    const add = (event: PlanEvent) => {
      builder.addEvent(event, problems, own.has(event.name) || !builder.has(event.name) ? 'report' : 'ignore');
      own.add(event.name);
    };
    for (const source of parsed) builder.addFile(source.file, { file: source.file, line: 1, column: 1 }, planSource.format);
    const resolve = pointerResolver(new Map(parsed.map((p) => [p.file, p])));
    switch (planSource.format) {
      case 'segment':
        for (const source of parsed) importSegment(source, add, problems, resolve);
        break;
      case 'jsonschema':
        for (const source of parsed) importJsonSchema(source, add, problems, resolve);
        break;
      case 'snowplow':
        importSnowplow(parsed, add, builder.versions, problems, resolve);
        break;
      case 'rudderstack':
        importRudderStack(parsed, add, problems);
        break;
    }
  }
  return { plan: builder.build(), problems, skipped };
}

/** Parses plan text that is already in hand (tests, importers, the CLI's --plan on stdin). */
export function loadPlanText(file: string, text: string): LoadedPlan {
  return readSources([{ format: 'trackguard', files: [file], location: file }], new Map([[file, text]]), { maxFileBytes: Number.MAX_SAFE_INTEGER, maxAliasCount: 100 });
}

/**
 * Builds the model leniently from data that may have failed validation: whatever is well formed
 * is kept, so the other rules still review the rest of the plan. Importers of other formats add
 * their events through `addFile` / `addEvent` / `addCommon`.
 */
export class PlanBuilder {
  private readonly events: PlanEvent[] = [];
  private readonly byName = new Map<string, PlanEvent>();
  private readonly common: PlanProperty[] = [];
  private readonly files: string[] = [];
  private readonly anchors = new Map<string, SourceLocation>();
  private readonly formats = new Set<PlanFormat>();
  readonly versions: SchemaVersion[] = [];

  addFile(file: string, anchor: SourceLocation, format: PlanFormat): void {
    if (!this.files.includes(file)) this.files.push(file);
    if (!this.anchors.has(file)) this.anchors.set(file, anchor);
    this.formats.add(format);
  }

  /** Adds an event; a second definition of the same name is a problem (or, across plans, ignored). */
  addEvent(event: PlanEvent, problems: SourceProblem[], duplicates: 'report' | 'ignore' = 'report'): void {
    const existing = this.byName.get(event.name);
    if (existing) {
      if (duplicates === 'report') {
        problems.push({
          ...position(event.location),
          message: `Event \`${event.name}\` is already defined at ${existing.location.file}:${existing.location.line}.`,
          fix: 'Keep one definition of each event across the plan files.',
        });
      }
      return;
    }
    this.events.push(event);
    this.byName.set(event.name, event);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  addCommon(property: PlanProperty, problems: SourceProblem[]): void {
    const clash = this.common.find((p) => p.name === property.name);
    if (clash) {
      problems.push({
        ...position(property.location),
        message: `Common property \`${property.name}\` is already defined at ${clash.location.file}:${clash.location.line}.`,
        fix: 'Keep one definition of each common property.',
      });
      return;
    }
    this.common.push(property);
  }

  /** Reads one file of trackguard's own format. */
  add(source: ParsedSource): SourceProblem[] {
    const problems: SourceProblem[] = [];
    const data = asRecord(source.data);
    this.addFile(source.file, locate(source, data && 'events' in data ? ['events'] : []), 'trackguard');
    if (!data) return problems;
    const fileOwner = typeof data.owner === 'string' ? data.owner : undefined;
    const events = asRecord(data.events);
    for (const [name, raw] of Object.entries(events ?? {})) {
      if (raw !== null && !asRecord(raw)) continue;
      this.addEvent(buildEvent(source, name, asRecord(raw) ?? {}, locate(source, ['events', name]), fileOwner), problems);
    }
    for (const property of buildProperties(source, ['common_properties'], data.common_properties, '')) this.addCommon(property, problems);
    return problems;
  }

  build(): TrackingPlan | undefined {
    if (this.files.length === 0) return undefined;
    return {
      files: this.files,
      events: this.events,
      byName: this.byName,
      commonProperties: this.common,
      anchors: this.anchors,
      formats: [...this.formats],
      versions: this.versions,
    };
  }
}

export function position(location: SourceLocation): Pick<SourceProblem, 'file' | 'line' | 'column'> {
  return { file: location.file, line: location.line, column: location.column };
}

function buildEvent(
  source: ParsedSource,
  name: string,
  raw: Record<string, unknown>,
  location: SourceLocation,
  fileOwner: string | undefined,
): PlanEvent {
  const conditions: Array<Record<string, unknown>> = [];
  if (asRecord(raw.if)) {
    const condition: Record<string, unknown> = { if: raw.if };
    if (asRecord(raw.then)) condition.then = raw.then;
    if (asRecord(raw.else)) condition.else = raw.else;
    conditions.push(condition);
  }
  if (Array.isArray(raw.allOf)) for (const item of raw.allOf) if (asRecord(item)) conditions.push(item as Record<string, unknown>);
  return {
    name,
    description: text(raw.description),
    trigger: text(raw.trigger),
    owner: text(raw.owner) ?? fileOwner,
    status: raw.status === 'deprecated' ? 'deprecated' : 'active',
    properties: buildProperties(source, ['events', name, 'properties'], raw.properties, ''),
    conditions,
    location,
  };
}

const TRACKGUARD_KEYS = new Set(['required', 'pii', 'description', 'properties', 'items']);
const TYPE_NAMES = new Set<PropertyType>(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);

function buildProperties(source: ParsedSource, at: PathSegment[], raw: unknown, prefix: string): PlanProperty[] {
  const map = asRecord(raw);
  if (!map) return [];
  const out: PlanProperty[] = [];
  for (const [name, value] of Object.entries(map)) {
    const def = asRecord(value);
    if (!def) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    const keyPath = [...at, name];
    const types = ([] as unknown[]).concat(def.type ?? []).filter((t): t is PropertyType => TYPE_NAMES.has(t as PropertyType));
    const children = [
      ...buildProperties(source, [...keyPath, 'properties'], def.properties, path),
      ...buildProperties(source, [...keyPath, 'items', 'properties'], asRecord(def.items)?.properties, `${path}[]`),
    ];
    out.push({
      name,
      path,
      types,
      required: def.required === true,
      description: text(def.description),
      pii: piiMarker(def.pii),
      format: text(def.format),
      enum: Array.isArray(def.enum) ? def.enum : undefined,
      pattern: text(def.pattern),
      schema: toJsonSchema(def),
      children,
      location: locate(source, keyPath),
    });
  }
  return out;
}

/** A plan property as standard JSON Schema: nested `required: true` flags become `required` lists. */
export function toJsonSchema(def: Record<string, unknown>): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(def)) {
    if (!TRACKGUARD_KEYS.has(key) && !key.startsWith('x-')) schema[key] = value;
  }
  const nested = asRecord(def.properties);
  if (nested) {
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const [name, child] of Object.entries(nested)) {
      const childDef = asRecord(child);
      if (!childDef) continue;
      properties[name] = toJsonSchema(childDef);
      if (childDef.required === true) required.push(name);
    }
    schema.properties = properties;
    if (required.length) schema.required = required;
  }
  const items = asRecord(def.items);
  if (items) schema.items = toJsonSchema(items);
  return schema;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A property's `pii` marker, when it is one of the three the plan format knows. */
export function piiMarker(value: unknown): PiiMarker | undefined {
  return value === 'none' || value === 'hashed' || value === 'personal' ? value : undefined;
}
