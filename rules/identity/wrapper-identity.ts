import { defineRule } from '../../src/engine/rule.js';
import { eventOf } from '../../src/code/events.js';
import type { IdentityEntry, TrackCall } from '../../src/code/model.js';
import type { SourceLocation } from '../../src/engine/types.js';

/** The known id of a person, and the key that must hold the other, anonymous one. */
const PAIRS: Array<{ known: RegExp; anonymous: RegExp; name: string }> = [
  { known: /^user_?id$/i, anonymous: /^anonymous_?id$/i, name: 'anonymousId' },
  { known: /^user_?id$/i, anonymous: /^device_?id$/i, name: 'device_id' },
  { known: /^distinct_?id$/i, anonymous: /^\$anon_distinct_id$/, name: '$anon_distinct_id' },
];

export default defineRule({
  id: 'identity/wrapper-identity',
  category: 'identity',
  severity: 'P1',
  description: "A person's anonymous id (device, session) and known id are two values: a helper that sets both from one makes them one, so the history before login can never be merged.",
  messages: {
    same: '`{{known}}` and `{{anonymous}}` are both `{{text}}`: the anonymous and the known id of a person become one, so the events before login are never merged into the profile.',
  },
  fix: 'Set the known id from the user and the anonymous id from the device or session id the SDK (or the client) generated; send one of them when only one is known (`userId ?? anonymousId` under one key).',
  check(ctx) {
    for (const call of ctx.code.calls) {
      if (call.context.isTestFile) continue;
      for (const pair of PAIRS) {
        // At a call site of its own, `identity/anonymous-id` reports an anonymousId equal to the userId.
        if (pair.name === 'anonymousId' && !call.internal) continue;
        const known = call.identity.filter((i) => pair.known.test(i.key));
        for (const other of anonymousOf(call, pair.anonymous)) {
          const same = known.find((k) => k.text === other.text && k.literal === undefined);
          if (!same) continue;
          // One argument a wrapper puts under both keys: reported once, in the wrapper.
          if (call.via.length > 0 && samePlace(same.location, other.location)) continue;
          ctx.report({
            messageId: 'same',
            data: { known: same.key, anonymous: other.key, text: other.text },
            location: other.location,
            event: eventOf(call),
            key: `${other.key}|${call.snippet}`,
          });
        }
      }
    }
  },
});

/** Entries under an anonymous-id key: identity keys, or a property (PostHog's `$anon_distinct_id` on `$identify`). */
function anonymousOf(call: TrackCall, key: RegExp): Array<Pick<IdentityEntry, 'key' | 'text' | 'location'>> {
  const found: Array<Pick<IdentityEntry, 'key' | 'text' | 'location'>> = call.identity.filter((i) => key.test(i.key) && i.literal === undefined);
  if (call.properties.kind === 'object') {
    for (const entry of call.properties.entries) {
      if (key.test(entry.key) && entry.literal === undefined) found.push({ key: entry.key, text: entry.valueText, location: entry.valueLocation });
    }
  }
  return found;
}

function samePlace(a: SourceLocation, b: SourceLocation): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}
