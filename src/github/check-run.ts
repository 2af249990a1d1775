import { renderMarkdown, renderTitle } from '../report/markdown.js';
import type { Finding, Report, Severity } from '../engine/types.js';
import type { GitHub, Identity, RepoRef } from './types.js';

export const CHECK_NAME = 'trackguard';
/** GitHub accepts at most 50 annotations per request and 65,535 characters of summary. */
export const ANNOTATIONS_PER_REQUEST = 50;
export const MAX_SUMMARY = 65_535;
/** Annotations posted per review; the summary lists everything. */
export const MAX_ANNOTATIONS = 250;
export const RERUN_ACTION = { label: 'Re-run review', description: 'Review this pull request again', identifier: 'rerun' } as const;

const LEVELS: Readonly<Record<Severity, 'failure' | 'warning' | 'notice'>> = { P0: 'failure', P1: 'failure', P2: 'warning', P3: 'notice' };

/**
 * The run for this commit: our existing one (a redelivered webhook or a re-run updates it rather
 * than adding a second), or a new one. Either way it is marked in progress.
 */
export async function startCheck(octokit: GitHub, repo: RepoRef, headSha: string, prNumber: number, identity: Identity): Promise<number> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: headSha, check_name: CHECK_NAME, filter: 'latest', per_page: 20 });
  const mine = data.check_runs.find((run) => identity.appId === undefined || run.app?.id === identity.appId);
  const output = { title: 'Reviewing analytics changes…', summary: 'trackguard is reviewing the tracking plan and instrumentation in this pull request.' };
  if (mine) {
    await octokit.rest.checks.update({ ...repo, check_run_id: mine.id, status: 'in_progress', external_id: externalId(prNumber), output });
    return mine.id;
  }
  const { data: created } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_NAME,
    head_sha: headSha,
    status: 'in_progress',
    external_id: externalId(prNumber),
    started_at: new Date().toISOString(),
    output,
  });
  return created.id;
}

export function externalId(prNumber: number): string {
  return `pr:${prNumber}`;
}

export function prFromExternalId(value: string | null | undefined): number | undefined {
  const match = /^pr:(\d+)$/.exec(value ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Finishes the run with the report: annotations in batches of 50, summary cut to GitHub's limit. */
export async function completeCheck(octokit: GitHub, repo: RepoRef, checkRunId: number, report: Report): Promise<void> {
  const title = renderTitle(report);
  const annotations = report.findings.slice(0, MAX_ANNOTATIONS).map(toAnnotation);
  let summary = renderMarkdown(report);
  if (report.findings.length > MAX_ANNOTATIONS) {
    summary += `\n\n_${report.findings.length - MAX_ANNOTATIONS} more findings are in this summary but not annotated on the diff._`;
  }
  const output = { title, summary: truncate(summary, MAX_SUMMARY) };
  const batches: (typeof annotations)[] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  for (const batch of batches.slice(0, -1)) {
    await octokit.rest.checks.update({ ...repo, check_run_id: checkRunId, output: { ...output, annotations: batch } });
  }
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion: report.conclusion,
    completed_at: new Date().toISOString(),
    output: { ...output, annotations: batches[batches.length - 1] ?? [] },
    actions: [RERUN_ACTION],
  });
}

/** A quick success for a change that touches no analytics. */
export async function completeQuietly(octokit: GitHub, repo: RepoRef, checkRunId: number, title: string, summary: string): Promise<void> {
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion: 'success',
    completed_at: new Date().toISOString(),
    output: { title, summary },
  });
}

/** The review could not finish: the run says why, and never stays in progress. */
export async function completeWithError(octokit: GitHub, repo: RepoRef, checkRunId: number, reason: string, conclusion: 'neutral' | 'failure'): Promise<void> {
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion,
    completed_at: new Date().toISOString(),
    output: {
      title: 'Review could not complete',
      summary: truncate(
        `trackguard could not complete the review of this commit: ${reason}\n\nNothing was checked, so this result says nothing about the change. Use **Re-run review** (or comment \`/trackguard review\`) to try again.`,
        MAX_SUMMARY,
      ),
    },
    actions: [RERUN_ACTION],
  });
}

function toAnnotation(finding: Finding) {
  return {
    path: finding.file,
    start_line: finding.line,
    end_line: Math.max(finding.line, finding.endLine ?? finding.line),
    annotation_level: LEVELS[finding.severity],
    title: `[${finding.severity}] ${finding.ruleId}`,
    message: finding.message,
    ...(finding.fix ? { raw_details: `Fix: ${finding.fix}` } : {}),
  };
}

/** Cut at a line boundary, with a visible note, so markdown is not left half-open. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const note = `\n\n---\n_This report was cut to fit GitHub's limit of ${limit} characters; run \`trackguard review\` locally for all of it._`;
  let cut = text.slice(0, limit - note.length);
  const lastLine = cut.lastIndexOf('\n');
  if (lastLine > limit / 2) cut = cut.slice(0, lastLine);
  // Close a <details> block left open by the cut.
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  return `${cut}${open > 0 ? '\n</details>'.repeat(open) : ''}${note}`.slice(0, limit);
}
