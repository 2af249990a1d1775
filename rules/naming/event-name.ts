import { defineRule } from '../../src/engine/rule.js';
import { checkEventName, exampleName } from '../../src/names/naming.js';
import { isSdkReservedName } from '../../src/code/sdks.js';

export default defineRule({
  id: 'naming/event-name',
  category: 'naming',
  planOnly: true,
  severity: 'P2',
  description: 'Event names follow one convention (default: snake_case object_action in the past tense, no event_ prefix).',
  messages: {
    shape: 'Event `{{event}}` does not follow the naming convention ({{expected}}).',
    prefix: 'Event `{{event}}` starts with `event_`; every event is an event.',
    'single-word': 'Event `{{event}}` is a single word; name the object and the action (object_action).',
    tense: 'Event `{{event}}` should end in a past-tense verb: it reports something that happened.',
    'tense-noun': 'Event `{{event}}` ends in a noun: it should end in the past-tense verb of what happened.',
    'unknown-prefix': 'Event `{{event}}` uses a prefix outside the configured ones ({{prefixes}}).',
    pattern: 'Event `{{event}}` does not match the configured pattern `{{pattern}}`.',
  },
  fix: {
    shape: 'Rename it (perhaps `{{suggestion}}`); keep the old name as a deprecated event if data already flows under it.',
    prefix: 'Rename it to `{{suggestion}}`.',
    'single-word': 'Name the object first, then what happened to it, e.g. `report_exported`.',
    tense: 'Rename it to `{{suggestion}}`.',
    'tense-noun': 'Name what happened to it, in the past tense (like `{{suggestion}}`).',
    'unknown-prefix': 'Use one of the configured prefixes, or add this one to naming.prefixes.',
    pattern: 'Rename it to match the pattern, or adjust naming.events in the config.',
  },
  check(ctx) {
    if (!ctx.plan) return;
    const { events, pastTense, prefixes } = ctx.config.naming;
    for (const event of ctx.plan.events) {
      // `$pageview`, `Loaded a Page`: the SDK's names, listed in a plan so their properties are documented.
      if (isSdkReservedName(event.name)) continue;
      const problem = checkEventName(event.name, events, { pastTense, prefixes });
      if (!problem) continue;
      const data: Record<string, string> = { event: event.name };
      if (problem.kind === 'shape') {
        data.expected = problem.expected;
        data.suggestion = problem.suggestion ?? event.name;
      } else if (problem.kind === 'prefix') data.suggestion = problem.suggestion;
      else if (problem.kind === 'tense') data.suggestion = problem.suggestion ?? exampleName(events);
      else if (problem.kind === 'unknown-prefix') data.prefixes = problem.prefixes;
      else if (problem.kind === 'pattern') data.pattern = problem.pattern;
      const messageId = problem.kind === 'tense' && !problem.suggestion ? 'tense-noun' : problem.kind;
      ctx.report({ messageId, data, location: event.location, event: event.name });
    }
  },
});
