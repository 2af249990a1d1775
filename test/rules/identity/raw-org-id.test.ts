import rule from '../../../rules/identity/raw-org-id.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const node = "import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\n";

ruleTester(rule, {
  valid: [
    { name: 'a user id', files: { 'src/a.ts': `${node}ph.capture({ distinctId: user.id, event: 'x_done' });\n` } },
    { name: 'a prefixed org id', files: { 'src/a.ts': `${node}ph.capture({ distinctId: \`org_\${org.id}\`, event: 'x_done' });\n` } },
    { name: 'a configured prefix', config: 'identity:\n  prefixes: [tenant-]\n', files: { 'src/a.ts': `${node}ph.capture({ distinctId: \`tenant-\${tenant.id}\`, event: 'x_done' });\n` } },
    { name: 'an org id as a property is fine', files: { 'src/a.ts': `${node}ph.capture({ distinctId: user.id, event: 'x_done', properties: { organization_id: org.id } });\n` } },
  ],
  invalid: [
    {
      name: 'raw organisation, workspace and team ids',
      files: { 'src/a.ts': `${node}ph.capture({ distinctId: org.id, event: 'x_done' });\nph.capture({ distinctId: workspaceId, event: 'x_done' });\nph.capture({ distinctId: \`\${team.id}\`, event: 'x_done' });\n` },
      findings: [
        { messageId: 'raw', line: 3, message: '`org.id`' },
        { messageId: 'raw', line: 4 },
        { messageId: 'raw', line: 5 },
      ],
    },
  ],
});
