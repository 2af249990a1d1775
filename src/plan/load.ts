import { Ajv, type ValidateFunction } from 'ajv';
import planSchema from './tracking-plan.schema.json' with { type: 'json' };
import { parseSource, locate, type ParsedSource, type PathSegment, type SourceProblem } from '../engine/source.js';
import { schemaProblems } from '../engine/schema-errors.js';
import { readAll, type Snapshot } from '../engine/snapshot.js';
import type { SourceLocation } from '../engine/types.js';
import type { PlanEvent, PlanProperty, PropertyType, TrackingPlan } from './model.js';

export const DEFAULT_PLAN_PATHS = ['tracking-plan.yaml', 'tracking-plan.yml', 'tracking-plan.json', 'tracking-plan/'] as const;
const PLAN_FILE = /\.(ya?ml|json)$/i;

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
 * Resolves configured plan locations to files. A location ending in `/`, or naming a directory,
 * takes every YAML/JSON file below it. Without configuration the first default that exists wins.
 */
export function resolvePlanFiles(allFiles: readonly string[], configured: readonly string[] | undefined): string[] {
  const locations = configured && configured.length > 0 ? configured : DEFAULT_PLAN_PATHS;
  const files = new Set(allFiles);
  const out: string[] = [];
  for (const raw of locations) {
    const location = raw.replace(/^\.\//, '');
    const dir = location.replace(/\/+$/, '') + '/';
    const inDir = allFiles.filter((f) => f.startsWith(dir) && PLAN_FILE.test(f)).sort();
    if (files.has(location)) out.push(location);
    else if (inDir.length > 0) out.push(...inDir);
    else continue;
    if (!configured || configured.length === 0) break;
  }
  return [...new Set(out)];
}

export async function loadPlan(snapshot: Snapshot, files: readonly string[], limits: PlanLoadLimits): Promise<LoadedPlan> {
  if (files.length === 0) return { plan: undefined, problems: [], skipped: [] };
  const texts = await readAll(snapshot, files);
  const problems: SourceProblem[] = [];
  const skipped: LoadedPlan['skipped'] = [];
  const sources: ParsedSource[] = [];
  for (const file of files) {
    const text = texts.get(file);
    if (text === undefined) {
      skipped.push({ file, reason: 'could not be read' });
      continue;
    }
    if (text.length > limits.maxFileBytes) {
      skipped.push({ file, reason: `larger than the ${limits.maxFileBytes}-byte limit (limits.max_file_bytes)` });
      continue;
    }
    sources.push(parseSource(file, text, { maxAliasCount: limits.maxAliasCount }));
  }
  const builder = new PlanBuilder();
  for (const source of sources) {
    problems.push(...source.problems);
    if (source.data === undefined) continue;
    if (!planValidator()(source.data)) problems.push(...schemaProblems(source, planValidator().errors ?? []));
    problems.push(...builder.add(source));
  }
  const plan = builder.build();
  return { plan, problems, skipped };
}

/** Parses plan text that is already in hand (tests, importers, the CLI's --plan on stdin). */
export function loadPlanText(file: string, text: string): LoadedPlan {
  const source = parseSource(file, text);
  const problems = [...source.problems];
  if (source.data === undefined) return { plan: undefined, problems, skipped: [] };
  if (!planValidator()(source.data)) problems.push(...schemaProblems(source, planValidator().errors ?? []));
  const builder = new PlanBuilder();
  problems.push(...builder.add(source));
  return { plan: builder.build(), problems, skipped: [] };
}

/**
 * Builds the model leniently from data that may have failed validation: whatever is well formed
 * is kept, so the other rules still review the rest of the plan.
 */
class PlanBuilder {
  private readonly events: PlanEvent[] = [];
  private readonly byName = new Map<string, PlanEvent>();
  private readonly common: PlanProperty[] = [];
  private readonly files: string[] = [];
  private readonly anchors = new Map<string, SourceLocation>();

  add(source: ParsedSource): SourceProblem[] {
    const problems: SourceProblem[] = [];
    const data = asRecord(source.data);
    this.files.push(source.file);
    this.anchors.set(source.file, locate(source, data && 'events' in data ? ['events'] : []));
    if (!data) return problems;
    const fileOwner = typeof data.owner === 'string' ? data.owner : undefined;
    const events = asRecord(data.events);
    for (const [name, raw] of Object.entries(events ?? {})) {
      if (raw !== null && !asRecord(raw)) continue;
      const location = locate(source, ['events', name]);
      const existing = this.byName.get(name);
      if (existing) {
        problems.push({
          ...position(location),
          message: `Event \`${name}\` is already defined at ${existing.location.file}:${existing.location.line}.`,
          fix: 'Keep one definition of each event across the plan files.',
        });
        continue;
      }
      const event = buildEvent(source, name, asRecord(raw) ?? {}, location, fileOwner);
      this.events.push(event);
      this.byName.set(name, event);
    }
    for (const property of buildProperties(source, ['common_properties'], data.common_properties, '')) {
      const clash = this.common.find((p) => p.name === property.name);
      if (clash) {
        problems.push({
          ...position(property.location),
          message: `Common property \`${property.name}\` is already defined at ${clash.location.file}:${clash.location.line}.`,
          fix: 'Keep one definition of each common property.',
        });
        continue;
      }
      this.common.push(property);
    }
    return problems;
  }

  build(): TrackingPlan | undefined {
    if (this.files.length === 0) return undefined;
    return { files: this.files, events: this.events, byName: this.byName, commonProperties: this.common, anchors: this.anchors };
  }
}

function position(location: SourceLocation): Pick<SourceProblem, 'file' | 'line' | 'column'> {
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
      pii: def.pii === 'none' || def.pii === 'hashed' || def.pii === 'personal' ? def.pii : undefined,
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

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
