import { stringify } from 'yaml';
import { asRecord } from './load.js';
import type { PlanEvent, PlanProperty, TrackingPlan } from './model.js';
import { eventPayloadSchema } from './payload.js';

/** trackguard's own format, from a plan read in any format: the migration path. */
export function toNativeYaml(plan: TrackingPlan): string {
  const doc: Record<string, unknown> = { version: 1 };
  if (plan.commonProperties.length) doc.common_properties = propertyMap(plan.commonProperties);
  doc.events = Object.fromEntries(plan.events.map((event) => [event.name, nativeEvent(event)]));
  return `# Exported by trackguard from ${plan.formats.join(', ')} (${plan.files.length} file${plan.files.length === 1 ? '' : 's'}).\n${stringify(doc, { lineWidth: 0 })}`;
}

function nativeEvent(event: PlanEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (event.description) out.description = event.description;
  if (event.trigger) out.trigger = event.trigger;
  if (event.owner) out.owner = event.owner;
  if (event.status === 'deprecated') out.status = 'deprecated';
  if (event.properties.length) out.properties = propertyMap(event.properties);
  if (event.conditions.length === 1) Object.assign(out, event.conditions[0]);
  else if (event.conditions.length > 1) out.allOf = event.conditions;
  return out;
}

function propertyMap(properties: readonly PlanProperty[]): Record<string, unknown> {
  return Object.fromEntries(properties.map((p) => [p.name, nativeProperty(p.schema, p.required, p.description, p.pii)]));
}

/** A JSON Schema property in the plan format: nested `required` lists become `required: true` flags. */
function nativeProperty(schema: Readonly<Record<string, unknown>>, required: boolean, description?: string, pii?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nestedRequired = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'required' || key === 'description') continue;
    if (key === 'properties' && asRecord(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, child]) => [
          name,
          nativeProperty(asRecord(child) ?? {}, nestedRequired.has(name), typeof asRecord(child)?.description === 'string' ? (asRecord(child)?.description as string) : undefined),
        ]),
      );
    } else if (key === 'items' && asRecord(value)) out.items = nativeProperty(value as Record<string, unknown>, false, undefined);
    else out[key] = value;
  }
  if (required) out.required = true;
  if (description ?? schema.description) out.description = description ?? schema.description;
  if (pii) out.pii = pii;
  return out;
}

/** One JSON Schema (draft-07) per event, payload as validated by trackguard. */
export function toJsonSchemas(plan: TrackingPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const event of plan.events) {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: event.name,
      ...(event.description ? { description: event.description } : {}),
      ...(event.owner ? { 'x-owner': event.owner } : {}),
      ...(event.trigger ? { 'x-trigger': event.trigger } : {}),
      ...(event.status === 'deprecated' ? { deprecated: true } : {}),
      'x-event': event.name,
      ...eventPayloadSchema(plan, event),
    };
    out.set(`${event.name.replace(/[^A-Za-z0-9._-]+/g, '_')}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  return out;
}
