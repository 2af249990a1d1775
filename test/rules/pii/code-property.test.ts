import rule from '../../../rules/pii/code-property.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const src = (...lines: string[]) => ({ 'src/app.ts': lines.join('\n') });

ruleTester(rule, {
  valid: [
    { name: 'ids and enums only', files: src("import posthog from 'posthog-js';", "posthog.capture('report_exported', { report_id: report.id, export_format: 'pdf' });") },
    {
      name: 'facts about personal values, not the values',
      files: src(
        "import posthog from 'posthog-js';",
        "posthog.capture('signup_completed', { email_domain: emailDomain(user.email), has_phone: Boolean(user.phone), name_length: user.name.length, project_name: project.name });",
      ),
    },
    {
      name: "what a credential is called, and a thing's display name",
      files: src("import posthog from 'posthog-js';", "posthog.capture('api_token_created', { tokenName: data.name, entityFieldName: args.data.displayName });"),
    },
    { name: 'a literal chosen by a condition that reads a secret', files: src("import posthog from 'posthog-js';", "posthog.capture('signup_completed', { signup_source: token ? 'invite' : 'direct', email_opened_count: 3, api_key_id: key.id });") },
    { name: 'empty values and a place derived from an IP', files: src("import posthog from 'posthog-js';", "posthog.capture('form_reset', { emailInput: '', phone: null, ip_country: geo.country });") },
    { name: 'a boolean literal named after email', files: src("window.analytics.track('settings_saved', { email_opt_in: true });") },
    { name: 'allowed by config', config: 'pii:\n  allow: [organization_name]\n', files: src("window.analytics.track('org_created', { organization_name: org.name });") },
    { name: 'tests may use fake data', files: { 'src/app.test.ts': "window.analytics.track('signup_completed', { email: 'a@example.com' });" } },
    {
      name: 'the command line and whole request bodies are pii/raw-input findings',
      files: src("window.analytics.track('cli_ran', { args: process.argv, ...req.body, query: req.query });"),
    },
    { name: 'not a tracking call', files: src("logger.info('signup', { email: user.email });", "api.post('/users', { email: user.email });") },
  ],
  invalid: [
    {
      name: 'a personal property name',
      files: src("import posthog from 'posthog-js';", "posthog.capture('signup_completed', {", '  plan: "pro",', '  userEmail: form.email,', '});'),
      findings: [{ messageId: 'name', line: 4, column: 3, property: 'userEmail', event: 'signup_completed', message: 'an email address' }],
    },
    {
      name: 'a value read from personal data',
      files: src("window.analytics.track('invite_sent', {", '  customer: account.email,', '  contact: form.emailField,', '  who: user.name,', '});'),
      findings: [
        { messageId: 'value', line: 2, column: 13, message: '`account.email`' },
        { messageId: 'value', line: 3, message: '`form.emailField`' },
        { messageId: 'value', line: 4, message: "a person's name" },
      ],
    },
    {
      name: 'a conditional whose branch is the secret itself',
      files: src("import posthog from 'posthog-js';", "posthog.capture('signup_completed', { source: invited ? token : 'direct' });"),
      findings: [{ messageId: 'value', line: 2, message: '`token`' }],
    },
    {
      name: "a credential itself, and a person's display name under a person's key",
      files: src("import posthog from 'posthog-js';", "posthog.capture('api_token_created', { tokenValue: data.token, ownerName: args.data.displayName });"),
      findings: [
        { messageId: 'name', line: 2, message: 'a secret or credential' },
        { messageId: 'name', line: 2, message: "a person's name" },
      ],
    },
    {
      name: 'raw URLs',
      files: src("window.analytics.track('page_shared', { link: req.url, page: window.location.href });"),
      findings: [
        { messageId: 'raw', line: 1, message: 'req.url' },
        { messageId: 'raw', line: 1, message: 'window.location.href' },
      ],
    },
    {
      name: 'a whole user or request object',
      files: src("window.analytics.track('profile_updated', user);", "window.analytics.track('form_submitted', { ...req.headers, step: 2 });"),
      findings: [
        { messageId: 'wholeObject', line: 1, message: '`user`' },
        { messageId: 'wholeObject', line: 2, message: '`req.headers`' },
      ],
    },
    {
      name: 'a hashed email is a P3 note',
      files: src("window.analytics.track('signup_completed', { email_hash: sha256(user.email) });"),
      findings: [{ messageId: 'hashed', line: 1, severity: 'P3' }],
    },
    {
      name: 'identify traits through a wrapper in another file',
      files: {
        'src/analytics.ts': "import { AnalyticsBrowser } from '@segment/analytics-next';\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' });\nexport function identifyUser(id: string, traits: object) {\n  analytics.identify(id, traits);\n}\n",
        'src/login.ts': "import { identifyUser } from './analytics';\nidentifyUser(user.id, { phone_number: user.phone });\n",
      },
      findings: [{ messageId: 'name', line: 2, file: 'src/login.ts' }],
    },
    {
      name: 'a props object built in a variable first',
      files: src('const props = {', '  report_id: report.id,', '  ip_address: req.ip,', '};', "window.analytics.track('report_exported', props);"),
      findings: [{ messageId: 'name', line: 3 }],
    },
  ],
});
