import rule from '../../../rules/schema/time-representation.js';
import { planOf, planWith, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'ISO strings with a format, integers with a unit, non-time names',
      plan: planWith({
        created_at: '{ type: string, format: date-time, description: d }',
        started_at_ms: '{ type: integer, description: d }',
        birth_date: '{ type: string, format: date, description: d }',
        time_zone: '{ type: string, description: d }',
        duration_seconds: '{ type: integer, description: d }',
      }),
    },
    {
      name: 'the same concept in the same representation across events',
      plan: planOf({ a_created: { created_at: '{ type: string, format: date-time }' }, b_created: { created_at: '{ type: string, format: date-time }' } }),
    },
  ],
  invalid: [
    {
      name: 'undeclared strings and unitless integers',
      plan: planWith({ created_at: '{ type: string, description: d }', cron_execution_timestamp: '{ type: integer, description: d }', sent_at: '{ description: d }' }),
      findings: [
        { messageId: 'undeclared', line: 8 },
        { messageId: 'noUnit', line: 9, message: 'no unit' },
        { messageId: 'undeclared', line: 10 },
      ],
    },
    {
      name: 'one concept in two representations',
      plan: planOf({ a_created: { created_at: '{ type: string, format: date-time }' }, b_created: { created_at_ms: '{ type: integer }' } }),
      findings: [{ messageId: 'mixed', line: 14, message: 'epoch milliseconds' }],
    },
  ],
});
