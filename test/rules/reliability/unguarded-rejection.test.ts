import rule from '../../../rules/reliability/unguarded-rejection.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const node = "import { PostHog } from 'posthog-node';\nconst ph = new PostHog('k');\n";
const f = (body: string) => ({ 'src/a.ts': `${node}${body}` });

ruleTester(rule, {
  valid: [
    { name: 'queued capture cannot reject', files: f("export async function a(u: string) { ph.capture({ distinctId: u, event: 'x_done' }); }\n") },
    { name: 'awaited inside try/catch', files: f("export async function a(u: string) {\n  try {\n    await ph.captureImmediate({ distinctId: u, event: 'x_done' });\n  } catch (e) {\n    log(e);\n  }\n}\n") },
    { name: 'a .catch attached', files: f("export async function a(u: string) { await ph.captureImmediate({ distinctId: u, event: 'x_done' }).catch(log); }\n") },
    { name: 'handed on to the caller', files: f("export function a(u: string) { return ph.captureImmediate({ distinctId: u, event: 'x_done' }); }\n") },
    {
      name: 'a wrapper that swallows its own errors makes its call sites safe',
      files: {
        'src/t.ts': `${node}export async function trackEvent(u: string, event: string) {\n  try {\n    await ph.captureImmediate({ distinctId: u, event });\n  } catch {}\n}\n`,
        'src/a.ts': "import { trackEvent } from './t';\nexport async function a() { await trackEvent('u', 'x_done'); trackEvent('u', 'y_done'); }\n",
      },
    },
    {
      name: 'awaited in an async step joined by Promise.all into a chain whose last then handles the rejection',
      files: f("export function stop(done: (e?: unknown) => void, p: Promise<void>) {\n  p.then(async () => Promise.all([(async () => {\n    await ph.shutdown();\n  })()])).then(() => done(), (err) => done(err));\n}\n"),
    },
    { name: 'awaited in a then callback whose chain has a catch', files: f("export function stop(p: Promise<void>) {\n  p.then(async () => { await ph.shutdown(); }).catch(log);\n}\n") },
    { name: 'sync browser SDK calls', files: { 'src/a.ts': "import posthog from 'posthog-js';\nexport async function a() { await posthog.capture('x_done'); }\n" } },
  ],
  invalid: [
    {
      name: 'awaited with no guard, and floating',
      files: f("export async function a(u: string) {\n  await ph.captureImmediate({ distinctId: u, event: 'x_done' });\n  ph.shutdown();\n  void ph.flush();\n}\n"),
      findings: [
        { messageId: 'awaited', line: 4, column: 9 },
        { messageId: 'floating', line: 5 },
        { messageId: 'floating', line: 6, message: 'void does not catch it' },
      ],
    },
    {
      name: 'awaited in a then callback whose chain nothing catches, and in an IIFE left floating',
      files: f("export function stop(p: Promise<void>) {\n  p.then(async () => { await ph.shutdown(); }).then(() => log('done'));\n  (async () => { await ph.shutdown(); })();\n}\n"),
      findings: [
        { messageId: 'awaited', line: 4 },
        { messageId: 'awaited', line: 5 },
      ],
    },
    {
      name: 'a try whose catch rethrows is no guard',
      files: f("export async function a(u: string) {\n  try {\n    await ph.captureImmediate({ distinctId: u, event: 'x_done' });\n  } catch (e) {\n    throw e;\n  }\n}\n"),
      findings: [{ messageId: 'awaited', line: 5 }],
    },
    {
      name: 'an async wrapper that also awaits fetch, called without a guard',
      files: {
        'src/t.ts': "import posthog from 'posthog-js';\nexport async function trackEvent(event: string, properties: object) {\n  posthog.capture(event, properties);\n  await fetch('/api/audit', { method: 'POST' });\n}\n",
        'src/a.ts': "import { trackEvent } from './t';\nexport async function a() {\n  await trackEvent('x_done', {});\n  trackEvent('y_done', {});\n}\n",
      },
      findings: [
        { messageId: 'awaited', line: 3, file: 'src/a.ts' },
        { messageId: 'floating', line: 4, file: 'src/a.ts' },
      ],
    },
    {
      name: 'a configured helper that can reject',
      config: 'wrappers:\n  - { name: sendTelemetry, event: 0, properties: 1, can_reject: true }\n',
      files: { 'src/a.ts': "export function a() {\n  sendTelemetry('cli_ran', { ok: true });\n}\n" },
      findings: [{ messageId: 'floating', line: 2 }],
    },
  ],
});
