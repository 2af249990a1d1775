import rule from '../../../rules/schema/event-governance.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

const bare = 'version: 1\nevents:\n  app_opened:\n    description: d\n';

ruleTester(rule, {
  valid: [
    { name: 'a new event with owner and trigger', basePlan: 'version: 1\nevents: {}\n', plan: planOf({ app_opened: {} }) },
    { name: 'an existing event is not new in diff mode', basePlan: bare, plan: bare },
    { name: 'a file-level owner counts', basePlan: 'version: 1\n', plan: 'version: 1\nowner: growth\nevents:\n  app_opened:\n    trigger: On launch.\n' },
  ],
  invalid: [
    { name: 'a new event without owner or trigger', basePlan: 'version: 1\n', plan: bare, findings: [{ messageId: 'missing', line: 3, severity: 'P3', message: 'New event `app_opened` has no owner or trigger' }] },
    { name: 'audit mode judges every event, without calling it new', plan: bare, findings: [{ messageId: 'missing', line: 3, message: 'Event `app_opened` has no' }] },
  ],
});
