import type { ApplicationFunction, Context, Probot } from 'probot';
import { CHECK_NAME, prFromExternalId } from './github/check-run.js';
import { HELP_TEXT, mayCommand, parseCommand } from './github/commands.js';
import { reviewPullRequest, type ReviewOutcome } from './github/review-pr.js';
import type { GitHub, Identity, PullRequestRef, RepoRef } from './github/types.js';

export interface TrackguardOptions {
  /** An automatic trigger for the same commit within this window reuses the last result. */
  dedupeMs?: number;
}

export interface Trackguard extends ApplicationFunction {
  /** Resolves when every queued review has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** Outcomes of finished reviews, newest last (for tests and diagnostics). */
  readonly outcomes: ReviewOutcome[];
}

interface PullRequestPayload {
  number: number;
  user: { login: string } | null;
  head: { sha: string };
  base: { sha: string; repo: { default_branch: string } };
  changed_files?: number;
}

/**
 * The GitHub App: webhook events become reviews. Reviews run in the background, one at a time per
 * pull request (so two deliveries can never race to create two comments), and the webhook is
 * answered at once, well inside GitHub's 10-second limit.
 */
export function createTrackguard(options: TrackguardOptions = {}): Trackguard {
  const dedupeMs = options.dedupeMs ?? 10 * 60_000;
  const chains = new Map<string, Promise<void>>();
  const pending = new Set<Promise<void>>();
  const recent = new Map<string, number>();
  const outcomes: ReviewOutcome[] = [];
  let identity: Promise<Identity> | undefined;

  const appFn = ((app: Probot): void => {
    const whoAmI = (): Promise<Identity> => {
      identity ??= app
        .auth()
        .then((octokit) => octokit.rest.apps.getAuthenticated())
        .then(({ data }) => ({ appId: data?.id, login: `${data?.slug ?? 'trackguard'}[bot]` }))
        .catch((error: unknown) => {
          identity = undefined;
          throw error;
        });
      return identity;
    };

    /**
     * Queues work for one pull request (or one commit, when the PR is not known yet). Anything that
     * needs the GitHub API happens inside the job, so the webhook is answered at once.
     */
    const enqueue = (context: Context, key: string, job: () => Promise<void>) => {
      const previous = chains.get(key) ?? Promise.resolve();
      const next = previous.then(async () => {
        try {
          await job();
        } catch (error) {
          context.log.error({ key, err: error instanceof Error ? error.message : String(error) }, 'review crashed');
        }
      });
      chains.set(key, next);
      pending.add(next);
      void next.finally(() => {
        pending.delete(next);
        if (chains.get(key) === next) chains.delete(key);
      });
    };

    const runReview = async (context: Context, pr: PullRequestRef, automatic: boolean) => {
      const runKey = `${pr.owner}/${pr.repo}#${pr.number}@${pr.baseSha}..${pr.headSha}`;
      if (automatic && Date.now() - (recent.get(runKey) ?? 0) < dedupeMs) {
        context.log.info({ pr: pr.number, sha: pr.headSha }, 'already reviewed this commit; skipping');
        return;
      }
      recent.set(runKey, Date.now());
      if (recent.size > 10_000) recent.delete(recent.keys().next().value as string);
      const outcome = await reviewPullRequest(context.octokit as GitHub, pr, await whoAmI(), context.log);
      outcomes.push(outcome);
      if (outcomes.length > 1000) outcomes.shift();
    };

    const prKey = (repo: RepoRef, number: number) => `${repo.owner}/${repo.repo}#${number}`;

    const fromPayload = (pr: PullRequestPayload, repo: RepoRef): PullRequestRef => ({
      ...repo,
      number: pr.number,
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      author: pr.user?.login ?? '',
      changedFiles: pr.changed_files ?? 0,
      defaultBranch: pr.base.repo.default_branch,
    });

    const loadPullRequest = async (context: Context, repo: RepoRef, number: number): Promise<PullRequestRef> => {
      const { data } = await context.octokit.rest.pulls.get({ ...repo, pull_number: number });
      return fromPayload(data as PullRequestPayload, repo);
    };

    /** Pull requests of this repository whose head is `sha` (fork re-runs carry none in the payload). */
    const pullRequestsFor = async (context: Context, repo: RepoRef, sha: string, listed: ReadonlyArray<{ number: number }>): Promise<number[]> => {
      if (listed.length > 0) return listed.map((p) => p.number);
      const { data } = await context.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
      return data.filter((p) => p.state === 'open' && p.head.sha === sha).map((p) => p.number);
    };

    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review', 'pull_request.edited'], async (context) => {
      const payload = context.payload;
      if (payload.action === 'edited' && !('changes' in payload && payload.changes && 'base' in payload.changes && payload.changes.base)) return;
      const pr = fromPayload(payload.pull_request as PullRequestPayload, context.repo());
      enqueue(context, prKey(pr, pr.number), () => runReview(context, pr, true));
    });

    app.on(['check_suite.requested', 'check_suite.rerequested'], async (context) => {
      const suite = context.payload.check_suite;
      const repo = context.repo();
      const automatic = context.payload.action === 'requested';
      const listed = suite.pull_requests ?? [];
      const key = listed.length === 1 && listed[0] ? prKey(repo, listed[0].number) : `${repo.owner}/${repo.repo}@${suite.head_sha}`;
      enqueue(context, key, async () => {
        for (const number of await pullRequestsFor(context, repo, suite.head_sha, listed)) await runReview(context, await loadPullRequest(context, repo, number), automatic);
      });
    });

    app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
      const run = context.payload.check_run;
      if (run.name !== CHECK_NAME) return;
      const repo = context.repo();
      const fromId = prFromExternalId(run.external_id);
      enqueue(context, fromId !== undefined ? prKey(repo, fromId) : `${repo.owner}/${repo.repo}@${run.head_sha}`, async () => {
        const me = await whoAmI();
        if (me.appId !== undefined && run.app?.id !== me.appId) return;
        const numbers = fromId !== undefined ? [fromId] : await pullRequestsFor(context, repo, run.head_sha, run.pull_requests ?? []);
        for (const number of numbers) await runReview(context, await loadPullRequest(context, repo, number), false);
      });
    });

    app.on('issue_comment.created', async (context) => {
      const { comment, issue } = context.payload;
      if (!issue.pull_request) return;
      const command = parseCommand(comment.body ?? '');
      if (!command) return;
      const repo = context.repo();
      const commenter = { login: comment.user?.login ?? '', type: comment.user?.type };
      if (commenter.type === 'Bot' || commenter.login.endsWith('[bot]')) return;
      enqueue(context, prKey(repo, issue.number), async () => {
        if (!(await mayCommand(context.octokit as GitHub, repo, commenter, issue.user?.login ?? ''))) {
          context.log.info({ pr: issue.number, commenter: commenter.login }, 'ignoring a command from someone who may not run it');
          return;
        }
        await context.octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: 'eyes' });
        if (command === 'help') {
          await context.octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body: HELP_TEXT });
          return;
        }
        await runReview(context, await loadPullRequest(context, repo, issue.number), false);
      });
    });

    app.on('merge_group.checks_requested', async (context) => {
      // The pull request was reviewed on its own; a required check must not hold up the queue.
      const group = context.payload.merge_group;
      await context.octokit.rest.checks.create({
        ...context.repo(),
        name: CHECK_NAME,
        head_sha: group.head_sha,
        status: 'completed',
        conclusion: 'success',
        completed_at: new Date().toISOString(),
        output: { title: 'Reviewed on the pull request', summary: 'trackguard reviews each pull request; the merge queue passes through.' },
      });
    });
  }) as unknown as Trackguard;

  appFn.idle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  };
  Object.defineProperty(appFn, 'outcomes', { get: () => outcomes });
  return appFn;
}
