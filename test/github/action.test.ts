import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS_BOT, runAction } from '../../src/github/action.js';
import type { GitHub } from '../../src/github/types.js';
import { FakeGitHub } from '../../src/testing/github-stand-in.js';
import { TempRepo } from '../helpers/git-repo.js';
import { payload, routeNockTo } from '../helpers/probot-harness.js';

const quiet = { info() {}, warn() {}, error() {} };

describe('GitHub Action', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    for (const fn of cleanup.splice(0)) fn();
  });

  it('reviews the pull request of the workflow event with the workflow token', async () => {
    const repo = new TempRepo().write({ 'tracking-plan.yaml': 'version: 1\nevents:\n  a_done:\n    description: d\n' }).commit('base');
    cleanup.push(() => repo.remove());
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'f');
    repo.write({ 'tracking-plan.yaml': 'version: 1\nevents:\n  a_done:\n    description: d\n    properties:\n      email: { type: string }\n' }).commit('leak');
    const head = repo.git('rev-parse', 'HEAD').trim();
    const github = new FakeGitHub(repo.dir);
    github.pulls.set(3, { number: 3, headSha: head, baseSha: base, author: 'octocat' });
    routeNockTo(github);
    const dir = mkdtempSync(join(tmpdir(), 'trackguard-action-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const eventPath = join(dir, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify(
        payload('pull_request', 'opened', (p) => {
          p.pull_request.number = 3;
          p.pull_request.head.sha = head;
          p.pull_request.base.sha = base;
        }),
      ),
    );
    const octokit = new ProbotOctokit({ auth: { token: 'ghs_workflow' }, retry: { enabled: false }, throttle: { enabled: false } }) as unknown as GitHub;
    const outcome = await runAction({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath }, quiet, octokit);
    expect(outcome?.conclusion).toBe('failure');
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(github.comments).toHaveLength(1);
    expect(ACTIONS_BOT).toBe('github-actions[bot]');
  });

  it('does nothing for events other than pull requests', async () => {
    expect(await runAction({ GITHUB_EVENT_NAME: 'push' }, quiet)).toBeUndefined();
  });
});
