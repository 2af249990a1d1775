import { isTypesPlan } from '../../src/plan/typed.js';
import { defineRule } from '../../src/engine/rule.js';
import { readAll } from '../../src/engine/snapshot.js';
import { namesOf, siteCalls } from '../../src/code/events.js';
import type { TrackCall } from '../../src/code/model.js';

const CODE_FILE = /\.(m|c)?[jt]sx?$|\.(vue|svelte)$|\.(py|rb|go|kt|swift|java|php|cs|dart|rs|ex|exs|scala)$/;
/** `NAME = 'event'`, `NAME: "event"`: the constants (or enum members) that stand for an event's name. */
const CONSTANT = /([A-Za-z_$][\w$]*)\s*(?::|=|=>)\s*(['"`])([^'"`\n]{1,200})\2/g;

/** Keys of ordinary objects (`{ type: 'Order Updated' }`): no constant a test would name, and found in every test. */
const GENERIC_KEYS = new Set(['type', 'name', 'event', 'eventName', 'event_name', 'action', 'key', 'id', 'label', 'title', 'value', 'message', 'kind', 'category', 'description', 'text']);

export default defineRule({
  id: 'tests/untested-event',
  category: 'tests',
  severity: 'P2',
  description: 'Every event added to the plan, and every unplanned event the code sends, is exercised by a test (mentioned by name, or by the constant that holds its name).',
  messages: {
    untested: 'No test mentions {{which}}event `{{event}}`.',
    untestedConstant: 'No test mentions {{which}}event `{{event}}`, nor the constant `{{constant}}` that holds its name.',
    untestedCall: 'Event `{{event}}` is tracked here, but no test mentions it.',
  },
  fix: 'Add a test that triggers the flow and asserts `{{event}}` is sent with its required properties.',
  async check(ctx) {
    // Events of a plan read from types are checked at their calls, where the code sends them.
    const plan = isTypesPlan(ctx.plan) ? undefined : ctx.plan;
    const planned = (plan?.events ?? []).filter((e) => e.status === 'active' && ctx.isNewEvent(e.name));
    // Events the code sends that the plan does not list (or every event, without a plan): checked at their first call.
    const firstCall = new Map<string, TrackCall>();
    // A name a wrapper maps to another (`track({ event: 'slice:created' })` → 'SliceMachine Slice Created'): tests name either.
    const writtenAs = new Map<string, string>();
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.kind !== 'track' || call.context.isTestFile) continue;
      for (const name of namesOf(call.event)) if (!plan?.byName.has(name) && !firstCall.has(name)) firstCall.set(name, call);
      if (call.event?.kind === 'literal' && call.event.written) writtenAs.set(call.event.value, call.event.written);
    }
    const events = [...planned.map((e) => ({ name: e.name, location: e.location, call: undefined as TrackCall | undefined }))];
    // Reported where the event is sent (the first call), not where a constant or a wrapper writes its name.
    for (const [name, call] of firstCall) events.push({ name, location: call.location, call });
    if (events.length === 0) return;
    const testFiles = ctx.files.filter((f) => ctx.isTestFile(f));
    const sourceFiles = ctx.files.filter((f) => !ctx.isTestFile(f) && CODE_FILE.test(f));
    const texts = await readAll(ctx.snapshot, [...testFiles, ...sourceFiles]);
    const wanted = new Set(events.map((e) => e.name));
    const constants = new Map<string, Set<string>>();
    for (const file of sourceFiles) {
      const text = texts.get(file);
      if (!text || text.length > ctx.config.limits.maxFileBytes) continue;
      for (const match of text.matchAll(CONSTANT)) {
        const [, name, , value] = match;
        if (!name || !value || !wanted.has(value) || GENERIC_KEYS.has(name)) continue;
        const set = constants.get(value) ?? new Set<string>();
        set.add(name);
        constants.set(value, set);
      }
    }
    const tests = testFiles.map((f) => texts.get(f) ?? '');
    for (const event of events) {
      const names = [...(constants.get(event.name) ?? [])];
      const written = writtenAs.get(event.name);
      const mentioned = tests.some((text) => quotes(text, event.name) || (written !== undefined && quotes(text, written)) || names.some((n) => new RegExp(`\\b${escapeRegExp(n)}\\b`).test(text)));
      if (mentioned) continue;
      const [constant] = names;
      // In an audit every event is judged, and calling them all "new" would be untrue.
      const which = ctx.mode === 'all' ? '' : 'new ';
      if (event.call) ctx.report({ messageId: 'untestedCall', data: { event: event.name }, location: event.location, event: event.name });
      else if (constant) ctx.report({ messageId: 'untestedConstant', data: { event: event.name, constant, which }, location: event.location, event: event.name });
      else ctx.report({ messageId: 'untested', data: { event: event.name, which }, location: event.location, event: event.name });
    }
  },
});

/**
 * Whether a test names the event as a string (`'search'`, `"search"`, `` `search` ``): a name that
 * is also a word (`search`, `event`) is not tested because a test says the word.
 */
function quotes(text: string, name: string): boolean {
  if (!text.includes(name)) return false;
  return ["'", '"', '`'].some((q) => text.includes(`${q}${name}${q}`));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
