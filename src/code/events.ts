import { code, type MessageValue } from '../engine/types.js';
import type { CodeIndex, EventConstants, EventName, TrackCall } from './model.js';
import { packageOf } from './registries.js';

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

/**
 * The event registries a file's calls are checked against: those of its own package, and those
 * that calls of its package take constants from (a registry in a shared package, imported). A
 * monorepo's packages each keep their own list; none is checked against another's. A registry is
 * the package's list of events only when it holds at least half of the names the package sends:
 * a few constants beside many string names are a convenience, not the plan. Returns a lookup by
 * file, computed once per package.
 */
export function registriesByFile(code: Pick<CodeIndex, 'constants' | 'calls' | 'packages'>): (file: string) => EventConstants[] {
  const sentBy = new Map<string, { constants: Set<string>; names: Set<string> }>();
  for (const call of code.calls) {
    if (call.internal || call.kind !== 'track' || call.context.isTestFile) continue;
    const pkg = packageOf(call.file, code.packages);
    const sent = sentBy.get(pkg) ?? { constants: new Set<string>(), names: new Set<string>() };
    if (call.event?.kind === 'constant') sent.constants.add(call.event.value);
    // A wrapper may map the name the call writes to the one it sends: the registry holds the written one.
    if (call.event?.kind === 'literal' && call.event.written) sent.names.add(call.event.written);
    else for (const name of namesOf(call.event)) sent.names.add(name);
    sentBy.set(pkg, sent);
  }
  const byPackage = new Map<string, EventConstants[]>();
  return (file) => {
    const pkg = packageOf(file, code.packages);
    let list = byPackage.get(pkg);
    if (!list) {
      const sent = sentBy.get(pkg) ?? { constants: new Set<string>(), names: new Set<string>() };
      list = code.constants.filter((c) => c.package === pkg || c.members.some((m) => sent.constants.has(m.value)));
      const members = new Set(list.flatMap((c) => c.members.map((m) => m.value)));
      const registered = [...sent.names].filter((n) => members.has(n)).length;
      if (registered * 2 < sent.names.size) list = [];
      byPackage.set(pkg, list);
    }
    return list;
  };
}
