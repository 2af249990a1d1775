import { posix } from 'node:path';
import { locate, type ParsedSource, type PathSegment, type SourceProblem } from '../../engine/source.js';
import type { PlanProperty, PropertyType } from '../model.js';
import { asRecord, piiMarker, text } from '../load.js';

const TYPE_NAMES = new Set<PropertyType>(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);
const MAX_DEPTH = 8;

/** Where a `$ref` leads: the schema, and the document and path it sits at (for positions). */
export interface Resolved {
  schema: Record<string, unknown>;
  source: ParsedSource;
  at: PathSegment[];
}

/**
 * Resolves JSON Pointer references inside the same document (`#/definitions/x`) or another
 * document of the plan (`common.schema.json#/definitions/x`). Anything else cannot be resolved here.
 */
export function pointerResolver(sources: ReadonlyMap<string, ParsedSource>) {
  return (ref: string, from: ParsedSource): Resolved | undefined => {
    const [file, pointer = ''] = ref.split('#');
    const target = file ? sources.get(posix.normalize(posix.join(posix.dirname(from.file), file))) : from;
    if (!target) return undefined;
    const at = pointer
      .split('/')
      .filter(Boolean)
      .map((p) => decodeURIComponent(p.replace(/~1/g, '/').replace(/~0/g, '~')));
    let node: unknown = target.data;
    for (const key of at) node = asRecord(node)?.[key];
    const schema = asRecord(node);
    return schema ? { schema, source: target, at } : undefined;
  };
}

export type Resolve = (ref: string, from: ParsedSource) => Resolved | undefined;

/**
 * The properties of an object schema as plan properties (nested objects and array items
 * included), positioned at their keys. Unresolvable `$ref`s become problems at their place.
 */
export function schemaProperties(
  source: ParsedSource,
  at: PathSegment[],
  schema: Record<string, unknown>,
  resolve: Resolve,
  problems: SourceProblem[],
  prefix = '',
  depth = 0,
): PlanProperty[] {
  const map = asRecord(schema.properties);
  if (!map || depth > MAX_DEPTH) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  const out: PlanProperty[] = [];
  for (const [name, raw] of Object.entries(map)) {
    const keyPath = [...at, 'properties', name];
    let def = asRecord(raw);
    if (!def) continue;
    let defSource = source;
    let defAt = keyPath;
    if (typeof def.$ref === 'string') {
      const target = resolve(def.$ref, source);
      if (!target) {
        const loc = locate(source, [...keyPath, '$ref'], 'value');
        problems.push({
          file: source.file,
          line: loc.line,
          column: loc.column,
          message: `\`$ref\` \`${def.$ref}\` of property \`${prefix}${name}\` cannot be resolved.`,
          fix: 'Point it at a definition that exists in this plan (a JSON Pointer such as #/definitions/name).',
        });
        continue;
      }
      const { $ref: _ref, ...rest } = def;
      void _ref;
      def = { ...target.schema, ...rest };
      defSource = target.source;
      defAt = target.at;
    }
    const path = prefix ? `${prefix}.${name}` : name;
    const types = ([] as unknown[]).concat(def.type ?? []).filter((t): t is PropertyType => TYPE_NAMES.has(t as PropertyType));
    const items = asRecord(def.items);
    const children = [
      ...schemaProperties(defSource, defAt, def, resolve, problems, path, depth + 1),
      ...(items ? schemaProperties(defSource, [...defAt, 'items'], items, resolve, problems, `${path}[]`, depth + 1) : []),
    ];
    out.push({
      name,
      path,
      types,
      required: required.has(name),
      description: text(def.description),
      pii: piiMarker(def['x-pii']),
      format: text(def.format),
      enum: Array.isArray(def.enum) ? def.enum : undefined,
      pattern: text(def.pattern),
      schema: stripRefs(def),
      children,
      location: locate(source, keyPath),
    });
  }
  return out;
}

/** The schema without references that no longer resolve once it is lifted out of its document. */
function stripRefs(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' || key === '$schema' || key === '$id' || key === 'self' || key.startsWith('x-')) continue;
    if (key === 'properties' && asRecord(value)) {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, asRecord(v) ? stripRefs(v as Record<string, unknown>) : v]));
    } else if (key === 'items' && asRecord(value)) out.items = stripRefs(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

/** Event-level `if`/`then`/`else` and `allOf` of them, kept as conditions for payload checks. */
export function schemaConditions(schema: Record<string, unknown>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  if (asRecord(schema.if)) out.push({ if: schema.if, ...(asRecord(schema.then) ? { then: schema.then } : {}), ...(asRecord(schema.else) ? { else: schema.else } : {}) });
  if (Array.isArray(schema.allOf)) for (const item of schema.allOf) if (asRecord(item) && asRecord((item as Record<string, unknown>).if)) out.push(item as Record<string, unknown>);
  return out;
}
