import rule from '../../../rules/schema/negative-boolean.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

const b = '{ type: boolean, description: d }';

ruleTester(rule, {
  valid: [
    { name: 'positive booleans, and words that start with un', plan: planWith({ is_filtered: b, is_unique: b, has_notes: b, is_unlocked: b }) },
    { name: 'a negative-looking string is not a boolean', plan: planWith({ not_found_reason: '{ type: string, description: d }' }) },
  ],
  invalid: [
    {
      name: 'is_not_, has_no_, is_un…ed',
      plan: planWith({ is_not_filtered: b, has_no_filters: b, is_unfiltered: b, isNotVerified: b }),
      findings: [
        { messageId: 'negative', line: 8, message: '`is_not_filtered`' },
        { messageId: 'negative', line: 9 },
        { messageId: 'negative', line: 10 },
        { messageId: 'negative', line: 11 },
      ],
    },
  ],
});
