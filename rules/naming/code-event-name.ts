import { defineRule } from '../../src/engine/rule.js';
import type { SourceLocation } from '../../src/engine/types.js';
import { namesOf, siteCalls } from '../../src/code/events.js';
import { checkEventName, eventNameOptions, exampleName, orderData, outlierData, suggestName } from '../../src/names/naming.js';
import { isSdkReservedName, SDK_EVENT_NAMES } from '../../src/code/sdks.js';

export default defineRule({
  id: 'naming/code-event-name',
  category: 'naming',
  severity: 'P2',
  description: 'Event names written in code, and not defined in the plan, follow the naming convention (planned names are checked in the plan).',
  messages: {
    convention: 'Event `{{event}}` does not follow the naming convention ({{problem}}).',
    outlier: "Event `{{event}}` is {{style}}; this repository's events are {{convention}} ({{fits}} of {{total}}).",
    order: "Event `{{event}}` puts the action {{at}}; this repository's events put it {{expected}} ({{fits}} of the {{total}} whose order is clear).",
  },
  fix: {
    convention: 'Rename it (perhaps `{{suggestion}}`) and add it to the tracking plan.',
    outlier: 'Rename it to the convention (perhaps `{{suggestion}}`) and add it to the tracking plan.',
    order: 'Rename it (perhaps `{{suggestion}}`) and add it to the tracking plan.',
  },
  check(ctx) {
    const naming = ctx.config.naming;
    const seen = new Set<string>();
    const check = (name: string, at: SourceLocation, key: string) => {
      const options = eventNameOptions(naming, name);
      const problem = checkEventName(name, naming.events, options);
      if (!problem) return;
      const suggestion = (problem.kind === 'order' ? problem.suggestion : suggestName(name, naming.events, options)) ?? exampleName(naming.events, naming.inferred?.order?.order);
      const outlier = problem.kind === 'shape' ? outlierData(name, naming) : undefined;
      const report = { location: at, event: name, key };
      if (outlier) ctx.report({ ...report, messageId: 'outlier', data: { event: name, ...outlier, suggestion } });
      else if (problem.kind === 'order') ctx.report({ ...report, messageId: 'order', data: { event: name, ...orderData(naming), suggestion } });
      else ctx.report({ ...report, messageId: 'convention', data: { event: name, problem: problem.kind === 'shape' ? problem.expected : describe(problem.kind), suggestion } });
    };
    // By line: a member's location is its whole `key: 'value'`, a call's `definedAt` the string in it.
    const place = (name: string, at: SourceLocation) => `${name}@${at.file}:${at.line}`;
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.kind !== 'track' || call.context.isTestFile || !call.event) continue;
      for (const name of namesOf(call.event)) {
        // Planned names are checked in the plan; names the SDK defines are not the team's to choose.
        if (ctx.plan?.byName.has(name) || SDK_EVENT_NAMES[call.sdk]?.includes(name) || isSdkReservedName(name)) continue;
        // A constant's name is reported once, where it is written: that is where it is renamed.
        const at = call.event.kind === 'constant' && call.event.definedAt ? call.event.definedAt : call.event.location;
        if (seen.has(place(name, at))) continue;
        seen.add(place(name, at));
        check(name, at, call.snippet);
      }
    }
    // A registry's members are the events it declares, sent or not: each is checked at its member.
    for (const registry of ctx.code.constants) {
      for (const member of registry.members) {
        const name = member.value;
        if (ctx.plan?.byName.has(name) || isSdkReservedName(name)) continue;
        const at = member.location;
        if (seen.has(place(name, at))) continue;
        seen.add(place(name, at));
        check(name, at, `${registry.name}.${member.name}`);
      }
    }
  },
});

function describe(kind: string): string {
  switch (kind) {
    case 'prefix':
      return 'no event_ prefix';
    case 'single-word':
      return 'object and action, not one word';
    case 'tense':
      return 'the action in the past tense';
    case 'unknown-prefix':
      return 'one of the configured prefixes';
    default:
      return 'the configured pattern';
  }
}
