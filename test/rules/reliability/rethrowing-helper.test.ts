import rule from '../../../rules/reliability/rethrowing-helper.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const helper = (catchBody: string, tryExtra = '') =>
  [
    "import mixpanel from 'mixpanel-browser';",
    'export function trackNewEvent(props: object) {',
    '  try {',
    `    ${tryExtra}mixpanel.track('survey_delivered', props);`,
    '  } catch (error) {',
    `    ${catchBody}`,
    '  }',
    '}',
  ].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'a catch that logs and returns', files: { 'src/t.ts': helper("logger.exception('mixpanel_tracking_failed');") } },
    { name: 'a business try that also tracks may rethrow', files: { 'src/t.ts': helper('throw error;', 'await saveSurvey(); ') } },
  ],
  invalid: [
    { name: 'a tracking helper whose catch rethrows', files: { 'src/t.ts': helper("logger.error('failed');\n    throw error;") }, findings: [{ messageId: 'rethrows', line: 7, message: '`trackNewEvent`' }] },
  ],
});
