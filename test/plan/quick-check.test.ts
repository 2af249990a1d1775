import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLiteral, isSimpleSchema } from '../../src/plan/quick-check.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

const SCHEMAS: Array<Record<string, unknown>> = [
  { type: 'string' },
  { type: 'integer', minimum: 0 },
  { type: 'number', maximum: 10, exclusiveMinimum: -1 },
  { type: ['string', 'null'], enum: ['pdf', 'csv', null] },
  { type: 'string', format: 'uuid' },
  { type: 'string', format: 'date-time' },
  { type: 'string', format: 'email' },
  { type: 'string', pattern: '^ord_[0-9]+$', maxLength: 12 },
  { type: 'string', minLength: 2 },
  { type: 'boolean' },
  { const: 'fixed' },
  { type: 'integer', multipleOf: 5 },
  { enum: [1, 'one', true] },
  {},
];

describe('quick literal checks agree with ajv', () => {
  it('accepts the simple keyword set only', () => {
    expect(SCHEMAS.every(isSimpleSchema)).toBe(true);
    expect(isSimpleSchema({ type: 'object', properties: {} })).toBe(false);
    expect(isSimpleSchema({ type: 'string', format: 'no-such-format' })).toBe(false);
  });

  it('finds a problem exactly when ajv does, for any JSON value', () => {
    const validators = SCHEMAS.map((schema) => ajv.compile(schema));
    fc.assert(
      fc.property(fc.nat({ max: SCHEMAS.length - 1 }), fc.oneof(fc.jsonValue(), fc.uuid(), fc.constantFrom('pdf', 'ord_12', '2026-11-22T10:00:00Z', 'a@b.co', 'fixed', 5, 10, -1, 0, null)), (index, value) => {
        const schema = SCHEMAS[index] as Record<string, unknown>;
        const ours = checkLiteral(schema, value) === undefined;
        expect(ours, `${JSON.stringify(schema)} ${JSON.stringify(value)}`).toBe(Boolean(validators[index]?.(value)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('words problems as ajv does', () => {
    expect(checkLiteral({ type: 'integer' }, 'many')?.message).toBe('must be integer');
    expect(checkLiteral({ enum: ['a'] }, 'b')?.message).toBe('must be equal to one of the allowed values');
    expect(checkLiteral({ minimum: 0 }, -5)?.message).toBe('must be >= 0');
  });
});
