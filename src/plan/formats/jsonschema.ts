import { posix } from 'node:path';
import { locate, type ParsedSource, type SourceProblem } from '../../engine/source.js';
import type { PlanEvent } from '../model.js';
import { asRecord, text } from '../load.js';
import { schemaConditions, schemaProperties, type Resolve } from './json-schema.js';

/**
 * One JSON Schema per event (`report_exported.schema.json`). The event name is `x-event`, or the
 * file name without `.schema.json`; `x-owner`, `x-trigger` and `deprecated: true` carry governance.
 */
export function importJsonSchema(source: ParsedSource, add: (event: PlanEvent) => void, problems: SourceProblem[], resolve: Resolve): void {
  const schema = asRecord(source.data);
  if (!schema) {
    problems.push({ file: source.file, line: 1, column: 1, message: 'An event schema must be a JSON object.', fix: 'Write a JSON Schema object with `properties`.' });
    return;
  }
  if (!asRecord(schema.properties) && !schema.$ref) return; // a definitions file shared by the event schemas
  const name = typeof schema['x-event'] === 'string' ? schema['x-event'] : posix.basename(source.file).replace(/\.schema\.json$|\.json$/, '');
  const event: PlanEvent = {
    name,
    description: text(schema.description),
    trigger: text(schema['x-trigger']),
    owner: text(schema['x-owner']),
    status: schema.deprecated === true ? 'deprecated' : 'active',
    properties: schemaProperties(source, [], schema, resolve, problems),
    conditions: schemaConditions(schema),
    location: schema['x-event'] !== undefined ? locate(source, ['x-event'], 'value') : schema.title !== undefined ? locate(source, ['title']) : { file: source.file, line: 1, column: 1 },
  };
  add(event);
}
