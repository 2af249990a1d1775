import rule from '../../../rules/registration/unplanned-event.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

const plan = planOf({ report_exported: {}, report_viewed: {} });
const events = "export const Events = {\n  ReportExported: 'report_exported',\n  ReportViewed: 'report_viewed',\n} as const;\n";

ruleTester(rule, {
  valid: [
    { name: 'planned literals and constants', plan, files: { 'src/e.ts': events, 'src/a.ts': "import posthog from 'posthog-js';\nimport { Events } from './e';\nposthog.capture('report_viewed');\nposthog.capture(Events.ReportExported);\n" } },
    { name: 'no plan and no constants: nothing to check against', files: { 'src/a.ts': "window.analytics.track('anything_happened');\n" } },
    { name: 'calls in tests are not instrumentation', plan, files: { 'src/a.test.ts': "window.analytics.track('fake_event_sent');\n" } },
    { name: 'a choice of planned names', plan, files: { 'src/a.ts': "window.analytics.track(ok ? 'report_exported' : 'report_viewed');\n" } },
  ],
  invalid: [
    { name: 'a literal the plan lacks', plan, files: { 'src/a.ts': "import posthog from 'posthog-js';\nposthog.capture('report_downloaded', { id: 1 });\n" }, findings: [{ messageId: 'unplanned', line: 2, column: 17, event: 'report_downloaded' }] },
    {
      name: 'an enum member through a wrapper in another file',
      plan,
      files: {
        'src/events.ts': "export enum Ev {\n  Shared = 'report_shared',\n}\n",
        'src/track.ts': "import mixpanel from 'mixpanel-browser';\nexport const trackEvent = (name: string, props?: object) => mixpanel.track(name, props);\n",
        'src/page.ts': "import { trackEvent } from './track';\nimport { Ev } from './events';\ntrackEvent(Ev.Shared, {});\n",
      },
      findings: [{ messageId: 'unplanned', line: 3, file: 'src/page.ts' }],
    },
    {
      name: 'an event removed from the plan but still sent somewhere else',
      basePlan: plan,
      plan: planOf({ report_exported: {} }),
      baseFiles: { 'src/old.ts': "window.analytics.track('report_viewed');\n" },
      files: { 'src/old.ts': "window.analytics.track('report_viewed');\n" },
      findings: [{ messageId: 'removed', line: 1, file: 'src/old.ts' }],
    },
    {
      name: 'without a plan, the constants module is the registry',
      files: { 'src/e.ts': events, 'src/a.ts': "import { Events } from './e';\nwindow.analytics.track(Events.ReportViewed);\nwindow.analytics.track('report_printed');\n" },
      findings: [{ messageId: 'notInConstants', line: 3 }],
    },
  ],
});
