import rule from '../../../rules/naming/event-name.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

const plan = (names: readonly string[]) => planOf(Object.fromEntries(names.map((n) => [n, {}])));
/** Event `i` of a plan made by `plan` is on line 3 + 5i. */
const lineOf = (i: number) => 3 + 5 * i;
const sends = (names: readonly string[]) => ({ 'src/a.ts': names.map((n) => `window.analytics.track('${n}');\n`).join('') });

ruleTester(rule, {
  valid: [
    { name: 'snake_case object_action in the past tense', plan: planOf({ report_exported: {}, user_signed_up: {}, payment_failed: {}, email_sent: {} }) },
    { name: 'object.action preset', plan: planOf({ 'project.created': {}, 'timer.idle_detected': {} }), config: 'naming:\n  events: object.action\n' },
    {
      name: 'prefix.object.action with an .error suffix',
      plan: planOf({ 'svc.surveys.survey_delivered': {}, 'svc.surveys.survey_delivered.error': {}, 'svc.hris_csv.upload.analysis_completed': {} }),
      config: 'naming:\n  events: prefix.object.action\n  prefixes: [svc]\n',
    },
    { name: 'Title Case preset', plan: planOf({ 'Report Exported': {}, 'Order Completed': {} }), config: 'naming:\n  events: title_case\n' },
    { name: 'simple-past forms are past already', plan: planOf({ cleanup_ran: {}, onboarding_began: {}, invite_came: {} }) },
    { name: "names the SDK reserves ($pageview, Segment's Loaded a Page)", plan: planOf({ $pageview: {}, $identify: {}, 'Loaded a Page': {} }) },
    { name: 'past tense can be switched off', plan: planOf({ 'auth.login': {} }), config: 'naming:\n  events: object.action\n  past_tense: false\n' },
    { name: 'a custom pattern', plan: planOf({ 'web:checkout:done': {} }), config: 'naming:\n  events:\n    pattern: "^web:[a-z]+:[a-z]+$"\n' },
    {
      name: "a Title Case repository's plan (Order Completed), its convention read from the plan and the code together",
      plan: plan(['Order Completed', 'Report Exported', 'Account Registered']),
      files: sends(['Form Submitted', 'Sandbox Created', 'Product Viewed']),
    },
    { name: 'system events in a plan need no action', plan: plan(['app_heartbeat', 'telemetry_heartbeat', 'screen_view', 'session_start', 'app_crash', 'api_exception']) },
    { name: 'configured system events need no action', plan: plan(['cli_health_check', 'worker_keepalive']), config: 'naming:\n  system_events: [cli_health_check, "*_keepalive"]\n' },
  ],
  invalid: [
    {
      name: 'camelCase and Title Case under snake_case',
      plan: planOf({ exportClicked: {}, 'Report Exported': {} }),
      findings: [
        { messageId: 'shape', line: 3, event: 'exportClicked', message: 'snake_case object_action' },
        { messageId: 'shape', line: 8 },
      ],
    },
    { name: 'an event_ prefix', plan: planOf({ event_report_viewed: {} }), findings: [{ messageId: 'prefix', line: 3 }] },
    { name: 'a single word', plan: planOf({ signup: {} }), findings: [{ messageId: 'single-word', line: 3 }] },
    {
      name: 'present tense, with a suggestion',
      plan: planOf({ report_export: {}, button_click: {} }),
      findings: [
        { messageId: 'tense', line: 3, message: 'past-tense verb' },
        { messageId: 'tense', line: 8 },
      ],
    },
    {
      name: 'a name ending in a noun gets no invented past tense',
      plan: planOf({ kitchen_sink: {}, logout_event: {} }),
      findings: [
        { messageId: 'tense-noun', line: 3, message: 'ends in a noun' },
        { messageId: 'tense-noun', line: 8 },
      ],
    },
    { name: 'object.action in present tense', plan: planOf({ 'auth.login': {} }), config: 'naming:\n  events: object.action\n', findings: [{ messageId: 'tense', line: 3 }] },
    {
      name: 'a prefix outside the configured ones',
      plan: planOf({ 'web.surveys.survey_delivered': {} }),
      config: 'naming:\n  events: prefix.object.action\n  prefixes: [svc]\n',
      findings: [{ messageId: 'unknown-prefix', line: 3 }],
    },
    {
      name: "an outlier of the repository's convention, which the plan and the code show together",
      plan: plan(['Order Completed', 'Report Exported', 'signup_clicked']),
      files: sends(['Form Submitted', 'Sandbox Created', 'Product Viewed']),
      findings: [{ messageId: 'outlier', line: lineOf(2), message: "`signup_clicked` is snake_case; this repository's events are Title Case Object Action (5 of 6)" }],
    },
    {
      name: 'no clear majority: the default convention',
      plan: plan(['report_exported', 'email_sent', 'signupClicked', 'Order Completed', 'Form Submitted']),
      findings: [
        { messageId: 'shape', line: lineOf(2), message: 'snake_case object_action' },
        { messageId: 'shape', line: lineOf(3) },
        { messageId: 'shape', line: lineOf(4) },
      ],
    },
    {
      name: 'a configured convention wins over the inferred one',
      plan: plan(['Order Completed', 'Report Exported', 'Account Registered', 'Form Submitted', 'Sandbox Created']),
      config: 'naming:\n  events: snake_case\n',
      findings: [0, 1, 2, 3, 4].map((i) => ({ messageId: 'shape', line: lineOf(i) })),
    },
    {
      name: 'where the repository puts the action first, the first word must be past',
      plan: plan(['clicked_signup', 'viewed_pricing_page', 'opened_settings', 'exported_report', 'deleted_project', 'click_promo']),
      findings: [{ messageId: 'tense', line: lineOf(5), message: 'should start with a past-tense verb' }],
    },
    {
      name: 'an ordinary noun-only name still fires next to system events',
      plan: plan(['app_heartbeat', 'kitchen_sink']),
      config: 'naming:\n  system_events: [cli_ping]\n',
      findings: [{ messageId: 'tense-noun', line: lineOf(1), event: 'kitchen_sink' }],
    },
    { name: 'a custom pattern that does not match', plan: planOf({ report_exported: {} }), config: 'naming:\n  events:\n    pattern: "^web:.*$"\n', findings: [{ messageId: 'pattern', line: 3 }] },
  ],
});
