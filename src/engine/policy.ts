import { SEVERITIES, type Finding, type Severity, type SuppressedFinding } from './types.js';

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Whether a finding at `severity` fails a review whose threshold is `failOn`. */
export function isBlocking(severity: Severity, failOn: Severity | 'never'): boolean {
  return failOn !== 'never' && severityRank(severity) <= severityRank(failOn);
}

export interface Suppression {
  /** `line`: the comment's own line (`track(…) // trackguard-ignore-line …`). */
  scope: 'line' | 'next-line' | 'file';
  line: number;
  /** Empty means every rule. */
  ruleIds: string[];
  reason: string;
}

const DIRECTIVE = /trackguard-ignore-(next-line|line|file)\b(.*)$/;

/** Reads `trackguard-ignore-next-line <rule-id>[, …] -- <reason>`, `trackguard-ignore-line …` and `trackguard-ignore-file …` comments. */
export function parseSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (!line.includes('trackguard-ignore-')) continue;
    const match = DIRECTIVE.exec(line);
    if (!match) continue;
    const rest = (match[2] ?? '').replace(/\s*(\*\/|-->)\s*$/, '');
    const [ids = '', ...reasonParts] = rest.split(/\s--\s?/);
    out.push({
      scope: match[1] === 'file' ? 'file' : match[1] === 'line' ? 'line' : 'next-line',
      line: index + 1,
      ruleIds: ids.split(/[\s,]+/).filter(Boolean),
      reason: reasonParts.join(' -- ').trim(),
    });
  }
  return out;
}

/** Splits findings into those still reported and those silenced by a comment in their file. */
export function applySuppressions(
  findings: readonly Finding[],
  texts: ReadonlyMap<string, string>,
): { kept: Finding[]; suppressed: SuppressedFinding[]; used: Set<string> } {
  const byFile = new Map<string, Suppression[]>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  /** `file:line` of every comment that silenced something. */
  const used = new Set<string>();
  for (const finding of findings) {
    let list = byFile.get(finding.file);
    if (!list) {
      const text = texts.get(finding.file);
      list = text === undefined ? [] : parseSuppressions(text);
      byFile.set(finding.file, list);
    }
    const match = list.find(
      (s) =>
        (s.scope === 'file' || (s.scope === 'next-line' ? s.line === finding.line - 1 : s.line === finding.line)) &&
        (s.ruleIds.length === 0 || s.ruleIds.includes(finding.ruleId) || s.ruleIds.includes(finding.category)),
    );
    if (match) {
      suppressed.push({ finding, file: finding.file, line: match.line, reason: match.reason });
      used.add(`${finding.file}:${match.line}`);
    } else kept.push(finding);
  }
  return { kept, suppressed, used };
}
