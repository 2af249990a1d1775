import type { ProbotOctokit } from 'probot';

/** The Octokit the app works with: Probot's (with retry and throttling), or a plain one in the Action. */
export type GitHub = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRequestRef extends RepoRef {
  number: number;
  headSha: string;
  baseSha: string;
  /** The PR author's login (for command authorisation). */
  author: string;
  /** `changed_files` from the pull request object. */
  changedFiles: number;
  defaultBranch: string;
}

/** Who the reviewer is on GitHub: comments and check runs it owns are recognised by these. */
export interface Identity {
  appId: number | undefined;
  /** Login of the bot user (`trackguard[bot]`, or `github-actions[bot]` in the Action). */
  login: string;
}
