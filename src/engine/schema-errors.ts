import type { ErrorObject } from 'ajv';
import { closest, formatPath, locate, splitPointer, type ParsedSource, type PathSegment, type SourceProblem } from './source.js';

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

/**
 * Turns ajv errors into problems a person can act on: the file position of the offending key,
 * what is wrong in plain words, and how to fix it (with a "did you mean" for misspelt keys).
 */
export function schemaProblems(source: ParsedSource, errors: readonly ErrorObject[]): SourceProblem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const problems: SourceProblem[] = [];
  const seen = new Set<string>();
  for (const [pointer, group] of byPath) {
    const path = splitPointer(pointer);
    const isTypeKeyword = path[path.length - 1] === 'type' && group.some((e) => e.keyword === 'anyOf');
    let chosen = isTypeKeyword ? group.filter((e) => e.keyword === 'anyOf') : group.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
    // Alternatives (`anyOf`) fail in every branch; the branch that says what values are allowed
    // (an enum) explains more than the one that only names another type.
    if (!isTypeKeyword && group.some((e) => e.keyword === 'anyOf') && chosen.some((e) => e.keyword !== 'type')) {
      chosen = chosen.filter((e) => e.keyword !== 'type');
    }
    for (const error of chosen) {
      const problem = describe(source, path, error, isTypeKeyword);
      const key = `${problem.line}:${problem.column}:${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function describe(source: ParsedSource, path: PathSegment[], error: ErrorObject, isTypeKeyword: boolean): SourceProblem {
  const where = path.length ? `\`${formatPath(path)}\`` : 'The document';
  const at = (p: PathSegment[], which: 'key' | 'value' = 'key') => {
    const loc = locate(source, p, which);
    return { file: source.file, line: loc.line, column: loc.column };
  };
  if (isTypeKeyword) {
    return {
      ...at(path, 'value'),
      message: `${where} is not a known type.`,
      fix: 'Use one of string, integer, number, boolean, object, array, null, or a list of them (e.g. [string, "null"]).',
    };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closest(key, allowed);
      return {
        ...at([...path, key]),
        message: `Unknown key \`${key}\` in ${path.length ? where : 'the top level'}.`,
        fix: suggestion
          ? `Did you mean \`${suggestion}\`? Allowed keys: ${allowed.join(', ')} (and x-* extensions).`
          : `Remove it, or prefix it with x- to keep custom metadata. Allowed keys: ${allowed.join(', ')}.`,
      };
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return {
        ...at(path, 'value'),
        message: `${where} is missing \`${missing}\`.`,
        fix: missing === 'version' ? 'Add `version: 1` at the top of the file.' : `Add \`${missing}\`.`,
      };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      return {
        ...at(path, 'value'),
        message: `${where} must be one of ${allowed.join(', ')}, not \`${String(valueAt(source.data, path))}\`.`,
        fix: `Use one of: ${allowed.join(', ')}.`,
      };
    }
    case 'const': {
      const allowed = JSON.stringify((error.params as { allowedValue: unknown }).allowedValue);
      return { ...at(path, 'value'), message: `${where} must be ${allowed}.`, fix: `Set it to ${allowed}.` };
    }
    case 'type': {
      const types = ([] as string[]).concat((error.params as { type: string | string[] }).type);
      const wanted = types.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
      return {
        ...at(path, 'value'),
        message: `${where} must be ${wanted}, found ${describeValue(valueAt(source.data, path))}.`,
        fix: `Write ${wanted} here.`,
      };
    }
    default:
      return {
        ...at(path, 'value'),
        message: `${where} ${error.message ?? 'is not valid'}.`,
        fix: 'Correct the value; see the format reference in docs/.',
      };
  }
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} \`${String(value).slice(0, 60)}\``;
}
