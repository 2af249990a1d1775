/**
 * Load test: signed webhook deliveries, mixed and partly duplicated, sent with bounded concurrency
 * to the real server (node dist/src/server.js) on 127.0.0.1, with GitHub served by the stand-in.
 * `npm run load` runs 500 deliveries at concurrency 20 and records the figures in
 * docs/load-test.md; the test suite runs a shorter version of the same code.
 */
import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, startStandIn } from '../../src/testing/stand-in-server.js';

export interface LoadOptions {
  deliveries: number;
  concurrency: number;
  pullRequests: number;
  /** Extra latency on archive downloads, so that reviews take longer than GitHub's 10 s answer window would allow if they were awaited. */
  slowArchiveMs: number;
}

export interface LoadResult {
  deliveries: number;
  concurrency: number;
  pullRequests: number;
  statuses: Record<string, number>;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  rssMb: { start: number; quarter: number; end: number; peak: number };
  wallMs: number;
  /** Pull requests that do not end with exactly one comment (where one is due). */
  commentProblems: string[];
  /** Head SHAs that do not end with exactly one completed check run. */
  checkProblems: string[];
  apiRequests: number;
  /** The end of the server's log when something went wrong. */
  logTail?: string;
}

const SECRET = 'load-test-webhook-secret';

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'trackguard-load-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=load', '-c', 'user.email=load@example.com', ...args], { cwd: dir, encoding: 'utf8' });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const plan = 'version: 1\nevents:\n  report_exported:\n    description: d\n    owner: o\n    trigger: t\n    properties:\n      report_id: { type: string, format: uuid, description: d }\n';
  git('init', '-q', '-b', 'main');
  write('tracking-plan.yaml', plan);
  write('src/export.test.ts', "expect(track).toHaveBeenCalledWith('report_exported')\n");
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const baseSha = git('rev-parse', 'HEAD').trim();

  // Pull requests: most touch analytics (with findings), some do not; each gets two pushes.
  const prs: Array<{ number: number; heads: string[]; analytics: boolean }> = [];
  for (let n = 1; n <= options.pullRequests; n++) {
    git('checkout', '-q', '-b', `pr-${n}`, baseSha);
    const analytics = n % 5 !== 0;
    const heads: string[] = [];
    for (let push = 1; push <= 2; push++) {
      if (analytics) write(`src/feature${n}.ts`, `import posthog from 'posthog-js';\nexport const f${n} = (u: { email: string }) => posthog.capture('report_exported', { report_id: 'x', who${push}: u.email });\n`);
      else write(`docs/page${n}.md`, `# Page ${n}, revision ${push}\n`);
      git('add', '-A');
      git('commit', '-q', '-m', `pr ${n} push ${push}`);
      heads.push(git('rev-parse', 'HEAD').trim());
    }
    prs.push({ number: n, heads, analytics });
  }

  const standIn = await startStandIn(dir);
  for (const pr of prs) standIn.github.pulls.set(pr.number, { number: pr.number, headSha: pr.heads[1] ?? '', baseSha, author: 'octocat' });
  if (options.slowArchiveMs > 0) standIn.github.delays.push({ path: /\/tarball\//, ms: options.slowArchiveMs });
  const port = await freePort();
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const server = spawn(process.execPath, ['dist/src/server.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      APP_ID: String(standIn.github.appId),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: standIn.host,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  try {
    const startedAt = Date.now();
    while (!(await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false))) {
      if (Date.now() - startedAt > 20_000) throw new Error(`the server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // The deliveries: opened and synchronize per PR, redeliveries of the same bodies, and commands.
    const pullRequestBody = (pr: (typeof prs)[number], action: string, sha: string) =>
      JSON.stringify({
        action,
        number: pr.number,
        pull_request: { number: pr.number, user: { login: 'octocat' }, head: { sha }, base: { sha: baseSha, repo: { default_branch: 'main' } }, changed_files: 1 },
        repository: { name: standIn.github.repo, owner: { login: standIn.github.owner }, full_name: `${standIn.github.owner}/${standIn.github.repo}`, default_branch: 'main' },
        installation: { id: 1 },
        sender: { login: 'octocat', type: 'User' },
      });
    const commentBody = (pr: (typeof prs)[number], i: number) =>
      JSON.stringify({
        action: 'created',
        issue: { number: pr.number, user: { login: 'octocat' }, pull_request: { url: 'x' } },
        comment: { id: 90_000 + i, body: '/trackguard review', user: { login: 'octocat', type: 'User' } },
        repository: { name: standIn.github.repo, owner: { login: standIn.github.owner }, full_name: `${standIn.github.owner}/${standIn.github.repo}`, default_branch: 'main' },
        installation: { id: 1 },
        sender: { login: 'octocat', type: 'User' },
      });
    const deliveries: Array<{ event: string; body: string }> = [];
    for (let i = 0; deliveries.length < options.deliveries; i++) {
      const pr = prs[i % prs.length] as (typeof prs)[number];
      const kind = Math.floor(i / prs.length) % 4;
      if (kind === 0) deliveries.push({ event: 'pull_request', body: pullRequestBody(pr, 'opened', pr.heads[0] ?? '') });
      else if (kind === 1) deliveries.push({ event: 'pull_request', body: pullRequestBody(pr, 'synchronize', pr.heads[1] ?? '') });
      else if (kind === 2) deliveries.push({ event: 'pull_request', body: pullRequestBody(pr, 'synchronize', pr.heads[1] ?? '') });
      else deliveries.push({ event: 'issue_comment', body: commentBody(pr, i) });
    }

    const pid = server.pid ?? 0;
    const rss = { start: rssOf(pid), quarter: 0, end: 0, peak: 0 };
    const sampler = setInterval(() => (rss.peak = Math.max(rss.peak, rssOf(pid))), 50);
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let next = 0;
    const began = performance.now();
    const beganAt = Date.now();
    const worker = async () => {
      while (next < deliveries.length) {
        const index = next++;
        if (index === Math.floor(deliveries.length / 4)) rss.quarter = rssOf(pid);
        const delivery = deliveries[index] as (typeof deliveries)[number];
        const signature = `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`;
        const t = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': delivery.event, 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature },
          body: delivery.body,
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));

    // Wait until the expected end state (a completed run per head commit, a comment per analytics
    // PR) has held for four quiet seconds: Octokit paces writes as GitHub asks (one per second, a
    // comment every three), so gaps between requests are normal and not a sign of the end.
    const settled = () =>
      prs.every(
        (pr) =>
          standIn.github.ownComments(pr.number).length >= (pr.analytics ? 1 : 0) &&
          pr.heads.every((sha) => standIn.github.checkRuns.some((r) => r.head_sha === sha && r.status === 'completed')),
      ) && !standIn.github.checkRuns.some((r) => r.status !== 'completed');
    let quietSince = Date.now();
    let seen = -1;
    for (;;) {
      const count = standIn.github.requests.length;
      if (count !== seen || !settled()) {
        seen = count;
        quietSince = Date.now();
      }
      if (Date.now() - quietSince >= 4_000) break;
      if (Date.now() - beganAt > 600_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    clearInterval(sampler);
    rss.end = rssOf(pid);
    const wallMs = performance.now() - began;

    const commentProblems: string[] = [];
    const checkProblems: string[] = [];
    for (const pr of prs) {
      const comments = standIn.github.ownComments(pr.number).length;
      if (comments !== (pr.analytics ? 1 : 0)) commentProblems.push(`#${pr.number}: ${comments} comments`);
      for (const sha of pr.heads) {
        const runs = standIn.github.checkRuns.filter((r) => r.head_sha === sha);
        if (runs.length !== 1 || runs[0]?.status !== 'completed') checkProblems.push(`${sha.slice(0, 7)}: ${runs.length} runs, ${runs.map((r) => r.status).join(', ')}`);
      }
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      deliveries: deliveries.length,
      concurrency: options.concurrency,
      pullRequests: prs.length,
      statuses,
      latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 },
      rssMb: rss,
      wallMs,
      commentProblems,
      checkProblems,
      apiRequests: standIn.github.requests.length,
      ...(commentProblems.length || checkProblems.length ? { logTail: `${log.slice(-3000)}\nrequests: ${standIn.github.requests.map((r) => `${r.method} ${r.path}`).join('\n')}\nunexpected: ${standIn.github.unexpected.join(', ')}` } : {}),
    };
  } finally {
    server.kill('SIGTERM');
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function record(result: LoadResult): string {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return `# Load test

Recorded by \`npm run load\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}): ${result.deliveries} signed deliveries —
pull_request opened and synchronize for ${result.pullRequests} pull requests, redeliveries of the same
bodies, and \`/trackguard review\` commands — sent with concurrency ${result.concurrency} to the real server
(\`node dist/src/server.js\`) on 127.0.0.1, with GitHub served by the stand-in in \`src/testing/\`.
Archive downloads were slowed by the stand-in on purpose, so every review took longer than an answer
may take.

| figure | value |
|---|---|
| deliveries answered | ${Object.entries(result.statuses).map(([status, n]) => `${n} × ${status}`).join(', ')} |
| answer latency p50 / p95 / p99 / max | ${ms(result.latencyMs.p50)} / ${ms(result.latencyMs.p95)} / ${ms(result.latencyMs.p99)} / ${ms(result.latencyMs.max)} |
| server RSS at start / after a quarter / at the end / peak | ${result.rssMb.start} / ${result.rssMb.quarter} / ${result.rssMb.end} / ${result.rssMb.peak} MB |
| until every review had finished | ${(result.wallMs / 1000).toFixed(1)} s |
| GitHub API requests | ${result.apiRequests} |
| pull requests not ending with exactly one sticky comment (where due) | ${result.commentProblems.length} |
| head commits not ending with exactly one completed check run | ${result.checkProblems.length} |

GitHub gives a webhook 10 seconds to be answered: the server answers at once and reviews in the
background, one at a time per pull request (which is also why two deliveries for the same pull request
never produce two comments), so the slowest answer stays far below that even while reviews take longer.
Throughput is bounded by GitHub's own pacing of writes, which Probot's throttling follows (one write a
second, one new comment every three seconds per installation): the time until every review had finished
is mostly that pacing, not review work.
`;
}

if (process.argv[1]?.endsWith('run.js')) {
  const result = await runLoad({ deliveries: 500, concurrency: 20, pullRequests: 50, slowArchiveMs: 2_000 });
  writeFileSync('docs/load-test.md', record(result));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (result.commentProblems.length || result.checkProblems.length || Object.keys(result.statuses).some((s) => s !== '200')) process.exitCode = 1;
}
