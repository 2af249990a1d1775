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
    {
      name: "a package with no registry of its own is not checked against another package's",
      files: {
        'package.json': '{"private": true}',
        'packages/web/package.json': '{"name": "web"}',
        'packages/web/src/analytics/events.ts': "export enum TelemetryEvent {\n  SignUp = 'user_signed_up',\n}\n",
        'packages/web/src/a.ts': "window.analytics.track('user_signed_up');\n",
        'packages/cli/package.json': '{"name": "cli"}',
        'packages/cli/src/run.ts': "window.analytics.track('command_ran');\n",
      },
    },
    {
      name: 'a few constants beside many string names are no registry of the package',
      files: {
        'src/analytics/product.ts': "export const PRODUCT_ANALYTICS_EVENTS = {\n  pageViewed: 'app_page_viewed',\n} as const;\n",
        'src/a.ts': "import { PRODUCT_ANALYTICS_EVENTS } from './analytics/product';\nwindow.analytics.track(PRODUCT_ANALYTICS_EVENTS.pageViewed);\nwindow.analytics.track('pricing_viewed');\nwindow.analytics.track('survey_sent');\n",
      },
    },
    {
      name: 'an event-bus enum outside analytics modules is no registry',
      files: {
        'src/user/events.ts': "export const UserEvents = {\n  CREATED: 'user.created',\n} as const;\n",
        'generated/graphql.ts': "export enum OrderEventsEnum {\n  Placed = 'PLACED',\n}\n",
        'src/a.ts': "window.analytics.track('report_printed');\n",
      },
    },
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
    {
      name: 'a registry is discovered in an analytics module though no call uses it, and each package keeps its own',
      files: {
        'package.json': '{"private": true}',
        'packages/web/package.json': '{"name": "web"}',
        'packages/web/src/lib/analytics.ts': "export const PRODUCT_ANALYTICS_EVENTS = {\n  pageViewed: 'app_page_viewed',\n} as const;\n",
        'packages/web/src/a.ts': "window.analytics.track('app_page_viewed');\nwindow.analytics.track('app_page_left');\n",
        'packages/cli/package.json': '{"name": "cli"}',
        'packages/cli/src/telemetry/events.ts': "export enum TelemetryEvent {\n  CommandRan = 'command_ran',\n}\n",
        'packages/cli/src/run.ts': "window.analytics.track('command_ran');\nwindow.analytics.track('app_page_viewed');\n",
      },
      findings: [
        { messageId: 'notInConstants', line: 2, file: 'packages/cli/src/run.ts', message: '`TelemetryEvent`' },
        { messageId: 'notInConstants', line: 2, file: 'packages/web/src/a.ts', message: '`PRODUCT_ANALYTICS_EVENTS`' },
      ],
    },
  ],
});
