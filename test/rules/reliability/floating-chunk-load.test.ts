import rule from '../../../rules/reliability/floating-chunk-load.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const src = (...lines: string[]) => ({ 'src/app.ts': lines.join('\n') });

ruleTester(rule, {
  valid: [
    {
      name: 'the chain has a .catch',
      files: src("import('posthog-js').then(({ default: posthog }) => {", "  posthog.capture('app_loaded');", '}).catch(() => {});'),
    },
    {
      name: 'a rejection handler in the then',
      files: src("import('posthog-js').then(({ default: posthog }) => posthog.capture('app_loaded'), (e) => console.warn(e));"),
    },
    {
      name: 'void with a catch',
      files: src("void import('posthog-js').then(({ default: posthog }) => posthog.capture('app_loaded')).catch(console.warn);"),
    },
    {
      name: 'awaited inside a try that swallows',
      files: src(
        'export async function start() {',
        '  try {',
        "    await import('posthog-js').then(({ default: posthog }) => posthog.capture('app_loaded'));",
        '  } catch {',
        '    // analytics is optional',
        '  }',
        '}',
      ),
    },
    {
      name: 'returned to the caller',
      files: src("export function trackLoaded() {", "  return import('posthog-js').then(({ default: posthog }) => posthog.capture('app_loaded'));", '}'),
    },
    {
      name: 'kept in a variable for later',
      files: src("export const ready = import('posthog-js').then(({ default: posthog }) => { posthog.capture('app_loaded'); return posthog; });"),
    },
    {
      name: 'a dynamic import that only initialises',
      files: src("import('posthog-js').then(({ default: posthog }) => { posthog.init('key'); });"),
    },
    {
      name: 'a static import',
      files: src("import posthog from 'posthog-js';", "Promise.resolve().then(() => posthog.capture('app_loaded'));"),
    },
  ],
  invalid: [
    {
      name: 'a statement that loads the SDK and captures',
      files: src("if (typeof window !== 'undefined') {", "  import('posthog-js').then(({ default: posthog }) => {", "    posthog.capture('app_loaded');", '  });', '}'),
      findings: [{ messageId: 'floating', line: 2, message: "`import('posthog-js')`" }],
    },
    {
      name: 'void does not catch, nor does a sync try around it',
      files: src(
        'export function capture(event: string) {',
        '  try {',
        "    void import('posthog-js').then((ph) => { ph.default.capture(event); });",
        '  } catch (err) {',
        '    console.warn(err);',
        '  }',
        '}',
        "capture('app_loaded');",
      ),
      findings: [{ messageId: 'floating', line: 3 }],
    },
    {
      name: 'returned from a useEffect callback, which nobody awaits',
      files: src("import { useEffect } from 'react';", "export function Track() { useEffect(() => import('posthog-js').then(({ default: ph }) => ph.capture('$pageview')), []); return null; }"),
      findings: [{ messageId: 'floating', line: 2 }],
    },
    {
      name: 'a lazily loaded analytics module whose then tracks, in a listener',
      files: {
        'src/usePostHog.ts': "import posthog from 'posthog-js';\nexport function usePostHog() { posthog.init('key'); return { posthog }; }\n",
        'src/theme.ts': [
          'export default {',
          '  enhanceApp() {',
          '    import("./usePostHog").then(({ usePostHog }) => {',
          '      const { posthog } = usePostHog();',
          '      window.addEventListener("load", () => {',
          '        posthog.capture("$pageview");',
          '      });',
          '    });',
          '  },',
          '};',
        ].join('\n'),
      },
      findings: [{ messageId: 'floating', line: 3, file: 'src/theme.ts', message: '`import("./usePostHog")`' }],
    },
    {
      name: 'a loader function called with a then and no catch',
      files: src(
        "const loadAnalytics = () => import('./segment-snippet');",
        "export function onSignup() { loadAnalytics().then(() => window.analytics.track('signed_up')); }",
      ),
      findings: [{ messageId: 'floating', line: 2, message: '`loadAnalytics()`' }],
    },
  ],
});
