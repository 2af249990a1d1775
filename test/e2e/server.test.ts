import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { payload, testPrivateKey } from '../helpers/probot-harness.js';
import { freePort, startStandIn } from '../../src/testing/stand-in-server.js';

const SECRET = 'e2e-webhook-secret';
const PLAN = 'version: 1\nevents:\n  report_exported:\n    description: d\n    owner: o\n    trigger: t\n    properties:\n      report_id: { type: string, format: uuid, description: d }\n';

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the server');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

describe('end to end: the real server against a local GitHub stand-in', () => {
  let repo: TempRepo;
  let standIn: Awaited<ReturnType<typeof startStandIn>>;
  let server: ChildProcess;
  let port: number;
  let output = '';
  let base = '';
  let head = '';

  beforeAll(async () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.start).toBe('node dist/src/server.js');
    repo = new TempRepo().write({ 'tracking-plan.yaml': PLAN }).commit('base');
    base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ 'tracking-plan.yaml': PLAN.replace('      report_id:', '      owner_email: { type: string, description: d }\n      report_id:') }).commit('leak');
    head = repo.git('rev-parse', 'HEAD').trim();
    standIn = await startStandIn(repo.dir);
    standIn.github.pulls.set(7, { number: 7, headSha: head, baseSha: base, author: 'octocat' });
    port = await freePort();
    server = spawn(process.execPath, ['dist/src/server.js'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        APP_ID: String(standIn.github.appId),
        PRIVATE_KEY: testPrivateKey(),
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        GHE_HOST: standIn.host,
        GHE_PROTOCOL: 'http',
        LOG_LEVEL: 'trace',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(() => /Listening on|listening/i.test(output), 20_000);
  }, 60_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    await standIn?.close();
    repo?.remove();
  });

  const deliver = async (body: string, signature: string) =>
    fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature },
      body,
    });

  const event = () =>
    JSON.stringify(
      payload('pull_request', 'opened', (p) => {
        p.number = 7;
        p.pull_request.number = 7;
        p.pull_request.head.sha = head;
        p.pull_request.base.sha = base;
        p.pull_request.base.repo.default_branch = 'main';
        p.pull_request.user.login = 'octocat';
      }),
    );

  it('rejects a forged signature and posts nothing', async () => {
    const body = event();
    const forged = await deliver(body, sign(body, 'not-the-secret'));
    expect([400, 401]).toContain(forged.status);
    const unsigned = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID() },
      body,
    });
    expect([400, 401]).toContain(unsigned.status);
    await new Promise((r) => setTimeout(r, 300));
    // A genuine delivery replayed with an altered body keeps its old signature: rejected too.
    const signed = sign(body);
    const altered = body.replace('"number":7', '"number":8');
    expect(altered).not.toBe(body);
    expect([400, 401]).toContain((await deliver(altered, signed)).status);
    await new Promise((r) => setTimeout(r, 300));
    expect(standIn.github.checkRuns).toEqual([]);
    expect(standIn.github.comments).toEqual([]);
  });

  it('reviews a signed pull_request delivery: check run and sticky comment', async () => {
    const body = event();
    const started = Date.now();
    const response = await deliver(body, sign(body));
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitFor(() => standIn.github.checkRuns.some((r) => r.status === 'completed') && standIn.github.comments.length > 0);
    const run = standIn.github.checkRuns[0];
    expect(run).toMatchObject({ name: 'trackguard', head_sha: head, conclusion: 'failure' });
    expect(run?.annotations[0]).toMatchObject({ path: 'tracking-plan.yaml', start_line: 8, annotation_level: 'failure' });
    expect(standIn.github.comments).toHaveLength(1);
    expect(standIn.github.comments[0]?.body).toContain('owner_email');
    expect(standIn.github.unexpected).toEqual([]);
  });

  it('never writes a secret to its logs, even at trace level', () => {
    expect(output.length).toBeGreaterThan(0);
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain('ghs_installation_token');
    const keyBody = testPrivateKey().split('\n').slice(1, -2).join('');
    for (const line of testPrivateKey().split('\n').slice(1, 4)) expect(output).not.toContain(line);
    expect(output).not.toContain(keyBody.slice(0, 40));
  });

  it('refuses to start in production without a webhook secret', async () => {
    const child = spawn(process.execPath, ['dist/src/server.js'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', APP_ID: '1', PRIVATE_KEY: testPrivateKey(), PORT: String(await freePort()), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('refusing to start in production without WEBHOOK_SECRET');
  });
});
