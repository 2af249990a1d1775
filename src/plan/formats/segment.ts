import { locate, type ParsedSource, type SourceProblem } from '../../engine/source.js';
import type { PlanEvent } from '../model.js';
import { asRecord, text } from '../load.js';
import { schemaConditions, schemaProperties, type Resolve } from './json-schema.js';

/**
 * Segment Protocols / Typewriter `plan.json`, in either shape:
 * - public API: `{ rules: [ { key, type, version, jsonSchema: { properties: { properties: {…} } } } ] }`, or
 *   with the event's properties at the top of `jsonSchema` (`jsonSchema: { properties: {…}, required }`)
 * - config API: `{ rules: { events: [ { name, description, version, rules: { properties: { properties: {…} } } } ] } }`
 * Track rules become events; identify/group/page rules are not events and are skipped.
 */
export function importSegment(source: ParsedSource, add: (event: PlanEvent) => void, problems: SourceProblem[], resolve: Resolve): void {
  const data = asRecord(source.data);
  const rules = data?.rules;
  const events: Array<{ name: unknown; schema: unknown; version: unknown; at: Array<string | number>; nameKey: string; description?: unknown }> = [];
  if (Array.isArray(rules)) {
    rules.forEach((raw, index) => {
      const rule = asRecord(raw);
      if (!rule) return;
      const type = typeof rule.type === 'string' ? rule.type.toUpperCase() : 'TRACK';
      if (type !== 'TRACK') return;
      const metadata = asRecord(rule.eventMetadata);
      events.push({ name: rule.key, schema: rule.jsonSchema, version: rule.version, at: ['rules', index], nameKey: 'key', description: asRecord(rule.jsonSchema)?.description ?? metadata?.description });
    });
  } else if (Array.isArray(asRecord(rules)?.events)) {
    (asRecord(rules)?.events as unknown[]).forEach((raw, index) => {
      const rule = asRecord(raw);
      if (!rule) return;
      events.push({ name: rule.name, schema: rule.rules, version: rule.version, at: ['rules', 'events', index], nameKey: 'name', description: rule.description });
    });
  } else {
    problems.push({
      file: source.file,
      line: 1,
      column: 1,
      message: 'This file is not a Segment tracking plan: it has no `rules` list (public API) or `rules.events` (config API).',
      fix: 'Export the plan with `typewriter` or the Segment API, or set `format:` for this plan in .github/trackguard.yml.',
    });
    return;
  }
  // Newest version of each event first, so older copies are ignored.
  events.sort((a, b) => Number(b.version ?? 1) - Number(a.version ?? 1));
  const seen = new Set<string>();
  for (const entry of events) {
    const location = locate(source, [...entry.at, entry.nameKey], 'value');
    if (typeof entry.name !== 'string' || entry.name.trim() === '') {
      problems.push({ file: source.file, line: location.line, column: location.column, message: `A tracking plan rule has no \`${entry.nameKey}\`.`, fix: 'Give every rule the event name it validates.' });
      continue;
    }
    if (seen.has(entry.name)) continue;
    seen.add(entry.name);
    // Protocols nests the event's properties under `properties.properties` (beside `context` and
    // `traits`); plans exported from a source schema keep them at the top of `jsonSchema`.
    const schema = asRecord(entry.schema);
    const nested = asRecord(asRecord(schema?.properties)?.properties);
    const isNested = nested !== undefined && (asRecord(nested.properties) !== undefined || nested.type === 'object');
    const schemaPath = [...entry.at, entry.nameKey === 'key' ? 'jsonSchema' : 'rules', ...(isNested ? ['properties', 'properties'] : [])];
    const propsSchema = (isNested ? nested : schema) ?? {};
    const event: PlanEvent = {
      name: entry.name,
      description: text(entry.description),
      status: 'active',
      properties: schemaProperties(source, schemaPath, propsSchema, resolve, problems),
      conditions: schemaConditions(propsSchema),
      location,
    };
    if (entry.version !== undefined) event.version = String(entry.version);
    add(event);
  }
}
