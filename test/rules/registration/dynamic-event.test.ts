import rule from '../../../rules/registration/dynamic-event.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'literal, const, template without substitutions, concatenated constants', files: { 'src/a.ts': "const NAME = 'report_exported';\nconst P = 'report_';\nwindow.analytics.track(NAME);\nwindow.analytics.track(`report_viewed`);\nwindow.analytics.track(P + 'shared');\n" } },
    { name: 'the parameter of a wrapper is not dynamic at the wrapper', files: { 'src/a.ts': "export function t(e: string) { window.analytics.track(e); }\nt('report_exported');\n" } },
  ],
  invalid: [
    {
      name: 'a template with run-time values, and a value returned by a call',
      files: { 'src/a.ts': 'window.analytics.track(`report_${kind}`);\nwindow.analytics.track(eventFor(action));\n' },
      findings: [
        { messageId: 'dynamic', line: 1, column: 24, message: 'template with run-time values' },
        { messageId: 'dynamic', line: 2, message: 'returned by `eventFor()`' },
      ],
    },
    {
      name: 'a dynamic name passed through a wrapper is reported at the call site',
      files: { 'src/w.ts': "export function t(e: string) { window.analytics.track(e); }\n", 'src/a.ts': "import { t } from './w';\nt(name.toLowerCase());\n" },
      findings: [{ messageId: 'dynamic', line: 2, file: 'src/a.ts' }],
    },
  ],
});
