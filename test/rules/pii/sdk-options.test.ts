import rule from '../../../rules/pii/sdk-options.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const lines = (...l: string[]) => l.join('\n');

ruleTester(rule, {
  valid: [
    {
      name: 'posthog-node with its defaults, or geoip disabled',
      files: {
        'src/ph.ts': lines(
          "import { PostHog } from 'posthog-node';",
          "export const a = new PostHog('k', { host: 'https://eu.i.posthog.com', flushAt: 1 });",
          "export const b = new PostHog('k', { disableGeoip: true });",
          "export const c = new PostHog('k');",
        ),
      },
    },
    {
      name: 'posthog-js recording with inputs masked, person profiles for everyone',
      files: {
        'src/init.ts': lines(
          "import posthog from 'posthog-js';",
          "posthog.init('k', {",
          "  person_profiles: 'always',",
          '  disable_session_recording: false,',
          '  mask_all_text: false,',
          '  session_recording: { maskAllInputs: true, maskTextSelector: ".private" },',
          '});',
          'posthog.set_config({ disable_session_recording: false });',
        ),
      },
    },
    {
      name: 'Mixpanel with IP geolocation off or at its browser default, text capture off',
      files: {
        'src/mp.ts': lines(
          "import mixpanel from 'mixpanel-browser';",
          "mixpanel.init('t', { ip: false, autocapture: { input: true, capture_text_content: false }, record_mask_text_selector: '*' });",
        ),
        'src/mp-node.ts': lines("import Mixpanel from 'mixpanel';", "export const mp = Mixpanel.init('t', { geolocate: false });"),
      },
    },
    {
      name: 'Amplitude replay masking at medium, IP tracking at its default',
      files: {
        'src/amp.ts': lines(
          "import * as amplitude from '@amplitude/analytics-browser';",
          "import { sessionReplayPlugin } from '@amplitude/plugin-session-replay-browser';",
          "amplitude.add(sessionReplayPlugin({ privacyConfig: { defaultMaskLevel: 'medium' } }));",
          "amplitude.init('k', { trackingOptions: { ipAddress: true } });",
        ),
      },
    },
    {
      name: "Segment context with an anonymised IP, or none",
      files: {
        'src/seg.ts': lines(
          "import { Analytics } from '@segment/analytics-node';",
          "const analytics = new Analytics({ writeKey: 'w', maxEventsInBatch: 1 });",
          "analytics.track({ userId: 'u', event: 'Signed Up', context: { ip: '0.0.0.0' } });",
          "analytics.track({ userId: 'u', event: 'Signed In', context: { locale: 'en' } });",
        ),
      },
    },
    {
      name: 'an options object of something that is no analytics SDK',
      files: {
        'src/other.ts': lines(
          "import { Recorder } from 'some-recorder';",
          'const r = new Recorder({ maskAllInputs: false, disableGeoip: false });',
          'r.init({ session_recording: { maskAllInputs: false } });',
        ),
      },
    },
    {
      name: 'a test file',
      files: {
        'src/ph.test.ts': lines("import { PostHog } from 'posthog-node';", "const c = new PostHog('k', { disableGeoip: false });"),
      },
    },
  ],
  invalid: [
    {
      name: 'posthog-node with geoip turned on',
      files: {
        'src/ph.ts': lines(
          "import { PostHog } from 'posthog-node';",
          'export const client = new PostHog(process.env.KEY!, {',
          "  host: 'https://us.i.posthog.com',",
          '  disableGeoip: false,',
          '});',
        ),
      },
      findings: [{ messageId: 'geoip', line: 4, message: '`disableGeoip: false` turns on PostHog (posthog-node) IP geolocation' }],
    },
    {
      name: 'posthog-node geoip per call',
      files: {
        'src/ph.ts': lines(
          "import { PostHog } from 'posthog-node';",
          "const client = new PostHog('k');",
          "export const send = (id: string) => client.capture({ distinctId: id, event: 'x', disableGeoip: false });",
        ),
      },
      findings: [{ messageId: 'geoip', line: 3 }],
    },
    {
      name: 'posthog-js recording inputs, with options built in another module',
      files: {
        'src/config.ts': lines('export const recording = {', '  maskAllInputs: false,', '  maskInputOptions: { password: true },', '};', "export const options = { api_host: '/ph', session_recording: recording };"),
        'src/init.ts': lines("import posthog from 'posthog-js';", "import { options } from './config';", "posthog.init('k', options);"),
      },
      findings: [{ messageId: 'inputs', line: 2, file: 'src/config.ts', message: 'PostHog (posthog-js)' }],
    },
    {
      name: 'posthog through the window global, from a const',
      files: {
        'src/telemetry.ts': lines(
          'const MASK = false;',
          'export function init(key: string) {',
          '  window.posthog.init(key, {',
          '    session_recording: {',
          '      maskAllInputs: MASK,',
          '    },',
          '  });',
          '}',
        ),
      },
      findings: [{ messageId: 'inputs', line: 5 }],
    },
    {
      name: 'Mixpanel autocapture of element text and unmasked replay text',
      files: {
        'src/mp.ts': lines(
          "import mixpanel from 'mixpanel-browser';",
          "mixpanel.init('t', {",
          '  autocapture: {',
          '    click: true,',
          '    capture_text_content: true,',
          '  },',
          "  record_mask_text_selector: '.secret',",
          '});',
        ),
      },
      findings: [
        { messageId: 'textContent', line: 5 },
        { messageId: 'text', line: 7, message: "`'.secret'`" },
      ],
    },
    {
      name: 'Mixpanel node with geolocation',
      files: { 'src/mp.ts': lines("import Mixpanel from 'mixpanel';", "export const mp = Mixpanel.init('t', { geolocate: true });") },
      findings: [{ messageId: 'geoip', line: 2, message: 'Mixpanel (mixpanel node)' }],
    },
    {
      name: 'Amplitude session replay that masks only sensitive inputs',
      files: {
        'src/amp.ts': lines(
          "import * as amplitude from '@amplitude/analytics-browser';",
          "import { sessionReplayPlugin } from '@amplitude/plugin-session-replay-browser';",
          'amplitude.add(',
          '  sessionReplayPlugin({',
          "    privacyConfig: { defaultMaskLevel: 'light' },",
          '  }),',
          ');',
        ),
      },
      findings: [{ messageId: 'inputs', line: 5, message: 'Amplitude' }],
    },
    {
      name: "Segment node forwarding the request's IP",
      files: {
        'src/seg.ts': lines(
          "import { Analytics } from '@segment/analytics-node';",
          "const analytics = new Analytics({ writeKey: 'w' });",
          'export function signedUp(req: { ip: string }, userId: string) {',
          "  analytics.track({ userId, event: 'Signed Up', context: { ip: req.ip } });",
          '}',
        ),
      },
      findings: [{ messageId: 'clientIp', line: 4, message: '`req.ip`' }],
    },
  ],
});
