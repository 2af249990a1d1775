/**
 * One measurement in a fresh process (so peak RSS is this scenario's own), printed as one JSON line.
 * Usage: node dist/scripts/bench/scenario.js <engine|app|audit|floor|eslint> <repoFiles> <changedFiles>
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ts } from 'ts-morph';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { Probot, ProbotOctokit } from 'probot';
import { createTrackguard } from '../../src/app.js';
import { review } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import { startStandIn } from '../../src/testing/stand-in-server.js';
import { generatePullRequest, generateRepo } from './generate.js';
import { SMALL_REPEAT } from './repeat.js';

export interface Measurement {
  kind: string;
  repoFiles: number;
  changed: number;
  /** Code files read (both versions of modified files count once each). */
  filesMeasured: number;
  lines: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  apiCalls?: number;
  findings?: number;
  /** The engine's own split: plan loading, code extraction, rules. */
  timings?: { planMs: number; codeMs: number; rulesMs: number };
}

const EVENTS = 300;
const CODE = /\.(ts|tsx)$/;

async function measure(fn: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs: number; result: unknown }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, result };
}

async function main(): Promise<void> {
  const [kind = 'engine', repoArg = '1000', changedArg = '10'] = process.argv.slice(2);
  // Warm up on small, different pull requests of the same kind of repository, so every scenario is
  // measured as a long-running server runs it: code hot, the repository's unchanged modules known.
  if (kind !== 'app') for (const seed of [1234, 2345, 3456]) await run(kind, 400, kind === 'audit' ? 400 : 50, seed);
  const changed = Number(changedArg);
  const repeat = kind !== 'app' && changed < 100 ? SMALL_REPEAT : 1;
  const runs: Measurement[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await run(kind, Number(repoArg), changed, 42 + i * 100));
  const out = average(runs);
  out.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function average(runs: readonly Measurement[]): Measurement {
  const first = runs[0] as Measurement;
  if (runs.length === 1) return first;
  const mean = (pick: (m: Measurement) => number) => runs.reduce((sum, m) => sum + pick(m), 0) / runs.length;
  const out: Measurement = { ...first, wallMs: mean((m) => m.wallMs), cpuMs: mean((m) => m.cpuMs) };
  if (first.timings) {
    out.timings = {
      planMs: mean((m) => m.timings?.planMs ?? 0),
      codeMs: mean((m) => m.timings?.codeMs ?? 0),
      rulesMs: mean((m) => m.timings?.rulesMs ?? 0),
    };
  }
  return out;
}

async function run(kind: string, repoFiles: number, changedCount: number, seed: number): Promise<Measurement> {
  const repo = generateRepo(repoFiles, EVENTS, seed);
  const pr = kind === 'audit' ? { head: repo.files, changed: [...repo.files.keys()] } : generatePullRequest(repo, changedCount, seed + 1);
  const changedCode = pr.changed.filter((f) => CODE.test(f));
  // The floor and the peer read each changed code file once, as it is at head: the least any tool must do.
  const texts = changedCode.map((f) => [f, pr.head.get(f) ?? ''] as const);
  const lines = changedCode.reduce((sum, f) => sum + (pr.head.get(f) ?? '').split('\n').length, 0);
  let out: Measurement;
  const base = { kind, repoFiles, changed: pr.changed.length, filesMeasured: texts.length, lines };

  if (kind === 'engine' || kind === 'audit') {
    const m = await measure(() =>
      kind === 'audit'
        ? review({ head: new MemorySnapshot(repo.files), mode: 'all', config: null })
        : review({ base: new MemorySnapshot(repo.files), head: new MemorySnapshot(pr.head), mode: 'diff', config: null, changedFiles: pr.changed }),
    );
    const report = m.result as { findings: unknown[]; timings?: { codeMs: number; rulesMs: number; planMs: number } };
    out = { ...base, wallMs: m.wallMs, cpuMs: m.cpuMs, peakRssMb: 0, findings: report.findings.length, ...(report.timings ? { timings: report.timings } : {}) };
  } else if (kind === 'floor') {
    const m = await measure(async () => {
      for (const [name, text] of texts) ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, name.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    });
    out = { ...base, wallMs: m.wallMs, cpuMs: m.cpuMs, peakRssMb: 0 };
  } else if (kind === 'eslint') {
    const eslint = new ESLint({
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts', '**/*.tsx'],
          languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
          rules: {
            'no-restricted-syntax': [
              'error',
              'CallExpression[callee.property.name=/^(track|capture|captureImmediate|logEvent|identify)$/]',
              'CallExpression[callee.name=/^(trackEvent|trackServer|track|capture)$/]',
            ],
          },
        },
      ],
    });
    const m = await measure(async () => {
      for (const [name, text] of texts) await eslint.lintText(text, { filePath: join(process.cwd(), name) });
    });
    out = { ...base, wallMs: m.wallMs, cpuMs: m.cpuMs, peakRssMb: 0 };
  } else if (kind === 'app') {
    out = { ...base, peakRssMb: 0, ...(await endToEnd(repo.files, pr.head, pr.changed.length)) };
  } else throw new Error(`unknown scenario ${kind}`);
  return out;
}

/** The app in-process, its GitHub API served over HTTP on 127.0.0.1 by the stand-in, backed by a git repository. */
async function endToEnd(baseFiles: Map<string, string>, headFiles: Map<string, string>, changed: number) {
  const dir = mkdtempSync(join(tmpdir(), 'trackguard-bench-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const write = (files: Map<string, string>) => {
    for (const [path, text] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  try {
    git('init', '-q', '-b', 'main');
    write(baseFiles);
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const baseSha = git('rev-parse', 'HEAD').trim();
    // A small pull request reviewed first, so the measured review runs as in a server that is up:
    // installation token and app identity already cached.
    git('checkout', '-q', '-b', 'warmup');
    writeFileSync(join(dir, 'src/warmup.ts'), "import posthog from 'posthog-js';\nposthog.capture('report_viewed');\n");
    git('add', '-A');
    git('commit', '-q', '-m', 'warm-up');
    const warmupSha = git('rev-parse', 'HEAD').trim();
    git('checkout', '-q', 'main');
    git('checkout', '-q', '-b', 'feature');
    write(headFiles);
    git('add', '-A');
    git('commit', '-q', '-m', 'head');
    const headSha = git('rev-parse', 'HEAD').trim();
    const standIn = await startStandIn(dir);
    standIn.github.pulls.set(1, { number: 1, headSha, baseSha, author: 'dev' });
    standIn.github.pulls.set(2, { number: 2, headSha: warmupSha, baseSha, author: 'dev' });
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const Octokit = ProbotOctokit.defaults((options: object) => ({ ...options, throttle: { enabled: false }, retry: { enabled: false } }));
    const probot = new Probot({ appId: standIn.github.appId, privateKey, baseUrl: `http://${standIn.host}/api/v3`, Octokit, logLevel: 'warn' });
    const app = createTrackguard({ dedupeMs: 0 });
    await probot.load(app);
    const payload = {
      action: 'opened',
      number: 1,
      pull_request: { number: 1, user: { login: 'dev' }, head: { sha: headSha }, base: { sha: baseSha, repo: { default_branch: 'main' } }, changed_files: changed },
      repository: { name: standIn.github.repo, owner: { login: standIn.github.owner }, full_name: `${standIn.github.owner}/${standIn.github.repo}`, default_branch: 'main' },
      installation: { id: 1 },
      sender: { login: 'dev', type: 'User' },
    };
    const warmup = { ...payload, number: 2, pull_request: { ...payload.pull_request, number: 2, head: { sha: warmupSha }, changed_files: 1 } };
    await probot.receive({ id: 'warmup', name: 'pull_request', payload: warmup } as unknown as Parameters<Probot['receive']>[0]);
    await app.idle();
    standIn.github.requests.length = 0;
    const m = await measure(async () => {
      await probot.receive({ id: 'bench', name: 'pull_request', payload } as unknown as Parameters<Probot['receive']>[0]);
      await app.idle();
    });
    const outcome = app.outcomes.at(-1);
    if (!outcome || outcome.conclusion === 'error') throw new Error(`the review did not complete: ${JSON.stringify(outcome)}`);
    await standIn.close();
    return { wallMs: m.wallMs, cpuMs: m.cpuMs, apiCalls: standIn.github.requests.length, findings: outcome.report?.findings.length ?? 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
