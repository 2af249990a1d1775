import rule from '../../../rules/plan/invalid-plan.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'a well-formed plan', plan: planWith({ report_id: '{ type: string, format: uuid, required: true, description: d }' }) },
    { name: 'an event declared by name only', plan: 'version: 1\nevents:\n  app_opened:\n' },
    { name: 'extension keys are allowed', plan: 'version: 1\nx-source: segment\nevents:\n  app_opened:\n    x-jira: ANA-12\n' },
    {
      name: 'conditional requirements',
      plan: [
        'version: 1',
        'events:',
        '  digest_sent:',
        '    properties:',
        '      is_cron_job: { type: boolean }',
        '      cron_execution_timestamp_ms: { type: integer }',
        '    if: { properties: { is_cron_job: { const: true } }, required: [is_cron_job] }',
        '    then: { required: [cron_execution_timestamp_ms] }',
      ].join('\n'),
    },
    { name: 'no plan at all is not an invalid plan', files: { 'README.md': '# hi' } },
  ],
  invalid: [
    { name: 'YAML that does not parse', plan: 'version: 1\nevents:\n  a_b: {\n', findings: [{ messageId: 'invalid', line: 4, message: 'does not parse' }] },
    { name: 'a missing version', plan: 'events:\n  app_opened: {}\n', findings: [{ messageId: 'invalid', line: 1, message: 'missing `version`' }] },
    {
      name: 'a misspelt key gets a suggestion',
      plan: 'version: 1\nevents:\n  app_opened:\n    propertise:\n      a: { type: string }\n',
      findings: [{ messageId: 'invalid', line: 4, column: 5, message: 'Unknown key `propertise`' }],
    },
    {
      name: 'an unknown type',
      plan: 'version: 1\nevents:\n  app_opened:\n    properties:\n      count: { type: int }\n',
      findings: [{ messageId: 'invalid', line: 5, message: 'not a known type' }],
    },
    {
      name: 'a bad status value',
      plan: 'version: 1\nevents:\n  app_opened:\n    status: retired\n',
      findings: [{ messageId: 'invalid', line: 4, message: 'must be one of active, deprecated' }],
    },
    {
      name: 'a duplicate key',
      plan: 'version: 1\nevents:\n  app_opened: {}\n  app_opened: {}\n',
      findings: [{ messageId: 'invalid', line: 4, message: 'defined twice' }],
    },
    {
      name: 'an event defined in two files of a plan directory',
      config: 'plan: plan/\n',
      files: {
        'plan/a.yaml': 'version: 1\nevents:\n  app_opened: {}\n',
        'plan/b.yaml': 'version: 1\nevents:\n  app_opened: {}\n',
      },
      findings: [{ messageId: 'invalid', line: 3, file: 'plan/b.yaml', message: 'already defined at plan/a.yaml:3' }],
    },
    {
      name: 'a YAML alias bomb is refused, not expanded',
      plan: [
        'version: 1',
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      ].join('\n'),
      findings: [{ messageId: 'invalid', line: 1, message: 'cannot be read' }],
    },
  ],
});
