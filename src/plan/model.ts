import { code, type MessageValue, type SourceLocation } from '../engine/types.js';

export type PropertyType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';
export type PiiMarker = 'none' | 'hashed' | 'personal';

/** One property of an event (or of a nested object), as the plan declares it. */
export interface PlanProperty {
  /** The key as written. */
  name: string;
  /** Dotted path from the event's top level (`address.city`, `items[].sku`). */
  path: string;
  types: PropertyType[];
  required: boolean;
  description?: string;
  pii?: PiiMarker;
  format?: string;
  enum?: readonly unknown[];
  pattern?: string;
  /** The property as JSON Schema (trackguard-only keys removed), for payload validation and diffs. */
  schema: Readonly<Record<string, unknown>>;
  /** Nested properties of an object, or of the objects in an array. */
  children: PlanProperty[];
  /** Position of the property's key. */
  location: SourceLocation;
}

export type EventStatus = 'active' | 'deprecated';

export interface PlanEvent {
  name: string;
  description?: string;
  trigger?: string;
  owner?: string;
  status: EventStatus;
  properties: PlanProperty[];
  /** Event-level JSON Schema conditions (`if`/`then`/`else`, or `allOf` of them). */
  conditions: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** Position of the event's key. */
  location: SourceLocation;
  /** Whether payloads may carry properties the plan does not list (RudderStack `allow_unplanned`). */
  allowUnplanned?: boolean;
  /** The schema version the definition comes from (Snowplow SchemaVer `M-R-A`, Segment rule version). */
  version?: string;
}

/** `typescript`: event types in code (`{ event: Events.SignUp; properties: {…} }`), read when there is no plan file. */
export type PlanFormat = 'trackguard' | 'segment' | 'rudderstack' | 'snowplow' | 'jsonschema' | 'typescript';

/** One released version of a self-describing schema (Snowplow/Iglu): kept to check version bumps. */
export interface SchemaVersion {
  vendor: string;
  event: string;
  version: string;
  file: string;
  /** Hash of the file's text: a released version must never change in place. */
  hash: string;
  definition: PlanEvent;
}

export interface TrackingPlan {
  /** Files that make up the plan, relative to the repository root. */
  files: string[];
  /** In file order. */
  events: PlanEvent[];
  byName: ReadonlyMap<string, PlanEvent>;
  commonProperties: PlanProperty[];
  /** Per file, the position of its `events:` key (or of the document): where to point when nothing closer survives. */
  anchors: ReadonlyMap<string, SourceLocation>;
  /** The formats the plan was read from. */
  formats: PlanFormat[];
  /** Every version of every self-describing schema (Snowplow), oldest first per event. */
  versions: SchemaVersion[];
}

/** Every property of an event, nested ones included, depth first. */
export function* allProperties(properties: readonly PlanProperty[]): Generator<PlanProperty> {
  for (const property of properties) {
    yield property;
    yield* allProperties(property.children);
  }
}

const flattened = new WeakMap<TrackingPlan, ReadonlyArray<{ event?: PlanEvent; property: PlanProperty }>>();

/** Every property in the plan with the event it belongs to (`undefined` for common properties); computed once per plan. */
export function planProperties(plan: TrackingPlan): ReadonlyArray<{ event?: PlanEvent; property: PlanProperty }> {
  let list = flattened.get(plan);
  if (!list) {
    const out: Array<{ event?: PlanEvent; property: PlanProperty }> = [];
    for (const property of allProperties(plan.commonProperties)) out.push({ property });
    for (const event of plan.events) for (const property of allProperties(event.properties)) out.push({ event, property });
    list = out;
    flattened.set(plan, list);
  }
  return list;
}

/** How messages name where a property lives: the event's name as code, or the common properties. */
export function ownerOf(event: PlanEvent | undefined): MessageValue {
  return event ? code(event.name) : 'the common properties';
}
