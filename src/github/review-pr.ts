import { ANALYTICS_HINT } from '../code/sdks.js';
import { CODE_FILE } from '../code/program.js';
import { CONFIG_PATH, defaultConfig, loadConfig, type Config } from '../engine/config.js';
import { review } from '../engine/review.js';
import { matcher } from '../engine/snapshot.js';
import type { Incompleteness, Report } from '../engine/types.js';
import { DEFAULT_PLAN_PATHS } from '../plan/load.js';
import { renderMarkdown } from '../report/markdown.js';
import { allRules } from '../../rules/index.js';
import { completeCheck, completeQuietly, completeWithError, startCheck } from './check-run.js';
import { findOwnComment, MARKER, upsertComment } from './comment.js';
import { ArchiveSnapshot } from './snapshot.js';
import { ArchiveTooLargeError } from './tarball.js';
import type { GitHub, Identity, PullRequestRef } from './types.js';

/** GitHub lists at most this many files of a pull request. */
export const MAX_LISTED_FILES = 3000;
const MAX_ARCHIVE_BYTES = 1_500_000_000;

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ReviewOutcome {
  conclusion: Report['conclusion'] | 'skipped' | 'error';
  apiCalls: number;
  checkRunId?: number;
  comment?: 'created' | 'updated' | 'unchanged' | 'skipped';
  report?: Report;
}

interface ChangedFile {
  filename: string;
  previous_filename?: string;
  patch?: string;
  status: string;
}

/**
 * One review of one pull request, start to finish: check run in progress, configuration from the
 * default branch, changed files, both commits as archives, the engine, then the check run and the
 * sticky comment. The number of API calls grows with pages of files, never with files.
 */
export async function reviewPullRequest(octokit: GitHub, pr: PullRequestRef, identity: Identity, log: Logger): Promise<ReviewOutcome> {
  const calls = countCalls(octokit);
  const start = calls.value;
  const repo = { owner: pr.owner, repo: pr.repo };
  const checkRunId = await startCheck(octokit, repo, pr.headSha, pr.number, identity);
  let config: Config = defaultConfig();
  try {
    const configSource = await readConfigText(octokit, repo, pr.defaultBranch);
    if (configSource) config = loadConfig(configSource.file, configSource.text, allRules.map((r) => r.id)).config;

    const files = (await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pr.number, per_page: 100 })) as ChangedFile[];
    const incomplete: Incompleteness[] = [];
    if (pr.changedFiles > files.length || files.length >= MAX_LISTED_FILES) {
      incomplete.push({
        reason: `this pull request changes ${pr.changedFiles.toLocaleString('en-US')} files and GitHub lists only the first ${files.length.toLocaleString('en-US')}; the rest were not reviewed. Split the pull request, or run \`trackguard review\` locally.`,
      });
    }
    const changed = [...new Set(files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename])))];
    if (!incomplete.length && !touchesAnalytics(files, config)) {
      await completeQuietly(octokit, repo, checkRunId, 'No analytics changes', 'This pull request changes neither the tracking plan nor any instrumentation, so there was nothing to review.');
      const existing = await findOwnComment(octokit, repo, pr.number, identity);
      if (existing) {
        await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: `${MARKER}\n## ✅ trackguard: No analytics changes remain in this pull request` });
      }
      return { conclusion: 'skipped', apiCalls: calls.value - start, checkRunId };
    }

    const limits = { maxArchiveBytes: MAX_ARCHIVE_BYTES, maxFileBytes: config.limits.maxFileBytes };
    const [base, head] = await Promise.all([
      ArchiveSnapshot.download(octokit, repo, pr.baseSha, `base (${pr.baseSha.slice(0, 7)})`, limits),
      ArchiveSnapshot.download(octokit, repo, pr.headSha, `head (${pr.headSha.slice(0, 7)})`, limits),
    ]);
    const report = await review({
      base,
      head,
      mode: 'diff',
      config: configSource ?? null,
      changedFiles: changed,
      incomplete,
    });
    await completeCheck(octokit, repo, checkRunId, report);
    let comment: ReviewOutcome['comment'];
    try {
      comment = await upsertComment(octokit, repo, pr.number, identity, renderMarkdown(report), {
        mode: config.comment,
        hasFindings: report.findings.length > 0 || report.incomplete.length > 0,
      });
    } catch (error) {
      // The check run already carries the result; a comment GitHub refuses must not undo it.
      log.warn({ pr: `${pr.owner}/${pr.repo}#${pr.number}`, reason: describeError(error) }, 'could not update the review comment');
    }
    const apiCalls = calls.value - start;
    log.info({ pr: `${pr.owner}/${pr.repo}#${pr.number}`, sha: pr.headSha, conclusion: report.conclusion, findings: report.findings.length, apiCalls }, 'review complete');
    return { conclusion: report.conclusion, apiCalls, checkRunId, comment, report };
  } catch (error) {
    const reason = describeError(error);
    log.error({ pr: `${pr.owner}/${pr.repo}#${pr.number}`, sha: pr.headSha, reason }, 'review failed');
    try {
      await completeWithError(octokit, repo, checkRunId, reason, config.onError);
    } catch (second) {
      log.error({ reason: describeError(second) }, 'could not mark the check run as failed');
    }
    return { conclusion: 'error', apiCalls: calls.value - start, checkRunId };
  }
}

async function readConfigText(octokit: GitHub, repo: { owner: string; repo: string }, ref: string): Promise<{ file: string; text: string } | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: CONFIG_PATH, ref, mediaType: { format: 'raw' } });
    return { file: CONFIG_PATH, text: typeof data === 'string' ? data : Buffer.from(data as unknown as ArrayBuffer).toString('utf8') };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** Whether the change touches a plan file, or code that mentions analytics (judged from the diff). */
function touchesAnalytics(files: readonly ChangedFile[], config: Config): boolean {
  const locations = config.plan?.map((p) => p.path) ?? [...DEFAULT_PLAN_PATHS];
  const included = matcher(config.paths);
  const ignored = matcher(config.ignore);
  for (const file of files) {
    for (const name of [file.filename, file.previous_filename].filter((n): n is string => Boolean(n))) {
      if (locations.some((loc) => name === loc.replace(/^\.\//, '') || name.startsWith(loc.replace(/^\.\//, '').replace(/\/?$/, '/')))) return true;
      // Plans of other formats, found by detection: Segment plan.json, rudder-cli YAML, Iglu and event schemas.
      if (!config.plan && (/(^|\/)plan\.json$/.test(name) || /(^|\/)schemas\/[^/]+\/[^/]+\/jsonschema\//.test(name) || /\.schema\.json$/.test(name) || (/\.ya?ml$/.test(name) && /rudder\/v/.test(file.patch ?? 'rudder/v')))) return true;
      if (!CODE_FILE.test(name) || !included(name) || ignored(name)) continue;
      if (file.patch === undefined || ANALYTICS_HINT.test(file.patch) || ANALYTICS_HINT.test(name)) return true;
    }
  }
  return false;
}

function describeError(error: unknown): string {
  if (error instanceof ArchiveTooLargeError) return `${error.message} (the review is limited to archives of ${MAX_ARCHIVE_BYTES} bytes).`;
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return status ? `GitHub answered ${status} (${message}).` : `${message}.`;
}

const counters = new WeakMap<object, { value: number }>();

/** Counts API requests made through an Octokit instance (installed once per instance). */
export function countCalls(octokit: GitHub): { value: number } {
  let counter = counters.get(octokit);
  if (!counter) {
    const created = { value: 0 };
    counter = created;
    counters.set(octokit, created);
    octokit.hook.before('request', () => {
      created.value++;
    });
  }
  return counter;
}
