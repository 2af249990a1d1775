import rule from '../../../rules/identity/constant.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const node = "import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\n";

ruleTester(rule, {
  valid: [
    { name: 'a variable id', files: { 'src/a.ts': `${node}ph.capture({ distinctId: user.id, event: 'x_done' });\n` } },
    {
      name: 'a placeholder that is set before use is no constant',
      files: { 'src/a.ts': `${node}let id = '';\nexport function login(u: { id: string }) { id = u.id; }\nph.capture({ distinctId: id, event: 'x_done' });\n` },
    },
    {
      name: 'callers of a wrapper that pass their own identity',
      files: {
        'src/segment.ts': `import Analytics from '@segment/analytics-node';\nconst analytics = new Analytics({ writeKey: 'k' });\n\nlet id: string;\ntry { id = machineId(); } catch { id = 'unknown-user'; }\nexport const trackEvent = (event: string, userId?: string) => analytics.track({ event, userId: userId ?? id });\n`,
        'src/a.ts': "import { trackEvent } from './segment';\nexport const run = (u: { id: string }) => trackEvent('run_started', u.id);\n",
      },
    },
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
    {
      name: "a wrapper's fallback identity, reported once where it is written",
      files: {
        'src/segment.ts': `import Analytics from '@segment/analytics-node';\nconst analytics = new Analytics({ writeKey: 'k' });\n\nlet id: string;\ntry { id = machineId(); } catch { id = 'unknown-user'; }\nexport const trackEvent = (event: string, userId?: string) => analytics.track({ event, userId: userId ?? id });\n`,
        'src/a.ts': "import { trackEvent } from './segment';\nexport const run = () => trackEvent('run_started');\nexport const stop = () => trackEvent('run_stopped');\n",
      },
      findings: [{ messageId: 'fallback', file: 'src/segment.ts', line: 6, message: '`unknown-user`' }],
    },
    { name: 'a const variable holding a constant', files: { 'src/a.ts': `${node}const SYSTEM = 'system';\nph.capture({ distinctId: SYSTEM, event: 'x_done' });\n` }, findings: [{ messageId: 'constant', line: 4 }] },
  ],
});
