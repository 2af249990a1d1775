import rule from '../../../rules/schema/unit-suffix.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'units in the name, non-numeric values, points in time',
      plan: planWith({
        duration_ms: '{ type: integer, description: d }',
        file_size_bytes: '{ type: integer, description: d }',
        duration: '{ type: string, format: duration, description: ISO 8601 duration }',
        time_zone: '{ type: string, description: d }',
        login_timestamp: '{ type: integer, description: d }',
        row_count: '{ type: integer, description: d }',
      }),
    },
  ],
  invalid: [
    {
      name: 'durations and sizes without units',
      plan: planWith({ duration: '{ type: integer, description: d }', fileSize: '{ type: number, description: d }', load_time: '{ type: integer, description: d }' }),
      findings: [
        { messageId: 'missing', line: 8, message: '`duration`' },
        { messageId: 'missing', line: 9 },
        { messageId: 'missing', line: 10 },
      ],
    },
  ],
});
