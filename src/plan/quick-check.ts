import formatsModule from 'ajv-formats/dist/formats.js';

type FormatCheck = RegExp | ((value: string) => boolean) | { validate: RegExp | ((value: string) => boolean) };
const fullFormats = (formatsModule as unknown as { fullFormats: Record<string, FormatCheck | undefined> }).fullFormats;

/** Keywords checked here; a property schema with any other keyword is left to ajv. */
const SIMPLE_KEYS = new Set([
  'type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength',
  'pattern', 'format', 'description', 'examples', 'default', 'deprecated', 'title',
]);

/**
 * Whether a property schema only uses keywords this module checks the way JSON Schema (and ajv)
 * does. Checking a literal against such a schema needs no compiled validator.
 */
export function isSimpleSchema(schema: Readonly<Record<string, unknown>>): boolean {
  for (const key of Object.keys(schema)) if (!SIMPLE_KEYS.has(key)) return false;
  return typeof schema.format !== 'string' || fullFormats[schema.format] !== undefined;
}

export interface QuickProblem {
  keyword: string;
  /** ajv's wording, so messages read the same whichever path checked the value. */
  message: string;
}

const TYPE_OF: Readonly<Record<string, (v: unknown) => boolean>> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The first problem of a literal value against a simple property schema, or undefined. */
export function checkLiteral(schema: Readonly<Record<string, unknown>>, value: unknown): QuickProblem | undefined {
  if (schema.type !== undefined) {
    const types = ([] as unknown[]).concat(schema.type).map(String);
    if (!types.some((t) => TYPE_OF[t]?.(value))) return { keyword: 'type', message: `must be ${types.join(',')}` };
  }
  if ('const' in schema && !same(schema.const, value)) return { keyword: 'const', message: 'must be equal to constant' };
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => same(v, value))) return { keyword: 'enum', message: 'must be equal to one of the allowed values' };
  if (typeof value === 'number') {
    if (typeof schema.maximum === 'number' && value > schema.maximum) return { keyword: 'maximum', message: `must be <= ${schema.maximum}` };
    if (typeof schema.minimum === 'number' && value < schema.minimum) return { keyword: 'minimum', message: `must be >= ${schema.minimum}` };
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) return { keyword: 'exclusiveMaximum', message: `must be < ${schema.exclusiveMaximum}` };
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) return { keyword: 'exclusiveMinimum', message: `must be > ${schema.exclusiveMinimum}` };
    // As ajv decides it (`q !== parseInt(q)`), so both paths agree even on huge numbers.
    const quotient = typeof schema.multipleOf === 'number' ? value / schema.multipleOf : 0;
    if (typeof schema.multipleOf === 'number' && (schema.multipleOf === 0 || quotient !== parseInt(String(quotient), 10))) {
      return { keyword: 'multipleOf', message: `must be multiple of ${schema.multipleOf}` };
    }
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) return { keyword: 'maxLength', message: `must NOT have more than ${schema.maxLength} characters` };
    if (typeof schema.minLength === 'number' && length < schema.minLength) return { keyword: 'minLength', message: `must NOT have fewer than ${schema.minLength} characters` };
    if (typeof schema.pattern === 'string') {
      let matches = true;
      try {
        matches = new RegExp(schema.pattern, 'u').test(value);
      } catch {
        // A pattern JavaScript cannot compile is reported by the plan checks, not here.
      }
      if (!matches) return { keyword: 'pattern', message: `must match pattern "${schema.pattern}"` };
    }
    if (typeof schema.format === 'string') {
      const check = fullFormats[schema.format];
      const validate = check && typeof check === 'object' && 'validate' in check ? check.validate : check;
      const ok = validate instanceof RegExp ? validate.test(value) : typeof validate === 'function' ? validate(value) : true;
      if (!ok) return { keyword: 'format', message: `must match format "${schema.format}"` };
    }
  }
  return undefined;
}
