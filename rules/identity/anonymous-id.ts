import { defineRule } from '../../src/engine/rule.js';
import { eventOf, siteCalls } from '../../src/code/events.js';
import { tokens } from '../../src/names/tokens.js';
import type { IdentityEntry } from '../../src/code/model.js';

export default defineRule({
  id: 'identity/anonymous-id',
  category: 'identity',
  severity: 'P1',
  description: 'The anonymous id identifies a device before login; setting it to the known user id breaks identity stitching.',
  messages: { userId: '`{{key}}` is set to `{{read}}`, the known user id.' },
  fix: 'Send the user id as `userId`, and keep `anonymousId` for the device id the SDK generated before login.',
  check(ctx) {
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.context.isTestFile) continue;
      const userIds = call.identity.filter((i) => /^user_?id$/i.test(i.key));
      for (const id of call.identity) {
        if (!/^anonymous_?id$/i.test(id.key)) continue;
        // One argument a wrapper puts under both keys is the wrapper's doing: identity/wrapper-identity reports it there.
        const sameAsUser = userIds.find((u) => u.text === id.text);
        if (sameAsUser && call.via.length > 0 && samePlace(sameAsUser, id)) continue;
        const read = id.reads.find(isUserId) ?? (sameAsUser ? id.text : undefined);
        if (!read) continue;
        ctx.report({ messageId: 'userId', data: { key: id.key, read }, location: id.location, event: eventOf(call), key: call.snippet });
      }
    }
  },
});

function samePlace(a: IdentityEntry, b: IdentityEntry): boolean {
  return a.location.file === b.location.file && a.location.line === b.location.line && a.location.column === b.location.column;
}

function isUserId(read: string): boolean {
  const segments = read.split('.');
  const last = tokens(segments[segments.length - 1] ?? '');
  const owner = tokens(segments[segments.length - 2] ?? '');
  if (last.join('_') === 'user_id') return true;
  return (last.join('_') === 'id' || last.join('_') === 'uuid') && (owner.includes('user') || owner.includes('me') || owner.includes('viewer'));
}
