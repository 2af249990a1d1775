import rule from '../../../rules/naming/inconsistent-property.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'one spelling everywhere', plan: planOf({ a_created: { user_id: '{ type: string }' }, b_created: { user_id: '{ type: string }' } }) },
    { name: 'different concepts', plan: planOf({ a_created: { user_id: '{ type: string }' }, b_created: { users_id: '{ type: string }' } }) },
  ],
  invalid: [
    {
      name: 'userId in one event, user_id in another',
      plan: planOf({ a_created: { user_id: '{ type: string }' }, b_created: { userId: '{ type: string }' }, c_created: { UserID: '{ type: string }' } }),
      findings: [
        { messageId: 'spelling', line: 14, property: 'userId', message: 'spelled `user_id` elsewhere' },
        { messageId: 'spelling', line: 20, property: 'UserID' },
      ],
    },
  ],
});
