import { defineRule } from '../../src/engine/rule.js';
import { checkEventName, eventNameOptions, exampleName, orderData, outlierData, tenseData } from '../../src/names/naming.js';
import { isSdkReservedName } from '../../src/code/sdks.js';

const MESSAGES = {
  shape: 'Event `{{event}}` does not follow the naming convention ({{expected}}).',
  outlier: "Event `{{event}}` is {{style}}; this repository's events are {{convention}} ({{fits}} of {{total}}).",
  order: "Event `{{event}}` puts the action {{at}}; this repository's events put it {{expected}} ({{fits}} of the {{total}} whose order is clear).",
  prefix: 'Event `{{event}}` starts with `event_`; every event is an event.',
  'single-word': 'Event `{{event}}` is a single word; name the object and the action (object_action).',
  tense: 'Event `{{event}}` should {{where}} a past-tense verb: it reports something that happened.',
  'tense-noun': 'Event `{{event}}` {{noun}}: it should {{where}} the past-tense verb of what happened.',
  'unknown-prefix': 'Event `{{event}}` uses a prefix outside the configured ones ({{prefixes}}).',
  pattern: 'Event `{{event}}` does not match the configured pattern `{{pattern}}`.',
};
type MessageId = keyof typeof MESSAGES;

export default defineRule({
  id: 'naming/event-name',
  category: 'naming',
  planOnly: true,
  severity: 'P2',
  description: "Event names follow one convention: the configured one, else the repository's own when its names show one, else snake_case object_action in the past tense, no event_ prefix.",
  messages: MESSAGES,
  fix: {
    shape: 'Rename it (perhaps `{{suggestion}}`); keep the old name as a deprecated event if data already flows under it.',
    outlier: 'Rename it to the convention (perhaps `{{suggestion}}`); keep the old name as a deprecated event if data already flows under it.',
    order: 'Rename it (perhaps `{{suggestion}}`); keep the old name as a deprecated event if data already flows under it.',
    prefix: 'Rename it to `{{suggestion}}`.',
    'single-word': 'Name the object first, then what happened to it, e.g. `report_exported`.',
    tense: 'Rename it to `{{suggestion}}`.',
    'tense-noun': 'Name what happened to it, in the past tense (like `{{suggestion}}`).',
    'unknown-prefix': 'Use one of the configured prefixes, or add this one to naming.prefixes.',
    pattern: 'Rename it to match the pattern, or adjust naming.events in the config.',
  },
  check(ctx) {
    if (!ctx.plan) return;
    const naming = ctx.config.naming;
    for (const event of ctx.plan.events) {
      // `$pageview`, `Loaded a Page`: the SDK's names, listed in a plan so their properties are documented.
      if (isSdkReservedName(event.name)) continue;
      const problem = checkEventName(event.name, naming.events, eventNameOptions(naming, event.name));
      if (!problem) continue;
      let messageId: MessageId = problem.kind;
      const data: Record<string, string> = { event: event.name, ...tenseData(naming) };
      if (problem.kind === 'shape') {
        const outlier = outlierData(event.name, naming);
        if (outlier) {
          messageId = 'outlier';
          Object.assign(data, outlier);
        }
        data.expected = problem.expected;
        data.suggestion = problem.suggestion ?? exampleName(naming.events, naming.inferred?.order?.order);
      } else if (problem.kind === 'order') {
        Object.assign(data, orderData(naming));
        data.suggestion = problem.suggestion ?? exampleName(naming.events, naming.inferred?.order?.order);
      } else if (problem.kind === 'prefix') data.suggestion = problem.suggestion;
      else if (problem.kind === 'tense') {
        data.suggestion = problem.suggestion ?? exampleName(naming.events, naming.inferred?.order?.order);
        if (!problem.suggestion) messageId = 'tense-noun';
      } else if (problem.kind === 'unknown-prefix') data.prefixes = problem.prefixes;
      else if (problem.kind === 'pattern') data.pattern = problem.pattern;
      ctx.report({ messageId, data, location: event.location, event: event.name });
    }
  },
});
