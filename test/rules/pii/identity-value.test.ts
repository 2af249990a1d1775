import rule from '../../../rules/pii/identity-value.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const node = "import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\n";

ruleTester(rule, {
  valid: [
    { name: 'a user id', files: { 'src/a.ts': `${node}ph.capture({ distinctId: user.id, event: 'report_exported' });\n` } },
    { name: 'traits given where the id may stand (analytics.js identify(traits))', files: { 'src/a.ts': "window.analytics.identify({ first_name: form.first_name, role: form.role });\n" } },
    {
      name: 'a helper that returns the user id, or a hashed email',
      files: {
        'src/a.ts': `${node}function getDistinctId(req: { user: { id: string; email: string } }) {
  return req.user.id;
}
function hashedId(req: { user: { email: string } }) {
  return sha256(req.user.email);
}
ph.capture({ distinctId: getDistinctId(req), event: 'report_exported' });
const id = hashedId(req);
ph.capture({ distinctId: id, event: 'report_exported' });
`,
      },
    },
    { name: 'a hashed email', files: { 'src/a.ts': `${node}ph.capture({ distinctId: sha256(user.email), event: 'report_exported' });\n` } },
  ],
  invalid: [
    {
      name: 'a helper that returns the email, directly or through another helper, reported once inside a wrapper',
      files: {
        'src/a.ts': `${node}function getDistinctId(req: { user: { email: string } }) {
  return req.user.email;
}
const currentId = () => getDistinctId(session);
ph.capture({ distinctId: getDistinctId(req), event: 'report_exported' });
export function track(event: string) {
  ph.capture({ distinctId: currentId(), event });
}
track('a_done');
track('b_done');
`,
      },
      findings: [
        { messageId: 'helper', line: 7, message: 'what `getDistinctId` returns, `req.user.email`' },
        { messageId: 'helper', line: 9, message: 'what `currentId` returns' },
      ],
    },
    {
      name: 'an email as distinctId',
      files: { 'src/a.ts': `${node}ph.capture({ distinctId: user.email, event: 'report_exported' });\n` },
      findings: [{ messageId: 'read', line: 3, column: 26, message: 'an email address' }],
    },
    {
      name: 'a username in mixpanel distinct_id, and an email literal',
      files: {
        'src/a.ts': "import Mixpanel from 'mixpanel';\nconst mp = Mixpanel.init('t');\nmp.track('report_exported', { distinct_id: account.username });\nmp.track('report_exported', { distinct_id: 'ops@example.com' });\n",
      },
      findings: [
        { messageId: 'read', line: 3 },
        { messageId: 'literal', line: 4 },
      ],
    },
  ],
});
