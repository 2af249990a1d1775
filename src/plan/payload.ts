import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { PlanEvent, TrackingPlan } from './model.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv,
) => Ajv;

export interface PayloadProblem {
  /** Property path inside the payload (`address.city`), empty for the payload itself. */
  path: string;
  keyword: string;
  message: string;
}

/**
 * The JSON Schema a payload of `event` must satisfy: common and event properties, their
 * `required` flags, and the event's conditional requirements (`if`/`then`). Unknown properties
 * are allowed here; whether they are planned is a registration question, not a validation one.
 */
export function eventPayloadSchema(plan: TrackingPlan, event: PlanEvent): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const property of [...plan.commonProperties, ...event.properties]) {
    properties[property.name] = property.schema;
    if (property.required && !plan.commonProperties.includes(property)) required.push(property.name);
  }
  const schema: Record<string, unknown> = { type: 'object', properties };
  if (required.length) schema.required = required;
  if (event.conditions.length) schema.allOf = event.conditions;
  return schema;
}

const byEvent = new WeakMap<PlanEvent, ValidateFunction | Error>();
/** Compiled validators by schema text: base and head (and the next review) share them. */
const bySchema = new Map<string, ValidateFunction | Error>();
const MAX_CACHED = 5_000;
let ajv: Ajv | undefined;

function compile(plan: TrackingPlan, event: PlanEvent): ValidateFunction | Error {
  const known = byEvent.get(event);
  if (known) return known;
  const schema = eventPayloadSchema(plan, event);
  const key = JSON.stringify(schema);
  let result = bySchema.get(key);
  if (!result) {
    ajv ??= addFormats(new Ajv({ allErrors: true, strict: false, validateFormats: true, addUsedSchema: false }));
    try {
      result = ajv.compile(schema);
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    if (bySchema.size >= MAX_CACHED) bySchema.delete(bySchema.keys().next().value as string);
    bySchema.set(key, result);
  }
  byEvent.set(event, result);
  return result;
}

/**
 * Checks a payload (the literal properties of a tracking call) against the plan. Returns the
 * problems, or a single `schema` problem when the event's schema itself cannot be compiled.
 */
export function validatePayload(plan: TrackingPlan, eventName: string, payload: unknown): PayloadProblem[] {
  const event = plan.byName.get(eventName);
  if (!event) return [{ path: '', keyword: 'event', message: `\`${eventName}\` is not in the plan` }];
  const validate = compile(plan, event);
  if (validate instanceof Error) return [{ path: '', keyword: 'schema', message: `the plan's schema for \`${eventName}\` is invalid: ${validate.message}` }];
  if (validate(payload)) return [];
  return (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'allOf').map(toProblem);
}

function toProblem(error: ErrorObject): PayloadProblem {
  const base = error.instancePath.slice(1).replace(/\//g, '.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { path: base ? `${base}.${missing}` : missing, keyword: 'required', message: `\`${missing}\` is required` };
  }
  return { path: base, keyword: error.keyword, message: `\`${base || 'payload'}\` ${error.message ?? 'is invalid'}` };
}
