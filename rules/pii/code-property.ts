import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { eventLabel, eventOf, siteCalls } from '../../src/code/events.js';
import type { PropertyEntry, TrackCall } from '../../src/code/model.js';
import { isHashCall, isRawInputRead, isRawUrlRead, isWholeObjectRead, namesAThing, piiInName, piiInRead } from '../../src/names/pii.js';
import type { MessageData } from '../../src/engine/types.js';

export default defineRule({
  id: 'pii/code-property',
  category: 'pii',
  severity: 'P0',
  messageSeverity: { hashed: 'P3' },
  description: 'Tracking calls must not send personal data or secrets: by property name, by where the value comes from, or by passing whole user or request objects.',
  messages: {
    name: 'Property `{{key}}` sent with {{event}} looks like {{kind}}.',
    value: 'Property `{{key}}` sent with {{event}} takes its value from `{{read}}`, which looks like {{kind}}.',
    raw: 'Property `{{key}}` sent with {{event}} carries `{{read}}`, a raw URL or command line that can hold tokens and emails.',
    wholeObject: 'A whole `{{read}}` object is sent as properties of {{event}}; every field it has (or will have) leaves with it.',
    hashed: 'Property `{{key}}` sent with {{event}} is a hash of `{{read}}`: accepted, as long as it is salted.',
  },
  fix: {
    name: 'Send a stable id instead and join personal attributes in the warehouse; if the name misleads, rename it.',
    value: 'Send an id (or a salted SHA-256 marked `pii: hashed` in the plan) instead of `{{read}}`.',
    raw: 'Send the route pattern or the command name, never the raw value.',
    wholeObject: 'List the properties you need explicitly (`{ plan_tier: user.planTier }`).',
    hashed: 'Make sure the hash is salted; an unsalted hash of an email is reversible by lookup.',
  },
  check(ctx) {
    const allow = new Set(ctx.config.pii.allow);
    const words = ctx.config.pii.words;
    const seen = new Set<string>();
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.context.isTestFile) continue;
      const event = eventLabel(call);
      const props = call.properties;
      if (props.kind === 'passthrough') {
        const whole = props.reads.find((read) => isWholeObjectRead(read) && !isRawInputRead(read));
        if (whole) report(ctx, call, 'wholeObject', { read: whole, event }, props.location, `whole:${whole}`);
        continue;
      }
      if (props.kind !== 'object') continue;
      for (const spread of props.spreads) {
        const whole = spread.reads.find((read) => isWholeObjectRead(read) && !isRawInputRead(read));
        if (whole) report(ctx, call, 'wholeObject', { read: whole, event }, spread.location, `whole:${whole}`);
      }
      for (const entry of props.entries) {
        const where = `${entry.keyLocation.file}:${entry.keyLocation.line}:${entry.keyLocation.column}`;
        if (seen.has(where) || allow.has(entry.key)) continue;
        seen.add(where);
        const finding = classify(entry, words);
        if (!finding) continue;
        report(ctx, call, finding.messageId, { key: entry.key, event, ...finding.data }, finding.messageId === 'name' ? entry.keyLocation : entry.valueLocation, `${entry.key}:${finding.messageId}`, entry.key);
      }
    }
  },
});

type MessageId = 'name' | 'value' | 'raw' | 'wholeObject' | 'hashed';

const NUMBER: readonly string[] = ['number'];
const NO_TYPES: readonly string[] = [];

function classify(entry: PropertyEntry, words: readonly string[]): { messageId: MessageId; data: Record<string, string> } | undefined {
  // `emailInput: ''`, `phone: null`: an empty value carries nobody's data.
  if (entry.literal && (entry.literal.value === '' || entry.literal.value === null)) return undefined;
  // `signup_source: token ? 'invite' : 'direct'`: what is sent is one of the literals, whatever the condition reads.
  if (entry.choices) return undefined;
  const literalType = entry.literal ? typeof entry.literal.value : undefined;
  const booleanish =
    literalType === 'boolean' ||
    /^(is|has|was|did|should|can|will)([A-Z_]|$)/.test(entry.key) ||
    entry.calls.includes('Boolean') ||
    /^!|[=!]==?|[<>]=?/.test(entry.valueText);
  if (booleanish) return undefined;
  const types = literalType === 'number' ? NUMBER : NO_TYPES;
  const hashCall = entry.calls.find(isHashCall);
  const byName = piiInName(entry.key, { types, words });
  if (byName && !byName.hashed && !hashCall) return { messageId: 'name', data: { kind: byName.kind } };
  for (const read of entry.reads) {
    if (isRawUrlRead(read)) return { messageId: 'raw', data: { read } };
    const match = piiInRead(read, { words });
    if (!match) continue;
    if (hashCall || match.hashed) return { messageId: 'hashed', data: { read } };
    if (derived(entry)) continue;
    if (match.kind === "a person's name" && namesAThing(entry.key)) continue;
    return { messageId: 'value', data: { read, kind: match.kind } };
  }
  if (byName && (byName.hashed || hashCall)) return { messageId: 'hashed', data: { read: entry.key } };
  return undefined;
}

/** `emailDomain(user.email)`, `user.email.length`: a fact about the value, not the value. */
function derived(entry: PropertyEntry): boolean {
  return entry.calls.some((callee) => {
    const name = callee.split('.').pop() ?? '';
    return /domain|length|count|exists|has|is[A-Z]|valid|type|hash|mask|redact|anonymi[sz]e/i.test(name) && !/^(String|toLowerCase|toUpperCase|trim)$/.test(name);
  });
}

function report(
  ctx: RuleContext<MessageId>,
  call: TrackCall,
  messageId: MessageId,
  data: MessageData,
  location: TrackCall['location'],
  key: string,
  property?: string,
): void {
  ctx.report({ messageId, data, location, event: eventOf(call), property, key: `${key}|${call.snippet}` });
}
