import { isTypesPlan } from '../../src/plan/typed.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { eventOf, namesOf, siteCalls } from '../../src/code/events.js';
import type { TrackCall } from '../../src/code/model.js';
import { IDENTITY_KEYS } from '../../src/code/sdks.js';
import { validatePayload } from '../../src/plan/payload.js';
import { checkLiteral, isSimpleSchema } from '../../src/plan/quick-check.js';
import type { PlanEvent, TrackingPlan } from '../../src/plan/model.js';

/** Stands for a value only known at run time: present, but of no checkable type. */
const UNKNOWN_VALUE = '\u0000trackguard:unknown';

export default defineRule({
  id: 'registration/payload',
  category: 'registration',
  severity: 'P1',
  description: "A tracking call's properties match the plan: no undefined properties, every required one present, literal values of the declared type.",
  messages: {
    unknownProperty: 'Property `{{key}}` is not defined for `{{event}}` in the tracking plan.',
    missingRequired: '`{{event}}` is sent without its required property `{{key}}`.',
    invalidValue: 'Property `{{key}}` of `{{event}}` is sent as `{{value}}`, but the plan says it {{rule}}.',
  },
  fix: {
    unknownProperty: 'Add `{{key}}` to `{{event}}` in the plan (with a type and a description), or stop sending it.',
    missingRequired: 'Send `{{key}}` with the event, or make it optional in the plan if it can legitimately be absent.',
    invalidValue: 'Send a value that matches the plan, or change the plan if the plan is wrong.',
  },
  check(ctx) {
    const plan = ctx.plan;
    if (!plan) return;
    const seen = new Set<string>();
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.kind !== 'track' || call.context.isTestFile) continue;
      const names = namesOf(call.event);
      if (names.length !== 1) continue;
      // A wrapper may send another name than the one written, which is the one a typed plan knows.
      const written = call.event?.kind === 'literal' ? call.event.written : undefined;
      const event = plan.byName.get(names[0] as string) ?? (written !== undefined ? plan.byName.get(written) : undefined);
      if (!event) continue;
      checkCall(ctx, plan, event, call, seen);
    }
  },
});

/** Keys that name the event in a typed event's object (`{ event: Events.SignUp, … }`). */
const TYPED_EVENT_KEYS = new Set(['event', 'eventName', 'event_name']);

function checkCall(
  ctx: RuleContext<'unknownProperty' | 'missingRequired' | 'invalidValue'>,
  plan: TrackingPlan,
  event: PlanEvent,
  call: TrackCall,
  seen: Set<string>,
): void {
  const props = call.properties;
  if (props.kind === 'passthrough') return;
  const entries = props.kind === 'object' ? props.entries : [];
  const { known, byName } = propertiesOf(plan, event);
  // Event types describe what callers write: the key that names the event, and what a wrapper adds
  // around them, are outside the type.
  const typed = isTypesPlan(plan);
  for (const entry of entries) {
    if (known.has(entry.key) || IDENTITY_KEYS.includes(entry.key) || entry.key.startsWith('$')) continue;
    if (typed && (entry.fromWrapper || TYPED_EVENT_KEYS.has(entry.key) || entry.key.startsWith('_'))) continue;
    // A key a wrapper adds is one problem at one place, whichever events pass through it.
    const where = `${entry.keyLocation.file}:${entry.keyLocation.line}:${entry.keyLocation.column}${entry.fromWrapper ? '' : `:${event.name}`}`;
    if (seen.has(where)) continue;
    seen.add(where);
    ctx.report({ messageId: 'unknownProperty', data: { key: entry.key, event: event.name }, location: entry.keyLocation, event: event.name, property: entry.key, key: call.snippet });
  }
  const complete = props.kind === 'none' || (props.kind === 'object' && props.complete);
  // Most payloads need no compiled validator: literal values against simple property schemas, and
  // plain required flags, are checked directly; conditions and richer schemas go to ajv.
  const literals = entries.filter((e) => e.literal);
  if (event.conditions.length === 0 && literals.every((e) => isSimpleSchema(byName.get(e.key)?.schema ?? {}))) {
    if (complete) {
      const present = new Set(entries.map((e) => e.key));
      for (const property of event.properties) {
        if (!property.required || present.has(property.name)) continue;
        ctx.report({ messageId: 'missingRequired', data: { key: property.name, event: event.name }, location: call.location, event: eventOf(call), property: property.name, key: call.snippet });
      }
    }
    for (const entry of literals) {
      const schema = byName.get(entry.key)?.schema;
      const problem = schema ? checkLiteral(schema, entry.literal?.value) : undefined;
      if (!problem) continue;
      ctx.report({
        messageId: 'invalidValue',
        data: { key: entry.key, event: event.name, value: JSON.stringify(entry.literal?.value) ?? 'undefined', rule: problem.message },
        location: entry.valueLocation,
        event: event.name,
        property: entry.key,
        key: `${problem.keyword}|${call.snippet}`,
      });
    }
    return;
  }
  const payload: Record<string, unknown> = {};
  for (const entry of entries) payload[entry.key] = entry.literal ? entry.literal.value : UNKNOWN_VALUE;
  for (const problem of validatePayload(plan, event.name, payload)) {
    const top = problem.path.split('.')[0] ?? '';
    if (problem.keyword === 'required') {
      if (!complete || top !== problem.path) continue;
      ctx.report({ messageId: 'missingRequired', data: { key: top, event: event.name }, location: call.location, event: eventOf(call), property: top, key: call.snippet });
      continue;
    }
    const entry = entries.find((e) => e.key === top);
    if (!entry?.literal || top !== problem.path) continue;
    ctx.report({
      messageId: 'invalidValue',
      data: { key: top, event: event.name, value: JSON.stringify(entry.literal.value) ?? 'undefined', rule: problem.message.replace(/^`[^`]*` /, '') },
      location: entry.valueLocation,
      event: event.name,
      property: top,
      key: `${problem.keyword}|${call.snippet}`,
    });
  }
}

type PlanProperty = PlanEvent['properties'][number];

/** The properties an event may carry (its own and the plan's common ones), by name; plans are shared across reviews. */
const eventProperties = new WeakMap<TrackingPlan, WeakMap<PlanEvent, { known: Set<string>; byName: Map<string, PlanProperty> }>>();

function propertiesOf(plan: TrackingPlan, event: PlanEvent): { known: Set<string>; byName: Map<string, PlanProperty> } {
  let perEvent = eventProperties.get(plan);
  if (!perEvent) {
    perEvent = new WeakMap();
    eventProperties.set(plan, perEvent);
  }
  let found = perEvent.get(event);
  if (!found) {
    const all = [...plan.commonProperties, ...event.properties];
    found = { known: new Set(all.map((p) => p.name)), byName: new Map(all.map((p) => [p.name, p])) };
    perEvent.set(event, found);
  }
  return found;
}
