import { readFile } from 'node:fs/promises';
import { ProbotOctokit } from 'probot';
import { reviewPullRequest, type Logger, type ReviewOutcome } from './review-pr.js';
import type { GitHub } from './types.js';

/** The login GitHub gives the workflow token; the sticky comment is recognised by it. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** The workflow's environment: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_TOKEN, GITHUB_API_URL. */
export type ActionEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * The same review as the app, for teams that cannot host one: run from a workflow on
 * `pull_request`, with the workflow's token (checks: write, pull-requests: write).
 */
export async function runAction(env: ActionEnvironment, log: Logger, octokit?: GitHub): Promise<ReviewOutcome | undefined> {
  if (env['GITHUB_EVENT_NAME'] !== 'pull_request' && env['GITHUB_EVENT_NAME'] !== 'pull_request_target') {
    log.warn({ event: env['GITHUB_EVENT_NAME'] }, 'trackguard reviews pull requests; nothing to do for this event');
    return undefined;
  }
  if (!env['GITHUB_EVENT_PATH']) throw new Error('GITHUB_EVENT_PATH is not set; run this inside a GitHub Actions workflow');
  if (!octokit && !env['GITHUB_TOKEN']) throw new Error('no token: pass `github-token` (the default is the workflow token)');
  const event = JSON.parse(await readFile(env['GITHUB_EVENT_PATH'], 'utf8')) as {
    repository: { name: string; owner: { login: string }; default_branch: string };
    pull_request: { number: number; head: { sha: string }; base: { sha: string }; user: { login: string } | null; changed_files?: number };
  };
  const client =
    octokit ??
    (new ProbotOctokit({ auth: { token: env['GITHUB_TOKEN'] }, ...(env['GITHUB_API_URL'] ? { baseUrl: env['GITHUB_API_URL'] } : {}) }) as unknown as GitHub);
  const pr = event.pull_request;
  return reviewPullRequest(
    client,
    {
      owner: event.repository.owner.login,
      repo: event.repository.name,
      number: pr.number,
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      author: pr.user?.login ?? '',
      changedFiles: pr.changed_files ?? 0,
      defaultBranch: event.repository.default_branch,
    },
    { appId: undefined, login: ACTIONS_BOT },
    log,
  );
}
