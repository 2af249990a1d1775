import rule from '../../../rules/schema/untyped-required.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'typed, enum-only, or optional',
      plan: planWith({ a_id: '{ type: string, required: true }', b: '{ enum: [x, y], required: true }', c: '{ description: d }' }),
    },
  ],
  invalid: [{ name: 'required with no type', plan: planWith({ report_id: '{ required: true, description: d }' }), findings: [{ messageId: 'untyped', line: 8 }] }],
});
