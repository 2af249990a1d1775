import rule from '../../../rules/pii/catch-log.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const helper = (catchBody: string) =>
  [
    "import { PostHog } from 'posthog-node';",
    "const ph = new PostHog('k');",
    'export function trackEvent(user: { id: string; email: string }, event: string, properties: object) {',
    '  try {',
    '    ph.capture({ distinctId: user.id, event, properties });',
    '  } catch (error) {',
    `    ${catchBody}`,
    '  }',
    '}',
  ].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'logging ids only', files: { 'src/t.ts': helper("logger.warn('tracking_failed', { event, user_id: user.id });") } },
    { name: 'a business catch is not a tracking helper', files: { 'src/b.ts': "try {\n  await db.save(user);\n} catch (e) {\n  logger.error('save failed', { email: user.email });\n}\n" } },
  ],
  invalid: [
    { name: 'an email key in the log', files: { 'src/t.ts': helper("logger.error('tracking_failed', { email: user.email });") }, findings: [{ messageId: 'logged', line: 7, message: '`trackEvent` logs `email`' }] },
    { name: 'a personal value in console output', files: { 'src/t.ts': helper("console.error('tracking failed for', user.email, error);") }, findings: [{ messageId: 'logged', line: 7 }] },
  ],
});
