import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { SourceLocation } from './types.js';

/** A problem in a file of the reviewed repository (plan or config), before it becomes a finding. */
export interface SourceProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  fix: string;
}

export interface ParsedSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain data, or `undefined` when the text does not parse. */
  data: unknown;
  problems: SourceProblem[];
}

export interface ParseLimits {
  /** YAML aliases a document may expand; a guard against alias bombs. */
  maxAliasCount: number;
}

const DEFAULT_LIMITS: ParseLimits = { maxAliasCount: 100 };

/**
 * Parses YAML or JSON (JSON is read by the YAML 1.2 parser, so both keep source positions).
 * Never throws: syntax errors, duplicate keys and alias bombs come back as problems.
 */
export function parseSource(file: string, text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const problems: SourceProblem[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    problems.push({
      file,
      line: pos.line,
      column: pos.col,
      message: duplicate
        ? 'A key is defined twice in the same mapping; only one definition can win.'
        : `The file does not parse: ${firstLine(error.message)}`,
      fix: duplicate
        ? 'Merge the two definitions into one.'
        : 'Fix the syntax at this position (check indentation, quotes and colons).',
    });
  }
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      problems.push({
        file,
        line: 1,
        column: 1,
        message: `The file cannot be read as data: ${firstLine(error instanceof Error ? error.message : String(error))}`,
        fix: 'Expand YAML aliases by hand; documents that expand too many aliases are refused.',
      });
    }
  }
  return { file, doc, lineCounter, data, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

export type PathSegment = string | number;

/**
 * The position of the node at `path` (of its key when `at` is `key`). When the path does not
 * exist, the deepest node that does is returned, so a finding still points somewhere useful.
 */
export function locate(source: ParsedSource, path: readonly PathSegment[], at: 'key' | 'value' = 'key'): SourceLocation {
  let node: unknown = source.doc.contents;
  let best: Node | null = isNode(node) ? node : null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      if (last && at === 'key' && isNode(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
      if (isNode(node)) best = node;
      else if (isNode(pair.key)) best = pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (isNode(node)) best = node;
      else break;
    } else {
      break;
    }
  }
  return toLocation(source, best);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as Node).range);
}

function toLocation(source: ParsedSource, node: Node | null): SourceLocation {
  if (!node?.range) return { file: source.file, line: 1, column: 1 };
  const start = source.lineCounter.linePos(node.range[0]);
  const end = source.lineCounter.linePos(node.range[1]);
  return { file: source.file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/** Renders a JSON path for messages: `events.report_exported.properties.row_count`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** Splits an ajv `instancePath` (`/events/a~1b/properties`) into segments. */
export function splitPointer(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The closest candidate within an edit distance of 2, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 99;
}
