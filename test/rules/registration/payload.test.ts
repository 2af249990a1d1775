import rule from '../../../rules/registration/payload.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const plan = `version: 1
common_properties:
  app_version: { type: string }
events:
  report_exported:
    properties:
      report_id: { type: string, required: true }
      export_format: { type: string, enum: [pdf, csv], required: true }
      row_count: { type: integer, minimum: 0 }
  digest_sent:
    properties:
      is_cron_job: { type: boolean }
      cron_execution_timestamp_ms: { type: integer }
    if: { properties: { is_cron_job: { const: true } }, required: [is_cron_job] }
    then: { required: [cron_execution_timestamp_ms] }
`;
const file = (...lines: string[]) => ({ 'src/a.ts': lines.join('\n') });

ruleTester(rule, {
  valid: [
    { name: 'a payload that matches', plan, files: file("window.analytics.track('report_exported', { report_id: id, export_format: 'pdf', row_count: 3, app_version: v });") },
    { name: 'a spread may carry the required keys', plan, files: file("window.analytics.track('report_exported', { ...base, export_format: 'csv' });") },
    { name: 'a whole object passed through is not checked', plan, files: file("window.analytics.track('report_exported', props);") },
    { name: 'an unplanned event is another rule', plan, files: file("window.analytics.track('other_happened', { x: 1 });") },
    { name: 'a cron flag with its timestamp', plan, files: file("window.analytics.track('digest_sent', { is_cron_job: true, cron_execution_timestamp_ms: Date.now() });") },
    { name: 'a non-literal cron flag is not guessed', plan, files: file("window.analytics.track('digest_sent', { is_cron_job: fromCron });") },
  ],
  invalid: [
    {
      name: 'an undefined property, a missing required one, a value outside the enum and of the wrong type',
      plan,
      files: file("window.analytics.track('report_exported', {", '  report_id: id,', "  export_format: 'xlsx',", "  row_count: 'many',", '  colour: 1,', '});'),
      findings: [
        { messageId: 'invalidValue', line: 3, column: 18, message: 'must be equal to one of the allowed values' },
        { messageId: 'invalidValue', line: 4, message: 'must be integer' },
        { messageId: 'unknownProperty', line: 5, column: 3, property: 'colour' },
      ],
    },
    {
      name: 'required properties missing',
      plan,
      files: file("window.analytics.track('report_exported', { report_id: id });", "window.analytics.track('report_exported');"),
      findings: [
        { messageId: 'missingRequired', line: 1, message: '`export_format`' },
        { messageId: 'missingRequired', line: 2, message: '`report_id`' },
        { messageId: 'missingRequired', line: 2, message: '`export_format`' },
      ],
    },
    {
      name: 'a conditional requirement (if/then) from the plan',
      plan,
      files: file("window.analytics.track('digest_sent', { is_cron_job: true });"),
      findings: [{ messageId: 'missingRequired', line: 1, message: '`cron_execution_timestamp_ms`' }],
    },
  ],
});
