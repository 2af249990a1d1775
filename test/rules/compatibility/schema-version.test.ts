import rule from '../../../rules/compatibility/schema-version.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const schema = (version: string, properties: string, required = '["order_id"]') =>
  `{\n  "self": { "vendor": "com.acme", "name": "order_completed", "format": "jsonschema", "version": "${version}" },\n  "type": "object",\n  "properties": { ${properties} },\n  "required": ${required}\n}\n`;
const path = (v: string) => `schemas/com.acme/order_completed/jsonschema/${v}`;
const v100 = schema('1-0-0', '"order_id": { "type": "string" }');

ruleTester(rule, {
  valid: [
    { name: 'an additive change as an ADDITION', baseFiles: { [path('1-0-0')]: v100 }, files: { [path('1-0-0')]: v100, [path('1-0-1')]: schema('1-0-1', '"order_id": { "type": "string" }, "coupon": { "type": "string" }') } },
    { name: 'a breaking change as a MODEL bump', baseFiles: { [path('1-0-0')]: v100 }, files: { [path('1-0-0')]: v100, [path('2-0-0')]: schema('2-0-0', '"order_id": { "type": "integer" }') } },
    { name: 'whitespace changes of a released version', baseFiles: { [path('1-0-0')]: v100 }, files: { [path('1-0-0')]: v100.replace(/\n/g, '\n\n') } },
  ],
  invalid: [
    {
      name: 'a released version changed in place',
      baseFiles: { [path('1-0-0')]: v100 },
      files: { [path('1-0-0')]: schema('1-0-0', '"order_id": { "type": "integer" }') },
      findings: [{ messageId: 'changedInPlace', line: 2, file: path('1-0-0') }],
    },
    {
      name: 'a breaking change published as an ADDITION',
      baseFiles: { [path('1-0-0')]: v100 },
      files: { [path('1-0-0')]: v100, [path('1-0-1')]: schema('1-0-1', '"order_id": { "type": "string" }, "coupon": { "type": "string" }', '["order_id", "coupon"]') },
      findings: [{ messageId: 'bumpTooSmall', line: 2, file: path('1-0-1'), message: 'coupon: required property added' }],
    },
  ],
});
