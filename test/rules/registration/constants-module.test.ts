import rule from '../../../rules/registration/constants-module.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

const plan = planOf({ report_exported: {}, report_viewed: {} });
const use = "import { Events } from './events';\nwindow.analytics.track(Events.A);\nwindow.analytics.track(Events.B);\n";

ruleTester(rule, {
  valid: [
    { name: 'constants that match the plan', plan, files: { 'src/events.ts': "export const Events = { A: 'report_exported', B: 'report_viewed' } as const;\n", 'src/a.ts': use } },
    { name: 'an object never used as event names is not a constants module', plan, files: { 'src/colors.ts': "export const Colors = { A: 'red', B: 'red' };\n" } },
    {
      name: 'a member sent through code the analysis does not follow is mentioned, so not called unsent',
      files: {
        'src/analytics/events.ts': "export const AnalyticsEvents = {\n  Exported: 'report_exported',\n  Viewed: 'report_viewed',\n} as const;\n",
        'src/a.ts': "import { AnalyticsEvents } from './analytics/events';\nwindow.analytics.track(AnalyticsEvents.Exported);\nqueueLater(AnalyticsEvents.Viewed);\n",
      },
    },
    {
      name: 'unsent members are not reported when only a change was reviewed',
      baseFiles: { 'src/analytics/events.ts': "export const AnalyticsEvents = {\n  Exported: 'report_exported',\n  Viewed: 'report_viewed',\n} as const;\n" },
      files: {
        'src/analytics/events.ts': "export const AnalyticsEvents = {\n  Exported: 'report_exported',\n  Viewed: 'report_viewed',\n} as const;\n",
        'src/a.ts': "import { AnalyticsEvents } from './analytics/events';\nwindow.analytics.track(AnalyticsEvents.Exported);\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a value missing from the plan, and a collision',
      plan,
      files: { 'src/events.ts': "export const Events = {\n  A: 'report_exported',\n  B: 'report_printed',\n  C: 'report_exported',\n} as const;\n", 'src/a.ts': use },
      findings: [
        { messageId: 'notInPlan', line: 3, file: 'src/events.ts', message: '`Events.B`' },
        { messageId: 'collision', line: 4, message: '`Events.C` and `Events.A`' },
      ],
    },
    {
      name: 'a configured registry is checked even where it is not used',
      plan,
      config: 'registry:\n  module: src/analytics/events.ts\n',
      files: { 'src/analytics/events.ts': "export enum AnalyticsEvent {\n  Exported = 'report_exported',\n  Deleted = 'report_deleted',\n}\n", 'src/analytics/track.ts': 'export const x = 1; // analytics' },
      findings: [{ messageId: 'notInPlan', line: 3 }],
    },
    {
      name: 'a discovered registry: a value outside the plan, and (in audit mode) a member nothing sends',
      plan,
      files: {
        'src/telemetry/events.ts': "export enum TelemetryEvent {\n  Exported = 'report_exported',\n  Viewed = 'report_viewed',\n  Printed = 'report_printed',\n}\n",
        'src/a.ts': "import { TelemetryEvent } from './telemetry/events';\nimport posthog from 'posthog-js';\nposthog.capture(TelemetryEvent.Exported);\nposthog.capture('report_viewed');\n",
      },
      findings: [
        { messageId: 'notInPlan', line: 4, message: '`TelemetryEvent.Printed`' },
        { messageId: 'unsent', line: 4, severity: 'P3', message: '`TelemetryEvent.Printed` (`report_printed`) is never sent' },
      ],
    },
  ],
});
