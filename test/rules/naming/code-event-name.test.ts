import rule from '../../../rules/naming/code-event-name.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'conforming names', files: { 'src/a.ts': "window.analytics.track('report_exported');\n" } },
    { name: 'planned names are checked in the plan, not here', plan: planOf({ ExportClicked: {} }), files: { 'src/a.ts': "window.analytics.track('ExportClicked');\n" } },
    { name: 'names the SDK reserves', files: { 'src/a.ts': "import posthog from 'posthog-js';\nposthog.capture('$pageview');\nposthog.capture('$set', { plan: 'pro' });\n" } },
    { name: "names the SDK defines (PostHog's survey events)", files: { 'src/a.ts': "import posthog from 'posthog-js';\nposthog.capture('survey sent', { $survey_id: 'x' });\n" } },
  ],
  invalid: [
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
        { messageId: 'convention', line: 1, column: 24, message: 'shape' },
        { messageId: 'convention', line: 2, message: 'past tense' },
      ],
    },
  ],
});
