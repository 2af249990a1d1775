import { defineRule } from '../../src/engine/rule.js';
import { namesOf, siteCalls } from '../../src/code/events.js';
import { checkEventName, exampleName, suggestName } from '../../src/names/naming.js';
import { isSdkReservedName, SDK_EVENT_NAMES } from '../../src/code/sdks.js';

export default defineRule({
  id: 'naming/code-event-name',
  category: 'naming',
  severity: 'P2',
  description: 'Event names written in code, and not defined in the plan, follow the naming convention (planned names are checked in the plan).',
  messages: { convention: 'Event `{{event}}` does not follow the naming convention ({{problem}}).' },
  fix: 'Rename it (perhaps `{{suggestion}}`) and add it to the tracking plan.',
  check(ctx) {
    const { events, pastTense, prefixes } = ctx.config.naming;
    const seen = new Set<string>();
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.kind !== 'track' || call.context.isTestFile || !call.event) continue;
      for (const name of namesOf(call.event)) {
        // Planned names are checked in the plan; names the SDK defines are not the team's to choose.
        if (ctx.plan?.byName.has(name) || SDK_EVENT_NAMES[call.sdk]?.includes(name) || isSdkReservedName(name)) continue;
        // A constant's name is reported once, where it is written: that is where it is renamed.
        const at = call.event.kind === 'constant' && call.event.definedAt ? call.event.definedAt : call.event.location;
        const key = `${name}@${at.file}:${at.line}:${at.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const problem = checkEventName(name, events, { pastTense, prefixes });
        if (!problem) continue;
        const suggestion = suggestName(name, events, { pastTense }) ?? exampleName(events);
        ctx.report({ messageId: 'convention', data: { event: name, problem: describe(problem.kind), suggestion }, location: at, event: name, key: call.snippet });
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
    case 'pattern':
      return 'the configured pattern';
    default:
      return 'shape';
  }
}
