import rule from '../../../rules/schema/missing-description.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'everything described', plan: planWith({ report_id: '{ type: string, description: Exported report. }' }) }],
  invalid: [
    {
      name: 'an event and a property without descriptions',
      plan: 'version: 1\nevents:\n  report_exported:\n    properties:\n      report_id: { type: string }\n',
      findings: [
        { messageId: 'event', line: 3, event: 'report_exported' },
        { messageId: 'property', line: 5, property: 'report_id' },
      ],
    },
    {
      name: 'a blank description counts as missing',
      plan: planWith({ report_id: '{ type: string, description: "  " }' }),
      findings: [{ messageId: 'property', line: 8 }],
    },
  ],
});
