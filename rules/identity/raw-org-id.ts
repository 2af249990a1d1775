import { defineRule } from '../../src/engine/rule.js';
import { eventOf, siteCalls } from '../../src/code/events.js';
import { tokens } from '../../src/names/tokens.js';

const GROUP_WORDS = new Set(['org', 'orgs', 'organization', 'organisation', 'team', 'workspace', 'company', 'tenant', 'slack', 'webhook', 'apikey']);
const ID_WORDS = new Set(['id', 'uuid', 'guid', 'key']);

export default defineRule({
  id: 'identity/raw-org-id',
  category: 'identity',
  severity: 'P1',
  description: 'When no user is acting, the fallback identity is prefixed (`org_<id>`), so an organisation never shares a profile with a user whose id happens to match.',
  messages: { raw: 'Identity `{{key}}` is `{{read}}`, an organisation-level id used where a user id belongs.' },
  fix: 'Prefix it: `{{prefix}}${…}`, with the prefixes of the identity policy ({{prefixes}}).',
  check(ctx) {
    const prefixes = ctx.config.identity.prefixes;
    for (const call of siteCalls(ctx.code.calls)) {
      if (call.context.isTestFile) continue;
      for (const id of call.identity) {
        if (id.literal !== undefined) continue;
        if (id.templateHead !== undefined && prefixes.some((p) => id.templateHead?.startsWith(p))) continue;
        const read = id.reads.find(isGroupId);
        if (!read) continue;
        const group = tokens(read).find((t) => GROUP_WORDS.has(t)) ?? 'org';
        const prefix = prefixes.find((p) => p.startsWith(group.slice(0, 3))) ?? prefixes[0] ?? 'org_';
        ctx.report({
          messageId: 'raw',
          data: { key: id.key, read, prefix, prefixes: prefixes.join(', ') },
          location: id.location,
          event: eventOf(call),
          key: `${id.key}|${call.snippet}`,
        });
      }
    }
  },
});

/** `org.id`, `organizationId`, `team_id`, `workspace.uuid`: an id that belongs to a group, not a person. */
function isGroupId(read: string): boolean {
  const segments = read.split('.');
  const last = tokens(segments[segments.length - 1] ?? '');
  const owner = tokens(segments[segments.length - 2] ?? '');
  if (!ID_WORDS.has(last[last.length - 1] ?? '')) return false;
  const words = last.length > 1 ? last.slice(0, -1) : owner;
  return words.some((w) => GROUP_WORDS.has(w)) && !words.includes('user');
}
