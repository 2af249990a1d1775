import { code, type MessageValue } from '../engine/types.js';
import type { EventName, TrackCall } from './model.js';

/** The event names a call can send, when they are known statically. */
export function eventValues(call: Pick<TrackCall, 'event'>): string[] {
  return namesOf(call.event);
}

export function namesOf(event: EventName | undefined): string[] {
  if (!event) return [];
  if (event.kind === 'literal' || event.kind === 'constant') return [event.value];
  if (event.kind === 'choice') return event.values;
  return [];
}

/** Tracking calls that a rule about events at call sites should look at. */
export function siteCalls(calls: readonly TrackCall[]): TrackCall[] {
  return calls.filter((c) => !c.internal);
}

/** How messages name a call's event: the name as code, or the method for identify-like calls. */
export function eventLabel(call: TrackCall): MessageValue {
  const e = call.event;
  if (e && (e.kind === 'literal' || e.kind === 'constant')) return code(e.value);
  return call.kind === 'track' ? 'this event' : code(call.method);
}

/** The single known event name of a call, for findings' `event` field. */
export function eventOf(call: TrackCall): string | undefined {
  const e = call.event;
  return e && (e.kind === 'literal' || e.kind === 'constant') ? e.value : undefined;
}

/** Calls that send their event when the code runs: sites, less the bodies of fixed-event helpers (their callers send). */
export function sendingCalls(calls: readonly TrackCall[]): TrackCall[] {
  return calls.filter((c) => !c.internal && !c.inHelper);
}
