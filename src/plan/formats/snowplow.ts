import { createHash } from 'node:crypto';
import { locate, type ParsedSource, type SourceProblem } from '../../engine/source.js';
import type { PlanEvent, SchemaVersion } from '../model.js';
import { asRecord, text } from '../load.js';
import { schemaConditions, schemaProperties, type Resolve } from './json-schema.js';

/** `…/schemas/<vendor>/<name>/jsonschema/<MODEL-REVISION-ADDITION>` (an optional `.json` tolerated). */
export const IGLU_PATH = /(^|\/)schemas\/([^/]+)\/([^/]+)\/jsonschema\/(\d+)-(\d+)-(\d+)(\.json)?$/;

export function compareSchemaVer(a: string, b: string): number {
  const pa = a.split('-').map(Number);
  const pb = b.split('-').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * Snowplow / Iglu self-describing schemas: one event per schema, named by the schema's `name`.
 * The newest version of each is the event's definition; every version is kept for version checks.
 */
export function importSnowplow(sources: readonly ParsedSource[], add: (event: PlanEvent) => void, versions: SchemaVersion[], problems: SourceProblem[], resolve: Resolve): void {
  const found: SchemaVersion[] = [];
  for (const source of sources) {
    const match = IGLU_PATH.exec(source.file);
    const schema = asRecord(source.data);
    if (!match || !schema) continue;
    const [, , vendor = '', name = '', model, revision, addition] = match;
    const version = `${model}-${revision}-${addition}`;
    const self = asRecord(schema.self);
    const declared = self ? `${String(self.vendor)}/${String(self.name)}/${String(self.version)}` : undefined;
    if (!self) {
      problems.push({ file: source.file, line: 1, column: 1, message: 'This self-describing schema has no `self` block.', fix: `Add "self": { "vendor": "${vendor}", "name": "${name}", "format": "jsonschema", "version": "${version}" }.` });
    } else if (declared !== `${vendor}/${name}/${version}`) {
      const loc = locate(source, ['self']);
      problems.push({
        file: source.file,
        line: loc.line,
        column: loc.column,
        message: `\`self\` says ${declared}, but the file sits at ${vendor}/${name}/${version}.`,
        fix: 'Make the `self` block and the path agree; Iglu resolves schemas by path.',
      });
    }
    const definition: PlanEvent = {
      name,
      description: text(schema.description),
      status: 'active',
      properties: schemaProperties(source, [], schema, resolve, problems),
      conditions: schemaConditions(schema),
      location: self ? locate(source, ['self', 'name'], 'value') : { file: source.file, line: 1, column: 1 },
      version,
    };
    if (schema.additionalProperties === true) definition.allowUnplanned = true;
    found.push({ vendor, event: name, version, file: source.file, hash: createHash('sha256').update(JSON.stringify(schema)).digest('hex'), definition });
  }
  found.sort((a, b) => a.event.localeCompare(b.event) || compareSchemaVer(a.version, b.version));
  versions.push(...found);
  const latest = new Map<string, SchemaVersion>();
  for (const entry of found) latest.set(`${entry.vendor}/${entry.event}`, entry);
  for (const entry of latest.values()) add(entry.definition);
}
