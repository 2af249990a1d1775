import rule from '../../../rules/identity/constant.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const node = "import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\n";

ruleTester(rule, {
  valid: [
    { name: 'a variable id', files: { 'src/a.ts': `${node}ph.capture({ distinctId: user.id, event: 'x_done' });\n` } },
    { name: 'a prefixed template', files: { 'src/a.ts': `${node}ph.capture({ distinctId: \`org_\${org.id}\`, event: 'x_done' });\n` } },
  ],
  invalid: [
    {
      name: 'an empty string and a constant',
      files: { 'src/a.ts': `${node}ph.capture({ distinctId: '', event: 'x_done' });\nph.capture({ distinctId: 'server', event: 'x_done' });\n` },
      findings: [
        { messageId: 'empty', line: 3, column: 26 },
        { messageId: 'constant', line: 4, message: '`server`' },
      ],
    },
    { name: 'a const variable holding a constant', files: { 'src/a.ts': `${node}const SYSTEM = 'system';\nph.capture({ distinctId: SYSTEM, event: 'x_done' });\n` }, findings: [{ messageId: 'constant', line: 4 }] },
  ],
});
