import rule from '../../../rules/identity/missing.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const segment = "import { Analytics } from '@segment/analytics-node';\nconst analytics = new Analytics({ writeKey: 'k' });\n";

ruleTester(rule, {
  valid: [
    { name: 'userId given', files: { 'src/a.ts': `${segment}analytics.track({ userId: user.id, event: 'report_exported' });\n` } },
    { name: 'anonymousId given', files: { 'src/a.ts': `${segment}analytics.track({ anonymousId: deviceId, event: 'report_exported' });\n` } },
    { name: 'browser SDKs keep identity themselves', files: { 'src/a.ts': "import posthog from 'posthog-js';\nposthog.capture('report_exported');\n" } },
    { name: 'an opaque message object may carry it', files: { 'src/a.ts': `${segment}analytics.track(message);\nanalytics.track({ ...base, event: 'x_done' });\n` } },
    {
      name: "a wrapper's own fallback when the caller passes no identity",
      files: {
        'src/segment.ts': `${segment}const machine = machineId();\nexport const trackEvent = (event: string, userId?: string) => analytics.track({ event, userId: userId ?? machine });\n`,
        'src/a.ts': "import { trackEvent } from './segment';\ntrackEvent('report_exported');\n",
      },
    },
    { name: 'mixpanel node with distinct_id', files: { 'src/a.ts': "import Mixpanel from 'mixpanel';\nconst mp = Mixpanel.init('t');\nmp.track('report_exported', { distinct_id: user.id });\n" } },
  ],
  invalid: [
    {
      name: 'a wrapper whose identity is only what the caller passes',
      files: {
        'src/segment.ts': `${segment}export const trackEvent = (event: string, userId?: string) => analytics.track({ event, userId: userId ?? undefined });\n`,
        'src/a.ts': "import { trackEvent } from './segment';\ntrackEvent('report_exported');\n",
      },
      findings: [{ messageId: 'missing', file: 'src/a.ts', line: 2 }],
    },
    { name: 'segment node without identity', files: { 'src/a.ts': `${segment}analytics.track({ event: 'report_exported', properties: {} });\n` }, findings: [{ messageId: 'missing', line: 3, column: 1 }] },
    {
      name: 'posthog-node and mixpanel node without identity',
      files: {
        'src/a.ts': "import { PostHog } from 'posthog-node';\nimport Mixpanel from 'mixpanel';\nconst ph = new PostHog('k');\nconst mp = Mixpanel.init('t');\nph.capture({ event: 'report_exported' });\nmp.track('report_exported', { report_id: id });\n",
      },
      findings: [
        { messageId: 'missing', line: 5 },
        { messageId: 'missing', line: 6 },
      ],
    },
  ],
});
