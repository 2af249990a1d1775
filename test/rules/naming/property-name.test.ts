import rule from '../../../rules/naming/property-name.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

const d = '{ type: string, description: d }';

ruleTester(rule, {
  valid: [
    { name: 'snake_case properties, and Mixpanel $ properties', plan: planWith({ report_id: d, export_format: d, $device_id: d }) },
    { name: 'camelCase when configured', plan: planWith({ reportId: d }), config: 'naming:\n  properties: camelCase\n' },
  ],
  invalid: [
    {
      name: 'camelCase and kebab-case under snake_case',
      plan: planWith({ reportId: d, 'export-format': d }),
      findings: [
        { messageId: 'convention', line: 8, message: 'not snake_case', property: 'reportId' },
        { messageId: 'convention', line: 9 },
      ],
    },
    { name: 'snake_case under camelCase', plan: planWith({ report_id: d }), config: 'naming:\n  properties: camelCase\n', findings: [{ messageId: 'convention', line: 8 }] },
  ],
});
