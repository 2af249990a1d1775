import { acceptedText, SEVERITIES, SEVERITY_LABELS, type Report, type Severity } from '../engine/types.js';
import { coverageSentence } from './coverage.js';
import { renderTitle } from './markdown.js';

export interface TextOptions {
  color: boolean;
}

const COLORS: Readonly<Record<Severity | 'dim' | 'bold' | 'green', string>> = {
  P0: '\u001b[1;31m',
  P1: '\u001b[31m',
  P2: '\u001b[33m',
  P3: '\u001b[36m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  green: '\u001b[32m',
};

/** Terminal output: one block per finding, `file:line:column` first so editors can jump to it. */
export function renderText(report: Report, options: TextOptions = { color: false }): string {
  const paint = (style: keyof typeof COLORS, text: string) => (options.color ? `${COLORS[style]}${text}\u001b[0m` : text);
  // Names from the repository could carry terminal escape sequences.
  // eslint-disable-next-line no-control-regex
  const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, '?');
  const out: string[] = [];
  const conclusion = report.conclusion === 'failure' ? paint('P0', 'FAIL') : report.conclusion === 'neutral' ? paint('P2', 'INCOMPLETE') : paint('green', 'PASS');
  out.push(`${paint('bold', 'trackguard')} ${conclusion} — ${renderTitle(report)}`);
  out.push(SEVERITIES.map((s) => `${s}: ${report.summary[s]}`).join('  ') + `  (fails on ${report.failOn})`);
  if (report.mode === 'diff' && report.preexisting > 0) out.push(paint('dim', `${report.preexisting} finding(s) already on the base are not shown (use --all to see everything).`));
  out.push(paint('dim', coverageSentence(report)));
  for (const item of report.incomplete) out.push(paint('P2', `incomplete: ${clean(item.reason)}`));
  for (const note of report.notes) out.push(paint('dim', `note: ${clean(note)}`));

  const changes = [...report.planDiff.added, ...report.planDiff.removed, ...report.planDiff.changed];
  if (changes.length > 0) {
    out.push('', paint('bold', 'Plan changes'));
    for (const c of changes) {
      const flag = !c.breaking ? '' : c.accepted ? ` [breaking, accepted: ${acceptedText(c.accepted)}]` : ' [BREAKING]';
      const target = c.property ? `${c.event}.${c.property}` : c.event;
      out.push(`  ${c.kind.padEnd(20)} ${clean(target)} — ${clean(c.detail)}${flag}`);
    }
  }
  if (report.implementation && report.implementation.length > 0) {
    out.push('', paint('bold', 'Implementation'));
    for (const row of report.implementation) {
      const where = row.locations.length ? row.locations.slice(0, 3).map((l) => `${l.file}:${l.line}`).join(', ') + (row.locations.length > 3 ? ` +${row.locations.length - 3}` : '') : row.status === 'deprecated' ? '(deprecated)' : paint('P2', 'not implemented');
      out.push(`  ${clean(row.event).padEnd(32)} ${clean(where)}`);
    }
  }
  for (const severity of SEVERITIES) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push('', paint(severity, `[${severity}] ${SEVERITY_LABELS[severity]} (${group.length})`));
    for (const f of group) {
      out.push(`  ${clean(`${f.file}:${f.line}:${f.column}`)}  ${clean(f.message)}  ${paint('dim', f.ruleId)}`);
      if (f.fix) out.push(`    ${paint('dim', 'fix:')} ${clean(f.fix)}`);
    }
  }
  if (report.suppressed.length > 0) {
    out.push('', paint('dim', `${report.suppressed.length} finding(s) silenced by trackguard-ignore comments:`));
    for (const s of report.suppressed) out.push(paint('dim', `  ${clean(`${s.finding.file}:${s.finding.line}`)} ${s.finding.ruleId}${s.reason ? ` — ${clean(s.reason)}` : ''}`));
  }
  return `${out.join('\n')}\n`;
}
