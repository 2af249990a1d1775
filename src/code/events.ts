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
