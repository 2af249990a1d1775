import type { TypedEvent, TypedProperty } from '../code/model.js';
import type { SourceLocation } from '../engine/types.js';
import type { PlanEvent, PlanProperty, TrackingPlan } from './model.js';

/**
 * A tracking plan made of the events TypeScript types declare (see `code/typed-events.ts`), for a
 * repository whose plan is its types. The first declaration of a name wins.
 */
export function planFromTypes(typed: readonly TypedEvent[]): TrackingPlan | undefined {
  const byName = new Map<string, PlanEvent>();
  for (const event of typed) {
    if (byName.has(event.name)) continue;
    byName.set(event.name, { name: event.name, status: 'active', properties: event.properties.map(planProperty), conditions: [], location: event.location });
  }
  if (byName.size === 0) return undefined;
  const events = [...byName.values()];
  const files = [...new Set(events.map((e) => e.location.file))];
  const anchors = new Map<string, SourceLocation>();
  for (const event of events) if (!anchors.has(event.location.file)) anchors.set(event.location.file, event.location);
  return { files, events, byName, commonProperties: [], anchors, formats: ['typescript'], versions: [] };
}

/** A plan read from types lists the events that have a type, not every event the product sends. */
export function isTypesPlan(plan: TrackingPlan | undefined): boolean {
  return plan !== undefined && plan.formats.length === 1 && plan.formats[0] === 'typescript';
}

function planProperty(p: TypedProperty): PlanProperty {
  const schema: Record<string, unknown> = {};
  if (p.types.length === 1) schema.type = p.types[0];
  else if (p.types.length > 1) schema.type = [...p.types];
  if (p.enum?.length) schema.enum = [...p.enum];
  return {
    name: p.name,
    path: p.path,
    types: [...p.types],
    required: p.required,
    ...(p.enum?.length ? { enum: [...p.enum] } : {}),
    schema,
    children: p.children.map(planProperty),
    location: p.location,
  };
}
