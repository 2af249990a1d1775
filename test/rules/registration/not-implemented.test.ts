import rule from '../../../rules/registration/not-implemented.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

const plan = planOf({ report_exported: {}, report_viewed: {} });

ruleTester(rule, {
  valid: [
    { name: 'every event tracked', plan, files: { 'src/a.ts': "window.analytics.track('report_exported');\nwindow.analytics.track('report_viewed');\n" } },
    { name: 'a plan without any instrumentation in this repository', plan, files: { 'src/a.ts': 'export const x = 1;\n' } },
    {
      name: 'deprecated events need no call',
      plan: plan.replace('  report_viewed:\n', '  report_viewed:\n    status: deprecated\n'),
      files: { 'src/a.ts': "window.analytics.track('report_exported');\n" },
    },
  ],
  invalid: [
    { name: 'an event tracked nowhere (audit)', plan, files: { 'src/a.ts': "window.analytics.track('report_exported');\n" }, findings: [{ messageId: 'missing', line: 8, event: 'report_viewed', severity: 'P3' }] },
    {
      name: 'a new plan event with no call yet (diff)',
      basePlan: planOf({ report_exported: {} }),
      plan,
      baseFiles: { 'src/a.ts': "window.analytics.track('report_exported');\n" },
      files: { 'src/a.ts': "window.analytics.track('report_exported');\n" },
      findings: [{ messageId: 'missing', line: 8 }],
    },
  ],
});
