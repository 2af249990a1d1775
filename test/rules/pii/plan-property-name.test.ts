import rule from '../../../rules/pii/plan-property-name.js';
import { planWith, ruleTester } from '../../helpers/rule-tester.js';

const s = '{ type: string, description: d }';

ruleTester(rule, {
  valid: [
    { name: 'a boolean about consent is not PII', plan: planWith({ has_email_consent: '{ type: boolean, description: d }' }) },
    { name: 'words that contain personal words are not personal', plan: planWith({ file_name: s, filename: s, event_name: s, contact_channel: s, project_name: s }) },
    { name: 'facts about personal fields are not the fields', plan: planWith({ email_domain: s, email_count: '{ type: integer, description: d }', phone_verified: '{ type: boolean, description: d }', card_type: s }) },
    { name: 'a numeric token count is not a credential', plan: planWith({ prompt_token: '{ type: integer, description: d }', tokens_used: '{ type: integer, description: d }' }) },
    { name: 'a MAC or wallet address is not a postal address', plan: planWith({ wallet_address: s, zip_file_name: s }) },
    { name: 'pii: none overrides the name', plan: planWith({ display_name: '{ type: string, pii: none, description: the dashboard title }' }) },
    { name: 'names allowed by config', plan: planWith({ organization_name: s, owner_name: s }), config: 'pii:\n  allow: [owner_name]\n' },
    { name: 'no plan, no findings', files: { 'src/a.ts': 'export {}' } },
  ],
  invalid: [
    {
      name: 'an email in snake_case, camelCase and hyphenated forms',
      plan: planWith({ billing_email: s, userEmail: s, 'e-mail': s }),
      findings: [
        { messageId: 'personal', line: 8, column: 7, property: 'billing_email', event: 'report_exported', message: 'an email address' },
        { messageId: 'personal', line: 9, property: 'userEmail' },
        { messageId: 'personal', line: 10, property: 'e-mail' },
      ],
    },
    {
      name: 'names, phones, addresses, IPs, birth dates, government ids',
      plan: planWith({ first_name: s, phone_number: '{ type: integer, description: d }', street_address: s, ip: s, date_of_birth: s, ssn: s, customer_name: s }),
      findings: [
        { messageId: 'personal', line: 8, message: "a person's name" },
        { messageId: 'personal', line: 9, message: 'a phone number' },
        { messageId: 'personal', line: 10, message: 'a postal address' },
        { messageId: 'personal', line: 11, message: 'an IP address' },
        { messageId: 'personal', line: 12, message: 'a date of birth' },
        { messageId: 'personal', line: 13, message: 'a government id' },
        { messageId: 'personal', line: 14, message: "a person's name" },
      ],
    },
    {
      name: 'secrets, card numbers and notes about people',
      plan: planWith({ password: s, access_token: s, api_key: s, card_number: s, notes: s }),
      findings: [
        { messageId: 'personal', line: 8, message: 'a secret' },
        { messageId: 'personal', line: 9, message: 'a secret' },
        { messageId: 'personal', line: 10, message: 'a secret' },
        { messageId: 'personal', line: 11, message: 'payment card' },
        { messageId: 'personal', line: 12, message: 'free text about a person' },
      ],
    },
    {
      name: 'nested object properties and common properties are checked',
      plan: [
        'version: 1',
        'common_properties:',
        '  user_email: { type: string, description: d }',
        'events:',
        '  order_completed:',
        '    description: d',
        '    properties:',
        '      shipping:',
        '        type: object',
        '        description: d',
        '        properties:',
        '          postal_code: { type: string, description: d }',
      ].join('\n'),
      findings: [
        { messageId: 'personal', line: 3, message: 'the common properties' },
        { messageId: 'personal', line: 12, property: 'shipping.postal_code', event: 'order_completed' },
      ],
    },
    {
      name: 'a hashed value is a P3 note, declared or by name',
      plan: planWith({ email_sha256: s, email: '{ type: string, pii: hashed, description: salted SHA-256 }' }),
      findings: [
        { messageId: 'hashed', line: 8, severity: 'P3' },
        { messageId: 'hashed', line: 9, severity: 'P3' },
      ],
    },
    {
      name: 'pii: personal fires whatever the name',
      plan: planWith({ reviewer_label: '{ type: string, pii: personal, description: d }' }),
      findings: [{ messageId: 'declared', line: 8 }],
    },
    {
      name: 'configured words extend the lexicon',
      plan: planWith({ diagnosis_code_text: s }),
      config: 'pii:\n  words: [diagnosis]\n',
      findings: [{ messageId: 'personal', line: 8, message: 'configured word' }],
    },
    {
      name: 'the JSON form of a plan points at the key',
      planFile: 'tracking-plan.json',
      plan: '{\n  "version": 1,\n  "events": {\n    "signup_completed": {\n      "properties": {\n        "email": { "type": "string" }\n      }\n    }\n  }\n}\n',
      findings: [{ messageId: 'personal', line: 6, column: 9, file: 'tracking-plan.json' }],
    },
  ],
});
