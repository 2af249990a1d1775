import rule from '../../../rules/identity/wrapper-identity.js';
import anonymousId from '../../../rules/identity/anonymous-id.js';
import { runCase, ruleTester } from '../../helpers/rule-tester.js';
import { describe, expect, it } from 'vitest';

const segment = "import { Analytics } from '@segment/analytics-node';\nconst analytics = new Analytics({ writeKey: 'k' });\n";
const posthog = "import { PostHog } from 'posthog-node';\nconst posthog = new PostHog('k');\n";
const amplitude = "import * as amplitude from '@amplitude/analytics-node';\n";

const oneParamWrapper = `${segment}export function trackFor(id: string, event: string, properties?: Record<string, unknown>) {
  analytics.track({ userId: id, anonymousId: id, event, properties });
}
trackFor(user.id, 'Report Exported');
trackFor(account.id, 'Plan Upgraded', { plan: 'pro' });
`;

ruleTester(rule, {
  valid: [
    {
      name: 'userId from the user and anonymousId from the session',
      files: {
        'src/a.ts': `${segment}export function trackFor(userId: string | undefined, sessionId: string, event: string) {
  analytics.track({ userId, anonymousId: sessionId, event });
}
trackFor(user.id, session.id, 'Report Exported');
`,
      },
    },
    {
      name: 'one id under one key, with a fallback',
      files: {
        'src/a.ts': `${segment}export function trackFor(event: string, userId?: string, anonymousId?: string) {
  analytics.track({ userId: userId ?? anonymousId, event });
}
export function trackOther(user: { id: string; type: 'logged' | 'anonymous' }, event: string) {
  const ids = user.type === 'logged' ? { userId: user.id } : { anonymousId: user.id };
  analytics.track({ ...ids, event });
}
`,
      },
    },
    {
      name: 'an $identify naming the previous anonymous id',
      files: {
        'src/a.ts': `${posthog}export function identifyUser(userId: string, anonymousId: string) {
  posthog.capture({ distinctId: userId, event: '$identify', properties: { $anon_distinct_id: anonymousId } });
}
`,
      },
    },
    {
      name: 'a site that sets both itself is identity/anonymous-id\'s to report',
      files: { 'src/a.ts': `${segment}analytics.track({ userId: uid, anonymousId: uid, event: 'x_done' });\n` },
    },
  ],
  invalid: [
    {
      name: 'a wrapper putting one parameter under userId and anonymousId: once, in the wrapper',
      files: { 'src/a.ts': oneParamWrapper },
      findings: [{ messageId: 'same', line: 4, message: '`userId` and `anonymousId` are both `id`' }],
    },
    {
      name: 'distinct_id and $anon_distinct_id, user_id and device_id',
      files: {
        'src/a.ts': `${posthog}export function track(distinctId: string, event: string) {
  posthog.capture({ distinctId, event, properties: { $anon_distinct_id: distinctId } });
}
`,
        'src/b.ts': `${amplitude}export function log(event: string, id: string) {
  amplitude.track(event, {}, { user_id: id, device_id: id });
}
`,
      },
      findings: [
        { messageId: 'same', line: 4, file: 'src/a.ts', message: '`distinctId` and `$anon_distinct_id`' },
        { messageId: 'same', line: 3, file: 'src/b.ts', message: '`user_id` and `device_id`' },
      ],
    },
  ],
});

describe('identity/anonymous-id and identity/wrapper-identity', () => {
  it('leave a one-parameter wrapper to identity/wrapper-identity, not each caller', async () => {
    expect(await runCase(anonymousId, { name: 'callers', files: { 'src/a.ts': oneParamWrapper } })).toEqual([]);
  });
});
