import rule from '../../../rules/schema/id-format.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'ids with a format, a pattern or an enum; numeric ids; words ending in id-like letters',
      plan: planWith({
        report_id: '{ type: string, format: uuid, description: d }',
        org_id: '{ type: string, pattern: "^org_[0-9a-f-]{36}$", description: d }',
        source_id: '{ type: string, enum: [web, ios], description: d }',
        row_id: '{ type: integer, description: d }',
        is_valid: '{ type: boolean, description: d }',
        paid: '{ type: boolean, description: d }',
      }),
    },
  ],
  invalid: [
    {
      name: 'string ids without a format, in snake_case and camelCase, and untyped',
      plan: planWith({ report_id: '{ type: string, description: d }', teamId: '{ type: string, description: d }', session_uuid: '{ description: d }' }),
      findings: [
        { messageId: 'undeclared', line: 8, property: 'report_id' },
        { messageId: 'undeclared', line: 9, property: 'teamId' },
        { messageId: 'undeclared', line: 10, property: 'session_uuid' },
      ],
    },
  ],
});
