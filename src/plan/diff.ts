import type { AcceptedBecause, PlanChange, PlanChangeKind, PlanDiff, SourceLocation } from '../engine/types.js';
import { allProperties, type PlanEvent, type PlanProperty, type TrackingPlan } from './model.js';

/**
 * Compares two plans the way a warehouse sees them (after Snowplow's SchemaVer): a change that can
 * invalidate existing data or queries is breaking (removals, type changes, optional → required,
 * enum values removed, narrower constraints); a change that only admits more is additive.
 */
export function diffPlans(base: TrackingPlan | undefined, head: TrackingPlan | undefined): PlanDiff {
  const diff: PlanDiff = { added: [], removed: [], changed: [] };
  // The same plan object on both sides: read from identical text, nothing can differ.
  if ((!head && !base) || head === base) return diff;
  const baseEvents = base?.events ?? [];
  const headEvents = head?.events ?? [];
  const headNames = new Set(headEvents.map((e) => e.name));
  const baseNames = new Set(baseEvents.map((e) => e.name));
  const addedEvents = headEvents.filter((e) => !baseNames.has(e.name));

  for (const event of addedEvents) {
    diff.added.push(change('event-added', event.name, undefined, false, 'new event', event.location));
  }
  for (const [index, event] of baseEvents.entries()) {
    if (headNames.has(event.name)) continue;
    const location = nearestSurvivor(baseEvents, index, head, event.location.file);
    const removal = change('event-removed', event.name, undefined, true, 'event removed', location);
    const renamedTo = likelyRename(event, addedEvents);
    if (renamedTo) {
      removal.renamedTo = renamedTo;
      removal.detail = `event removed; looks renamed to ${renamedTo}`;
    }
    const accepted: AcceptedBecause | undefined =
      event.status === 'deprecated' ? { reason: 'removed-after-deprecation' } : successorReason(event.name, head);
    if (accepted) removal.accepted = accepted;
    diff.removed.push(removal);
  }
  for (const before of baseEvents) {
    const after = head?.byName.get(before.name);
    if (!after) continue;
    const changes = diffEvent(before, after);
    const accepted: AcceptedBecause | undefined =
      after.status === 'deprecated' || before.status === 'deprecated'
        ? { reason: 'deprecated' }
        : after.version !== undefined && before.version !== undefined && after.version !== before.version
          ? { reason: 'new-schema-version', version: after.version }
          : successorReason(before.name, head);
    for (const c of changes) if (c.breaking && accepted) c.accepted = accepted;
    diff.changed.push(...changes);
  }
  return diff;
}

function change(
  kind: PlanChangeKind,
  event: string,
  property: string | undefined,
  breaking: boolean,
  detail: string,
  location: SourceLocation,
): PlanChange {
  return property === undefined ? { kind, event, breaking, detail, location } : { kind, event, property, breaking, detail, location };
}

export function diffEvent(before: PlanEvent, after: PlanEvent): PlanChange[] {
  const out: PlanChange[] = [];
  if (before.status !== after.status) {
    out.push(
      change(
        after.status === 'deprecated' ? 'event-deprecated' : 'event-undeprecated',
        after.name,
        undefined,
        false,
        after.status === 'deprecated' ? 'marked deprecated' : 'no longer deprecated',
        after.location,
      ),
    );
  }
  if (before.allowUnplanned === false && after.allowUnplanned === true) {
    out.push(change('unplanned-allowed', after.name, undefined, false, 'now accepts properties the plan does not list', after.location));
  }
  const oldProps = new Map([...allProperties(before.properties)].map((p) => [p.path, p]));
  const newProps = new Map([...allProperties(after.properties)].map((p) => [p.path, p]));
  for (const [path, prop] of newProps) {
    const old = oldProps.get(path);
    if (!old) {
      out.push(
        change('property-added', after.name, path, prop.required, prop.required ? 'required property added' : 'optional property added', prop.location),
      );
      continue;
    }
    out.push(...diffProperty(after.name, old, prop));
  }
  for (const [path, prop] of oldProps) {
    if (newProps.has(path)) continue;
    // A removed object reports once; its children go with it.
    const parentPath = parentOf(path);
    if (parentPath && oldProps.has(parentPath) && !newProps.has(parentPath)) continue;
    const parent = parentPath ? newProps.get(parentPath) : undefined;
    out.push(change('property-removed', after.name, prop.path, true, 'property removed', parent?.location ?? after.location));
  }
  return out;
}

function parentOf(path: string): string | undefined {
  const cut = path.lastIndexOf('.');
  if (cut <= 0) return undefined;
  return path.slice(0, cut).replace(/\[\]$/, '');
}

function diffProperty(event: string, before: PlanProperty, after: PlanProperty): PlanChange[] {
  const out: PlanChange[] = [];
  const at = after.location;
  const add = (kind: PlanChangeKind, breaking: boolean, detail: string) => out.push(change(kind, event, after.path, breaking, detail, at));

  const oldTypes = new Set(before.types);
  const newTypes = new Set(after.types);
  if (!sameSet(oldTypes, newTypes)) {
    const widened = newTypes.size === 0 || (oldTypes.size > 0 && [...oldTypes].every((t) => newTypes.has(t) || (t === 'integer' && newTypes.has('number'))));
    add('type-changed', !widened, `${typeText(before)} → ${typeText(after)}`);
  }
  if (before.required !== after.required) {
    add('required-changed', after.required, after.required ? 'optional → required' : 'required → optional');
  }
  if (before.enum || after.enum) {
    if (!after.enum) add('constraint-changed', false, 'enum restriction removed');
    else if (!before.enum) add('constraint-changed', true, `now restricted to ${listText(after.enum)}`);
    else {
      const removed = before.enum.filter((v) => !after.enum?.some((w) => sameValue(v, w)));
      const added = after.enum.filter((v) => !before.enum?.some((w) => sameValue(v, w)));
      if (removed.length) add('enum-values-removed', true, `enum values removed: ${listText(removed)}`);
      if (added.length) add('enum-values-added', false, `enum values added: ${listText(added)}`);
    }
  }
  if (before.format !== after.format) {
    const breaking = after.format !== undefined;
    add('format-changed', breaking, `format ${before.format ?? '(none)'} → ${after.format ?? '(none)'}`);
  }
  if (before.pattern !== after.pattern) {
    add('constraint-changed', after.pattern !== undefined, `pattern ${before.pattern ?? '(none)'} → ${after.pattern ?? '(none)'}`);
  }
  for (const key of ['minimum', 'exclusiveMinimum', 'minLength', 'minItems'] as const) {
    const a = numberAt(before.schema, key);
    const b = numberAt(after.schema, key);
    if (a !== b) add('constraint-changed', b !== undefined && (a === undefined || b > a), `${key} ${a ?? '(none)'} → ${b ?? '(none)'}`);
  }
  for (const key of ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems'] as const) {
    const a = numberAt(before.schema, key);
    const b = numberAt(after.schema, key);
    if (a !== b) add('constraint-changed', b !== undefined && (a === undefined || b < a), `${key} ${a ?? '(none)'} → ${b ?? '(none)'}`);
  }
  return out;
}

function numberAt(schema: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

function typeText(p: PlanProperty): string {
  return p.types.length ? p.types.join(' | ') : 'any';
}

function listText(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map((v) => JSON.stringify(v));
  return shown.join(', ') + (values.length > 8 ? `, … (${values.length - 8} more)` : '');
}

function sameSet<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const VERSION_SUFFIX = /^(.*?)([_. ][vV])(\d+)$/;

const versionIndex = new WeakMap<TrackingPlan, Map<string, Array<{ name: string; version: number }>>>();

/** Versioned event names of a plan by stem (`report_exported` → `report_exported_v2`, …), built once. */
function versionsByStem(head: TrackingPlan): Map<string, Array<{ name: string; version: number }>> {
  let index = versionIndex.get(head);
  if (!index) {
    index = new Map();
    for (const event of head.events) {
      const m = VERSION_SUFFIX.exec(event.name);
      if (!m?.[1]) continue;
      const list = index.get(m[1]) ?? [];
      list.push({ name: event.name, version: Number(m[3]) });
      index.set(m[1], list);
    }
    versionIndex.set(head, index);
  }
  return index;
}

/** A head event named like a later version of `name` (`x_v2` for `x`, `x_v3` for `x_v2`). */
export function versionedSuccessor(name: string, head: TrackingPlan | undefined): string | undefined {
  if (!head) return undefined;
  const match = VERSION_SUFFIX.exec(name);
  const stem = match?.[1] ?? name;
  const version = match ? Number(match[3]) : 1;
  return versionsByStem(head).get(stem)?.find((candidate) => candidate.version > version)?.name;
}

function successorReason(name: string, head: TrackingPlan | undefined): AcceptedBecause | undefined {
  const successor = versionedSuccessor(name, head);
  return successor ? { reason: 'versioned-successor', successor } : undefined;
}

/** The added event whose properties overlap most with the removed one's (≥ 60 %). */
function likelyRename(removed: PlanEvent, added: readonly PlanEvent[]): string | undefined {
  const before = new Set(removed.properties.map((p) => p.name));
  let best: string | undefined;
  let bestScore = 0;
  for (const candidate of added) {
    const after = new Set(candidate.properties.map((p) => p.name));
    const union = new Set([...before, ...after]).size;
    const shared = [...before].filter((n) => after.has(n)).length;
    const score = union === 0 ? 0 : shared / union;
    if (before.size >= 2 && score >= 0.6 && score > bestScore) {
      best = candidate.name;
      bestScore = score;
    }
  }
  return best;
}

/** For something removed from the plan: the head location of the closest event before it that survived. */
function nearestSurvivor(baseEvents: readonly PlanEvent[], index: number, head: TrackingPlan | undefined, file: string): SourceLocation {
  if (!head) return { file, line: 1, column: 1 };
  for (let i = index - 1; i >= 0; i--) {
    const survivor = head.byName.get(baseEvents[i]?.name ?? '');
    if (survivor && survivor.location.file === file) return survivor.location;
  }
  for (let i = index + 1; i < baseEvents.length; i++) {
    const survivor = head.byName.get(baseEvents[i]?.name ?? '');
    if (survivor && survivor.location.file === file) return survivor.location;
  }
  return head.anchors.get(file) ?? head.anchors.values().next().value ?? { file, line: 1, column: 1 };
}
