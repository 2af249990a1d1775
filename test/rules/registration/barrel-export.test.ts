import rule from '../../../rules/registration/barrel-export.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const helper = "import posthog from 'posthog-js';\nexport function trackExport(props: object) {\n  posthog.capture('report_exported', props);\n}\n";

ruleTester(rule, {
  valid: [
    { name: 'exported through export *', files: { 'src/analytics/reports.ts': helper, 'src/analytics/index.ts': "export * from './reports';\n" } },
    { name: 'exported by name', files: { 'src/analytics/reports.ts': helper, 'src/analytics/index.ts': "export { trackExport } from './reports';\n" } },
    { name: 'no barrel in the folder', files: { 'src/analytics/reports.ts': helper } },
    { name: 'a private helper', files: { 'src/analytics/reports.ts': helper.replace('export function', 'function'), 'src/analytics/index.ts': "export * from './other';\n" } },
  ],
  invalid: [
    {
      name: 'an exported helper the barrel leaves out',
      files: { 'src/analytics/reports.ts': helper, 'src/analytics/index.ts': "export { trackSignup } from './signup';\n" },
      findings: [{ messageId: 'missing', line: 2, file: 'src/analytics/reports.ts', severity: 'P3' }],
    },
  ],
});
