import rule from '../../../rules/schema/high-cardinality.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

const s = '{ type: string, description: d }';

ruleTester(rule, {
  valid: [
    {
      name: 'bounded values: route patterns, enums, lengths, codes',
      plan: planWith({
        page_route: s,
        page_url: '{ type: string, pattern: "^/[a-z/{}]*$", description: route pattern }',
        error_code: s,
        query_length: '{ type: integer, description: d }',
        message_type: s,
        feedback: '{ type: string, enum: [positive, negative], description: d }',
      }),
    },
  ],
  invalid: [
    {
      name: 'urls, search queries, messages, stack traces',
      plan: planWith({ page_url: s, search_query: s, error_message: s, stack_trace: s, referrer: s }),
      findings: [
        { messageId: 'url', line: 8 },
        { messageId: 'search', line: 9 },
        { messageId: 'message', line: 10 },
        { messageId: 'stack', line: 11 },
        { messageId: 'url', line: 12 },
      ],
    },
  ],
});
