import rule from '../../../rules/naming/code-event-name.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

/** One file that sends each name on its own line (line n sends names[n - 1]). */
const sends = (names: readonly string[]) => ({ 'src/a.ts': names.map((n) => `window.analytics.track('${n}');\n`).join('') });
const SNAKE = ['report_exported', 'user_signed_up', 'payment_failed', 'email_sent', 'invite_accepted', 'project_created'];
const TITLE = ['Order Completed', 'Report Exported', 'Account Registered', 'Form Submitted', 'Sandbox Created', 'Product Viewed'];

ruleTester(rule, {
  valid: [
    { name: 'conforming names', files: { 'src/a.ts': "window.analytics.track('report_exported');\n" } },
    { name: 'planned names are checked in the plan, not here', plan: planOf({ ExportClicked: {} }), files: { 'src/a.ts': "window.analytics.track('ExportClicked');\n" } },
    { name: 'names the SDK reserves', files: { 'src/a.ts': "import posthog from 'posthog-js';\nposthog.capture('$pageview');\nposthog.capture('$set', { plan: 'pro' });\n" } },
    { name: "names the SDK defines (PostHog's survey events)", files: { 'src/a.ts': "import posthog from 'posthog-js';\nposthog.capture('survey sent', { $survey_id: 'x' });\n" } },
    { name: "a Title Case repository's own names (Order Completed)", files: sends(TITLE) },
    { name: 'a SCREAMING_SNAKE repository, past tense included', files: sends(['CLI_START_COMPLETED', 'CLI_USER_COMPLETED', 'CLI_NEW_SUCCEEDED', 'PANIC_ERROR_REACHED', 'DB_SEEDED']) },
    { name: 'an object:action repository', files: sends(['slice:created', 'custom-type:created', 'slice-library:opened', 'field:added', 'changes:pushed']) },
    {
      name: 'a repository that puts the action first (Clicked Sign Up) is judged by its first word',
      files: sends(['Clicked Sign Up', 'Viewed Pricing Page', 'Clicked Get Started', 'Opened Settings', 'Exported Report', 'Deleted Project']),
    },
    { name: 'system events need no action (heartbeat, ping, page view, error)', files: sends(['telemetry_heartbeat', 'app_heartbeat', 'cli_ping', 'page_view', 'pageview', 'client_error', 'app_open', 'session_end', 'install']) },
    {
      name: 'configured system events (a name and a glob) need no action either',
      config: 'naming:\n  system_events: [cli_health_check, "sync_*_probe"]\n',
      files: sends(['cli_health_check', 'sync_queue_probe']),
    },
  ],
  invalid: [
    {
      name: "a registry member nothing sends is checked at the member, once, and a sent one is not reported twice",
      files: {
        ...sends(SNAKE),
        'src/analytics/events.ts': "export enum TelemetryEvent {\n  Exported = 'report_exported',\n  HelpClicked = 'helpMenuClick',\n  Shared = 'Report Shared',\n}\n",
        'src/b.ts': "import { TelemetryEvent } from './analytics/events';\nwindow.analytics.track(TelemetryEvent.Shared);\nwindow.analytics.track(TelemetryEvent.Shared);\n",
      },
      findings: [
        { messageId: 'outlier', line: 3, file: 'src/analytics/events.ts', event: 'helpMenuClick' },
        { messageId: 'outlier', line: 4, file: 'src/analytics/events.ts', event: 'Report Shared' },
      ],
    },
    {
      name: 'a survey-like name sent through another SDK is the team\'s own',
      files: { 'src/a.ts': "window.analytics.track('survey sent');\n" },
      findings: [{ messageId: 'convention', line: 1 }],
    },
    {
      name: 'the same action in several names is judged the same each time (no answer leaks into the next)',
      config: 'naming:\n  events: prefix.object.action\n',
      files: { 'src/a.ts': "window.analytics.track('optic.diff.view_web');\nwindow.analytics.track('optic.lint.view_web');\nwindow.analytics.track('optic.lint.completed');\n" },
      findings: [
        { messageId: 'convention', line: 1, message: 'past tense' },
        { messageId: 'convention', line: 2, message: 'past tense' },
      ],
    },
    {
      name: 'unplanned names off the convention',
      files: { 'src/a.ts': "window.analytics.track('ExportClicked');\nwindow.analytics.track('report_export');\n" },
      findings: [
        { messageId: 'convention', line: 1, column: 24, message: 'snake_case object_action' },
        { messageId: 'convention', line: 2, message: 'past tense' },
      ],
    },
    {
      name: "a snake_case repository's one camelCase name: only the outlier, with the convention and the counts",
      files: sends([...SNAKE, 'signupClicked']),
      findings: [{ messageId: 'outlier', line: 7, event: 'signupClicked', message: "`signupClicked` is camelCase; this repository's events are snake_case object_action (6 of 7)" }],
    },
    {
      name: 'a constant is reported once, at its member, with the inferred convention',
      files: {
        'src/events.ts': "export const Events = {\n  Signup: 'signupClicked',\n} as const;\n",
        'src/a.ts': `import { Events } from './events';\n${SNAKE.map((n) => `window.analytics.track('${n}');\n`).join('')}window.analytics.track(Events.Signup);\nwindow.analytics.track(Events.Signup, { again: true });\n`,
      },
      findings: [{ messageId: 'outlier', line: 2, file: 'src/events.ts', message: 'snake_case object_action (6 of 7)' }],
    },
    {
      name: 'a mixed repository with no clear majority: the default convention (snake_case)',
      files: sends(['report_exported', 'user_signed_up', 'email_sent', 'signupClicked', 'reportExported', 'Order Completed', 'Form Submitted']),
      findings: [
        { messageId: 'convention', line: 4, message: 'snake_case object_action' },
        { messageId: 'convention', line: 5 },
        { messageId: 'convention', line: 6 },
        { messageId: 'convention', line: 7 },
      ],
    },
    {
      name: 'a configured convention wins over the inferred one',
      config: 'naming:\n  events: snake_case\n',
      files: sends(TITLE.slice(0, 5)),
      findings: [1, 2, 3, 4, 5].map((line) => ({ messageId: 'convention', line, message: 'snake_case object_action' })),
    },
    {
      name: "a Title Case repository's snake_case outlier, with a rename in Title Case",
      files: sends([...TITLE, 'signup_clicked']),
      findings: [{ messageId: 'outlier', line: 7, message: "is snake_case; this repository's events are Title Case Object Action (6 of 7)" }],
    },
    {
      name: 'an action put first where the repository puts it last',
      files: sends([...SNAKE, 'send_whatsapp_template']),
      findings: [{ messageId: 'order', line: 7, message: "puts the action first; this repository's events put it last" }],
    },
    {
      name: 'a SCREAMING_SNAKE name without a past tense still fires, as do outliers of another case',
      files: sends(['CLI_START_COMPLETED', 'CLI_USER_COMPLETED', 'CLI_NEW_SUCCEEDED', 'PANIC_ERROR_REACHED', 'DB_SEEDED', 'CLI_START', 'nav_sidebar_open']),
      findings: [
        { messageId: 'convention', line: 6, message: 'past tense' },
        { messageId: 'outlier', line: 7, message: 'SCREAMING_SNAKE OBJECT_ACTION (6 of 7)' },
      ],
    },
    {
      name: 'an ordinary noun-only name still fires next to system events',
      files: sends(['telemetry_heartbeat', 'kitchen_sink']),
      findings: [{ messageId: 'convention', line: 2, event: 'kitchen_sink', message: 'past tense' }],
    },
    {
      name: 'a system event still follows the case of the convention',
      files: sends(['telemetryHeartbeat']),
      findings: [{ messageId: 'convention', line: 1, message: 'snake_case' }],
    },
  ],
});
