import { coverageSentence } from './coverage.js';
import { fillTemplate, type TemplateRenderer } from '../engine/rule.js';
import { isBlocking } from '../engine/policy.js';
import { acceptedText, SEVERITIES, SEVERITY_LABELS, type Category, type Finding, type PlanChange, type Report } from '../engine/types.js';
import { mdCode, mdProse, mdText } from './escape.js';

const CATEGORY_TITLES: Readonly<Record<Category, string>> = {
  pii: 'PII protection',
  registration: 'Event registration',
  identity: 'Identity (distinct_id)',
  reliability: 'Reliability (fire-and-forget)',
  schema: 'Schema design',
  compatibility: 'Compatibility',
  naming: 'Naming',
  tests: 'Test coverage',
  plan: 'Plan & config validity',
};

const RECOMMENDATIONS: Readonly<Record<Category, string>> = {
  pii: 'Remove personal data from events before merging: send stable ids and join in the warehouse.',
  registration: 'Register every tracked event in the tracking plan, with its properties.',
  identity: 'Send a real user id as the identity; prefix non-user fallbacks (`org_<id>`).',
  reliability: 'Make tracking fire-and-forget: a tracking failure must never break the user\'s action.',
  schema: 'Describe events and properties, declare formats and units, and prefer enums to free text.',
  compatibility: 'Make breaking plan changes the safe way: deprecate the old event and add a `_v2` successor.',
  naming: 'Keep one naming convention for events and properties across the plan.',
  tests: 'Add tests that assert the new events are sent with their required properties.',
  plan: 'Fix the plan and config files first: the other checks rely on them.',
};

const MD: TemplateRenderer = { code: (v) => mdCode(v), text: mdText, literal: (v) => v };

export function renderTitle(report: Report): string {
  const blocking = report.findings.filter((f) => isBlocking(f.severity, report.failOn));
  if (blocking.length > 0) {
    const counts = SEVERITIES.map((s) => [s, blocking.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    return `${blocking.length} blocking issue${blocking.length === 1 ? '' : 's'}: ${counts}`;
  }
  if (report.conclusion === 'neutral') return 'Review incomplete';
  const total = report.findings.length;
  return total === 0 ? 'No issues found' : `No blocking issues (${total} to consider)`;
}

/** The report as GitHub-flavoured markdown: the PR comment and the check run summary. */
export function renderMarkdown(report: Report): string {
  const icon = report.conclusion === 'failure' ? '❌' : report.conclusion === 'neutral' ? '⚠️' : '✅';
  const lines: string[] = [`## ${icon} trackguard: ${renderTitle(report)}`, ''];
  const counts = SEVERITIES.map((s) => `**${s}** ${report.summary[s]}`).join(' · ');
  const threshold = report.failOn === 'never' ? 'nothing fails the review' : `${report.failOn} and above fail the review`;
  lines.push(`${counts} — ${threshold}.`);
  if (report.mode === 'diff') {
    const pre = report.preexisting > 0 ? ` (${report.preexisting} already on the base branch not shown)` : '';
    lines.push(`Only what this change introduces is reported${pre}.`);
  }
  lines.push(mdProse(coverageSentence(report)));
  lines.push('');
  for (const item of report.incomplete) lines.push(`> [!WARNING]`, `> Not everything was reviewed: ${mdProse(item.reason)}`, '');
  for (const note of report.notes) lines.push(`> ${mdProse(note)}`, '');

  lines.push('### Summary', '', '| Category | Status | Issues |', '|---|---|---|');
  for (const c of report.categories) {
    const status = c.status === 'FAIL' ? '**FAIL**' : c.status === 'NOT RUN' ? `not run: ${mdProse(c.reason ?? '')}` : 'PASS';
    lines.push(`| ${CATEGORY_TITLES[c.category]} | ${status} | ${c.status === 'NOT RUN' ? '–' : c.count} |`);
  }
  lines.push('');

  const changes = [...report.planDiff.added, ...report.planDiff.removed, ...report.planDiff.changed];
  if (changes.length > 0) {
    lines.push('### Plan changes', '', '| Change | Event | Property | Detail | Breaking |', '|---|---|---|---|---|');
    for (const change of changes.slice(0, 200)) lines.push(planRow(change));
    if (changes.length > 200) lines.push(`| … | ${changes.length - 200} more changes | | | |`);
    lines.push('');
  }

  if (report.implementation && report.implementation.length > 0) {
    const rows = report.implementation;
    const missing = rows.filter((r) => r.status === 'active' && r.locations.length === 0).length;
    lines.push(`<details><summary><b>Implementation</b>: ${rows.length - missing} of ${rows.length} plan events tracked in code</summary>`, '');
    lines.push('| Event | Status | Tracked at |', '|---|---|---|');
    for (const row of rows.slice(0, 300)) {
      const where = row.locations.slice(0, 3).map((l) => mdCode(`${l.file}:${l.line}`, true)).join(', ') + (row.locations.length > 3 ? ` +${row.locations.length - 3}` : '');
      const status = row.locations.length > 0 ? 'tracked' : row.status === 'deprecated' ? 'deprecated' : '**not implemented**';
      lines.push(`| ${mdCode(row.event, true)} | ${status} | ${where} |`);
    }
    if (rows.length > 300) lines.push(`| … | ${rows.length - 300} more | |`);
    lines.push('', '</details>', '');
  }

  if (report.findings.length > 0) {
    lines.push('### Findings', '');
    for (const severity of SEVERITIES) {
      const group = report.findings.filter((f) => f.severity === severity);
      if (group.length === 0) continue;
      const heading = `[${severity}] ${SEVERITY_LABELS[severity]} (${group.length})`;
      const folded = severity === 'P2' || severity === 'P3';
      if (folded) lines.push(`<details><summary><b>${heading}</b></summary>`, '');
      else lines.push(`#### ${heading}`, '');
      for (const finding of group) lines.push(...findingItem(finding));
      if (folded) lines.push('</details>');
      lines.push('');
    }
  }

  if (report.suppressed.length > 0) {
    lines.push(`<details><summary>${report.suppressed.length} finding(s) silenced by comments</summary>`, '');
    for (const s of report.suppressed) {
      const reason = s.reason ? mdProse(s.reason) : '_no reason given_';
      lines.push(`- ${mdCode(`${s.finding.file}:${s.finding.line}`)} ${mdCode(s.finding.ruleId)}: ${reason}`);
    }
    lines.push('', '</details>', '');
  }

  const failing = report.categories.filter((c) => c.count > 0);
  if (failing.length > 0) {
    lines.push('### Recommendations', '');
    failing.forEach((c, i) => lines.push(`${i + 1}. ${RECOMMENDATIONS[c.category]}`));
    lines.push('');
  }
  return lines.join('\n');
}

function planRow(change: PlanChange): string {
  const kind = change.kind.replace(/-/g, ' ');
  const breaking = !change.breaking ? 'no' : change.accepted ? `accepted: ${acceptedText(change.accepted, (n) => mdCode(n, true))}` : '**yes**';
  return `| ${kind} | ${mdCode(change.event, true)} | ${change.property ? mdCode(change.property, true) : ''} | ${mdProse(change.detail)} | ${breaking} |`;
}

function findingItem(finding: Finding): string[] {
  const message = fillTemplate(finding.messageTemplate, finding.data, MD);
  const fix = fillTemplate(finding.fixTemplate, finding.data, MD);
  return [
    `- **${mdCode(`${finding.file}:${finding.line}`)}** ${message} <sub>${mdCode(finding.ruleId)}</sub>`,
    ...(fix ? [`  <br>**Fix:** ${fix}`] : []),
  ];
}
