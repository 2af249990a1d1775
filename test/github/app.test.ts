import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARKER } from '../../src/github/comment.js';
import { TempRepo } from '../helpers/git-repo.js';
import { createHarness, payload, type Harness } from '../helpers/probot-harness.js';

const PLAN = `version: 1
events:
  report_exported:
    description: A user exported a report.
    owner: reports
    trigger: After the export succeeds.
    properties:
      report_id: { type: string, format: uuid, required: true, description: The report. }
`;
const TESTS = { 'src/export.test.ts': "expect(track).toHaveBeenCalledWith('report_exported')\n" };

interface Scenario {
  harness: Harness;
  base: string;
  head: string;
}

/** main: a plan and a test; feature: whatever `changes` writes. */
function scenario(changes: Record<string, string>, options: { config?: string; retries?: boolean; throttle?: boolean } = {}): Scenario {
  const repo = new TempRepo().write({ 'tracking-plan.yaml': PLAN, ...TESTS, ...(options.config ? { '.github/trackguard.yml': options.config } : {}) }).commit('base');
  const base = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write(changes).commit('change');
  const head = repo.git('rev-parse', 'HEAD').trim();
  const harness = createHarness(repo, { retries: options.retries, throttle: options.throttle });
  harness.github.pulls.set(7, { number: 7, headSha: head, baseSha: base, author: 'octocat' });
  return { harness, base, head };
}

function prEvent(s: Scenario, action = 'opened', head = s.head) {
  return payload('pull_request', action === 'synchronize' ? 'synchronize' : 'opened', (p) => {
    p.action = action;
    p.number = 7;
    p.pull_request.number = 7;
    p.pull_request.head.sha = head;
    p.pull_request.base.sha = s.base;
    p.pull_request.base.repo.default_branch = 'main';
    p.pull_request.user.login = 'octocat';
    p.pull_request.changed_files = 1;
  });
}

const LEAKY_PLAN = PLAN.replace('      report_id:', '      customer_email: { type: string, description: Who. }\n      report_id:');

let current: Scenario | undefined;
beforeEach(() => {
  current = undefined;
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  current?.harness.repo.remove();
});

describe('pull request reviews', () => {
  it('opened: one check run with annotations and one sticky comment, in at most 10 API calls', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('pull_request', prEvent(s));
    const { github } = s.harness;
    expect(github.unexpected).toEqual([]);
    expect(github.checkRuns).toHaveLength(1);
    const run = github.checkRuns[0];
    expect(run).toMatchObject({ name: 'trackguard', head_sha: s.head, status: 'completed', conclusion: 'failure', external_id: 'pr:7' });
    expect(run?.output.title).toBe('1 blocking issue: 1 P0');
    expect(run?.annotations).toEqual([
      expect.objectContaining({ path: 'tracking-plan.yaml', start_line: 8, annotation_level: 'failure', title: '[P0] pii/plan-property-name' }),
    ]);
    expect(github.ownComments(7)).toHaveLength(1);
    expect(github.ownComments(7)[0]?.body.startsWith(MARKER)).toBe(true);
    expect(github.ownComments(7)[0]?.body).toContain('## ❌ trackguard');
    const outcome = s.harness.app.outcomes.at(-1);
    expect(outcome?.apiCalls).toBeLessThanOrEqual(10);
  });

  it('synchronize: the same comment is updated, not a second one', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('pull_request', prEvent(s));
    const firstBody = s.harness.github.ownComments(7)[0]?.body;
    s.harness.repo.write({ 'tracking-plan.yaml': PLAN.replace('      report_id:', '      user_phone: { type: string, description: x }\n      report_id:') }).commit('another');
    const next = s.harness.repo.git('rev-parse', 'HEAD').trim();
    s.harness.github.pulls.set(7, { number: 7, headSha: next, baseSha: s.base, author: 'octocat' });
    await s.harness.receive('pull_request', prEvent(s, 'synchronize', next));
    const comments = s.harness.github.ownComments(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).not.toBe(firstBody);
    expect(comments[0]?.body).toContain('user_phone');
    expect(s.harness.github.checkRuns.map((r) => r.head_sha)).toEqual([s.head, next]);
  });

  it('a later push that fixes everything says so in the same comment', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('pull_request', prEvent(s));
    s.harness.repo.write({ 'tracking-plan.yaml': PLAN.replace('description: A user exported a report.', 'description: A user exported a report (any format).') }).commit('fix');
    const next = s.harness.repo.git('rev-parse', 'HEAD').trim();
    s.harness.github.pulls.set(7, { number: 7, headSha: next, baseSha: s.base, author: 'octocat' });
    await s.harness.receive('pull_request', prEvent(s, 'synchronize', next));
    const comments = s.harness.github.ownComments(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('## ✅ trackguard: No issues found');
    expect(s.harness.github.checkRuns.at(-1)?.conclusion).toBe('success');
  });

  it('a clean pull request gets a quick success and no comment', async () => {
    const s = (current = scenario({ 'README.md': '# Reports\n', 'src/math.ts': 'export const add = (a: number, b: number) => a + b;\n' }));
    await s.harness.receive('pull_request', prEvent(s));
    expect(s.harness.github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'No analytics changes' } });
    expect(s.harness.github.ownComments(7)).toEqual([]);
    expect(s.harness.github.requests.some((r) => r.path.includes('/tarball/'))).toBe(false);
  });

  it('a redelivered webhook still leaves one comment and one check run', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    const event = prEvent(s);
    await s.harness.receive('pull_request', event);
    await s.harness.receive('pull_request', event);
    expect(s.harness.github.ownComments(7)).toHaveLength(1);
    expect(s.harness.github.checkRuns).toHaveLength(1);
    expect(s.harness.github.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('edited without a base change is ignored; with one it reviews', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    const edited = prEvent(s, 'edited');
    edited.changes = { title: { from: 'old' } };
    await s.harness.receive('pull_request', edited);
    expect(s.harness.github.checkRuns).toHaveLength(0);
    edited.changes = { base: { ref: { from: 'develop' }, sha: { from: s.base } } };
    await s.harness.receive('pull_request', edited);
    expect(s.harness.github.checkRuns).toHaveLength(1);
  });

  it('reviews instrumentation code and annotates the call', async () => {
    const s = (current = scenario({ 'src/share.ts': "import posthog from 'posthog-js';\nexport const share = (u: { email: string }) => posthog.capture('report_shared', { who: u.email });\n" }));
    await s.harness.receive('pull_request', prEvent(s));
    const run = s.harness.github.checkRuns[0];
    expect(run?.conclusion).toBe('failure');
    expect(run?.annotations.map((a) => `${a.path}:${a.start_line} ${a.title}`)).toEqual(
      expect.arrayContaining(['src/share.ts:2 [P0] pii/code-property', 'src/share.ts:2 [P1] registration/unplanned-event']),
    );
  });
});

describe('configuration', () => {
  it('is read from the default branch: a pull request cannot switch its own check off', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN, '.github/trackguard.yml': 'fail_on: never\nrules:\n  pii/plan-property-name: off\n' }));
    await s.harness.receive('pull_request', prEvent(s));
    expect(s.harness.github.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('an invalid config fails the check and says where', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN.replace('customer_email', 'customer_ref') }, { config: 'fail_on: P1\nnaming:\n  events: kebab\n' }));
    await s.harness.receive('pull_request', prEvent(s));
    const run = s.harness.github.checkRuns[0];
    expect(run?.conclusion).toBe('failure');
    expect(run?.annotations).toEqual([expect.objectContaining({ path: '.github/trackguard.yml', start_line: 3, title: '[P1] plan/invalid-config' })]);
  });

  it('comment: findings posts nothing for a clean review', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': PLAN.replace('A user exported a report.', 'A user exported a report, any format.') }, { config: 'comment: findings\n' }));
    await s.harness.receive('pull_request', prEvent(s));
    expect(s.harness.github.checkRuns[0]?.conclusion).toBe('success');
    expect(s.harness.github.ownComments(7)).toEqual([]);
  });
});

describe('limits of the GitHub API', () => {
  it('batches more than 50 annotations, 50 per request', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `      email_${i}x: { type: string, description: d }`).join('\n');
    const s = (current = scenario({ 'tracking-plan.yaml': PLAN.replace('    properties:\n', `    properties:\n${many}\n`) }));
    await s.harness.receive('pull_request', prEvent(s));
    const run = s.harness.github.checkRuns[0];
    expect(run?.annotations).toHaveLength(60);
    expect(run?.updates).toBe(2);
    expect(s.harness.github.unexpected).toEqual([]);
  });

  it('cuts a summary over 65,535 characters with a visible note', async () => {
    const many = Array.from({ length: 400 }, (_, i) => `  ${'Long_Event_Name_'.repeat(3)}${i}:\n    properties:\n      ${'someCamelCaseProperty'.repeat(2)}: {}`).join('\n');
    const s = (current = scenario({ 'tracking-plan.yaml': `${PLAN}${many}\n` }));
    await s.harness.receive('pull_request', prEvent(s));
    const run = s.harness.github.checkRuns[0];
    expect(run?.status).toBe('completed');
    expect(run?.output.summary?.length).toBeLessThanOrEqual(65_535);
    expect(run?.output.summary).toContain("cut to fit GitHub's limit");
    expect(s.harness.github.ownComments(7)[0]?.body.length).toBeLessThanOrEqual(65_536);
  });

  it('a pull request of more than 3,000 files concludes neutral and says why', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN.replace('customer_email', 'customer_ref') }));
    s.harness.github.pulls.set(7, { number: 7, headSha: s.head, baseSha: s.base, author: 'octocat', extraFiles: 3100, changedFiles: 3101 });
    const event = prEvent(s);
    event.pull_request.changed_files = 3101;
    await s.harness.receive('pull_request', event);
    const run = s.harness.github.checkRuns[0];
    expect(run?.conclusion).toBe('neutral');
    expect(run?.output.summary).toContain('GitHub lists only the first 3,000');
    const pages = s.harness.github.requests.filter((r) => r.path.endsWith('/pulls/7/files')).length;
    expect(pages).toBe(30);
  });
});

describe('failures', () => {
  it('retries a 5xx and completes', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }, { retries: true }));
    s.harness.github.faults.push({ method: 'GET', path: /\/pulls\/7\/files$/, status: 502, times: 1 });
    await s.harness.receive('pull_request', prEvent(s));
    expect(s.harness.github.checkRuns[0]?.conclusion).toBe('failure');
    expect(s.harness.github.requests.filter((r) => r.path.endsWith('/pulls/7/files'))).toHaveLength(2);
  });

  it('when GitHub keeps failing, the check run is concluded with an explanation, never left in progress', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    s.harness.github.faults.push({ method: 'GET', path: /\/tarball\//, status: 500, times: Infinity });
    await s.harness.receive('pull_request', prEvent(s));
    const run = s.harness.github.checkRuns[0];
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'Review could not complete' } });
    expect(run?.output.summary).toContain('GitHub answered 500');
  });

  it('a comment GitHub refuses (422) does not undo the completed check', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    s.harness.github.faults.push({ method: 'POST', path: /\/issues\/7\/comments$/, status: 422, times: Infinity });
    await s.harness.receive('pull_request', prEvent(s));
    expect(s.harness.github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 blocking issue: 1 P0' } });
    expect(s.harness.app.outcomes.at(-1)?.conclusion).toBe('failure');
  });

  it('waits out a secondary rate limit (403 with retry-after) and completes', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }, { throttle: true }));
    s.harness.github.faults.push({ method: 'GET', path: /\/pulls\/7\/files$/, status: 403, times: 1, headers: { 'retry-after': '1' }, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' });
    await s.harness.receive('pull_request', prEvent(s));
    expect(s.harness.github.checkRuns[0]?.conclusion).toBe('failure');
    expect(s.harness.github.requests.filter((r) => r.path.endsWith('/pulls/7/files'))).toHaveLength(2);
  }, 20_000);

  it('a commit that vanished (404 on its archive) concludes the check with the reason', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    s.harness.github.faults.push({ method: 'GET', path: /\/tarball\//, status: 404, times: Infinity });
    await s.harness.receive('pull_request', prEvent(s));
    expect(s.harness.github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(s.harness.github.checkRuns[0]?.output.summary).toContain('GitHub answered 404');
  });

  it('a token that expires mid-review (401) is concluded, never left in progress', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    s.harness.github.faults.push({ method: 'GET', path: /\/pulls\/7\/files$/, status: 401, times: 1 });
    await s.harness.receive('pull_request', prEvent(s));
    expect(s.harness.github.checkRuns[0]?.status).toBe('completed');
  });

  it('on_error: failure blocks when the review cannot complete', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }, { config: 'on_error: failure\n' }));
    s.harness.github.faults.push({ method: 'GET', path: /\/tarball\//, status: 500, times: Infinity });
    await s.harness.receive('pull_request', prEvent(s));
    expect(s.harness.github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });
});

describe('commands', () => {
  const commentEvent = (s: Scenario, body: string, login: string, type = 'User') =>
    payload('issue_comment', 'created', (p) => {
      p.issue.number = 7;
      p.issue.pull_request = { url: 'https://api.github.com/repos/acme/web/pulls/7' };
      p.issue.user.login = 'octocat';
      p.comment.body = body;
      p.comment.id = 555;
      p.comment.user.login = login;
      p.comment.user.type = type;
    });

  it('/trackguard review from the author reacts and re-runs', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('issue_comment', commentEvent(s, 'Fixed it.\n/trackguard review', 'octocat'));
    expect(s.harness.github.reactions).toEqual([{ comment: 555, content: 'eyes' }]);
    expect(s.harness.github.checkRuns[0]?.conclusion).toBe('failure');
    expect(s.harness.github.ownComments(7)).toHaveLength(1);
  });

  it('recheck from a writer works; from an outsider or a bot, nothing happens', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    s.harness.github.permissions.set('maintainer', 'write');
    await s.harness.receive('issue_comment', commentEvent(s, '/trackguard review', 'stranger'));
    await s.harness.receive('issue_comment', commentEvent(s, '/trackguard review', 'dependabot[bot]', 'Bot'));
    expect(s.harness.github.reactions).toEqual([]);
    expect(s.harness.github.checkRuns).toHaveLength(0);
    expect(s.harness.github.comments).toHaveLength(0);
    await s.harness.receive('issue_comment', commentEvent(s, '/trackguard recheck', 'maintainer'));
    expect(s.harness.github.checkRuns).toHaveLength(1);
  });

  it('/trackguard help answers with the commands', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('issue_comment', commentEvent(s, '/trackguard help', 'octocat'));
    expect(s.harness.github.comments.at(-1)?.body).toContain('/trackguard review');
    expect(s.harness.github.checkRuns).toHaveLength(0);
  });

  it('never edits a comment that merely pastes the marker', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    const fake = s.harness.github.addUserComment(7, `${MARKER}\nI am the bot now`);
    await s.harness.receive('pull_request', prEvent(s));
    expect(fake.body).toBe(`${MARKER}\nI am the bot now`);
    expect(s.harness.github.ownComments(7)).toHaveLength(1);
  });
});

describe('re-runs and the merge queue', () => {
  /** Our check run re-requested without its pull requests listed, as GitHub sends it for forks and merge queues. */
  const rerequestedWithoutPulls = (s: Scenario, externalId: string) =>
    payload('check_run', 'rerequested', (p) => {
      p.check_run.name = 'trackguard';
      p.check_run.app.id = s.harness.github.appId;
      p.check_run.head_sha = s.head;
      p.check_run.pull_requests = [];
      p.check_run.external_id = externalId;
    });

  it('check_run.rerequested without pull_requests finds the PR from the external id', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('check_run', rerequestedWithoutPulls(s, 'pr:7'));
    expect(s.harness.github.checkRuns[0]).toMatchObject({ head_sha: s.head, conclusion: 'failure' });
  });

  it('check_run.rerequested without pull_requests or external id finds the PR by head SHA', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('check_run', rerequestedWithoutPulls(s, ''));
    expect(s.harness.github.checkRuns).toHaveLength(1);
  });

  it('ignores check runs of other apps, and reviews on the Re-run button', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('check_run', payload('check_run', 'rerequested', (p) => {
      p.check_run.head_sha = s.head;
    }));
    expect(s.harness.github.checkRuns).toHaveLength(0);
    await s.harness.receive('check_run', payload('check_run', 'requested_action', (p) => {
      p.check_run.name = 'trackguard';
      p.check_run.app.id = s.harness.github.appId;
      p.check_run.head_sha = s.head;
      p.check_run.pull_requests = [];
      p.check_run.external_id = 'pr:7';
      p.requested_action = { identifier: 'rerun' };
    }));
    expect(s.harness.github.checkRuns).toHaveLength(1);
  });

  it('check_suite.requested reviews the pull requests of the suite', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('check_suite', payload('check_suite', 'requested', (p) => {
      p.check_suite.head_sha = s.head;
      p.check_suite.pull_requests = [{ number: 7, head: { sha: s.head }, base: { sha: s.base } }];
    }));
    expect(s.harness.github.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('merge_group.checks_requested passes the merge queue', async () => {
    const s = (current = scenario({ 'tracking-plan.yaml': LEAKY_PLAN }));
    await s.harness.receive('merge_group', payload('merge_group', 'checks_requested', (p) => {
      p.merge_group.head_sha = s.head;
    }));
    expect(s.harness.github.checkRuns[0]).toMatchObject({ name: 'trackguard', head_sha: s.head, status: 'completed', conclusion: 'success' });
  });
});
