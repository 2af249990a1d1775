import rule from '../../../rules/naming/event-name.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

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
    { name: 'a custom pattern that does not match', plan: planOf({ report_exported: {} }), config: 'naming:\n  events:\n    pattern: "^web:.*$"\n', findings: [{ messageId: 'pattern', line: 3 }] },
  ],
});
