import rule from '../../../rules/naming/similar-events.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'distinct events', plan: planOf({ report_exported: {}, report_viewed: {} }) }],
  invalid: [
    {
      name: 'equal up to case or separators',
      plan: planOf({ report_exported: {}, reportExported: {}, 'Report Exported': {} }),
      findings: [
        { messageId: 'duplicate', line: 8, event: 'reportExported', message: '`report_exported`' },
        { messageId: 'duplicate', line: 13 },
      ],
    },
  ],
});
