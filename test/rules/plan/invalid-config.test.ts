import rule from '../../../rules/plan/invalid-config.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

const plan = planWith({ report_id: '{ type: string, format: uuid, description: d }' });

ruleTester(rule, {
  valid: [
    { name: 'no config', plan },
    { name: 'an empty config file', plan, config: '' },
    {
      name: 'a full config',
      plan,
      config: [
        'plan: tracking-plan.yaml',
        'fail_on: P0',
        'naming:',
        '  events: object.action',
        '  past_tense: false',
        'rules:',
        '  schema/missing-description: off',
        '  pii/plan-property-name: P1',
        'pii:',
        '  allow: [organization_name]',
      ].join('\n'),
    },
  ],
  invalid: [
    { name: 'a config that does not parse', plan, config: 'fail_on: [P1\n', findings: [{ messageId: 'invalid', line: 2 }] },
    { name: 'an unknown top-level key', plan, config: 'fail-on: P1\n', findings: [{ messageId: 'invalid', line: 1, message: 'Unknown key `fail-on`' }] },
    { name: 'a bad threshold', plan, config: 'fail_on: P5\n', findings: [{ messageId: 'invalid', line: 1, message: 'must be one of P0, P1, P2, P3, never' }] },
    {
      name: 'an unknown rule id, with a suggestion',
      plan,
      config: 'rules:\n  pii/plan-property: off\n',
      findings: [{ messageId: 'invalid', line: 2, message: 'Unknown rule `pii/plan-property`' }],
    },
    {
      name: 'a naming pattern that RE2 cannot run',
      plan,
      config: 'naming:\n  events:\n    pattern: "^(a+)\\\\1$"\n',
      findings: [{ messageId: 'invalid', line: 3, message: 'does not compile' }],
    },
  ],
});
