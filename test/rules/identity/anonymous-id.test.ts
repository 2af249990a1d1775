import rule from '../../../rules/identity/anonymous-id.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const segment = "import { Analytics } from '@segment/analytics-node';\nconst analytics = new Analytics({ writeKey: 'k' });\n";

ruleTester(rule, {
  valid: [
    { name: 'a device id as anonymousId', files: { 'src/a.ts': `${segment}analytics.track({ anonymousId: req.cookies.ajs_anonymous_id, event: 'x_done' });\n` } },
    { name: 'userId and anonymousId that differ', files: { 'src/a.ts': `${segment}analytics.track({ userId: user.id, anonymousId: deviceId, event: 'x_done' });\n` } },
  ],
  invalid: [
    {
      name: 'anonymousId set to the user id',
      files: { 'src/a.ts': `${segment}analytics.track({ anonymousId: user.id, event: 'x_done' });\nanalytics.track({ userId: uid, anonymousId: uid, event: 'x_done' });\n` },
      findings: [
        { messageId: 'userId', line: 3, message: '`user.id`' },
        { messageId: 'userId', line: 4 },
      ],
    },
  ],
});
