#!/usr/bin/env node
// Builds a throwaway git repository from fixtures/demo (base on main, the PR on a feature branch)
// and runs `trackguard review` on the branch, as a developer would before opening the PR.
// Extra arguments go to the review: `npm run demo -- --format markdown`.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'src', 'cli.js');
if (!existsSync(cli)) {
  console.error('trackguard is not built yet: run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}

const repo = mkdtempSync(join(tmpdir(), 'trackguard-demo-'));
const git = (...args) => execFileSync('git', ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });
try {
  cpSync(join(root, 'fixtures', 'demo', 'base'), repo, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Reports app with its tracking plan');
  git('checkout', '-q', '-b', 'feature/scheduled-reports');
  cpSync(join(root, 'fixtures', 'demo', 'pr'), repo, { recursive: true });
  git('add', '-A');
  git('commit', '-q', '-m', 'Schedule reports by email');

  console.log(`Demo repository: ${repo}\nBranch feature/scheduled-reports, reviewed against main:\n`);
  const result = spawnSync(process.execPath, [cli, 'review', '--repo', repo, ...process.argv.slice(2)], { stdio: 'inherit' });
  const code = result.status ?? 2;
  if (code === 1) console.log('\n(trackguard exits 1 here: the pull request has blocking findings, so CI would fail.)');
  process.exitCode = code === 1 ? 0 : code;
} finally {
  rmSync(repo, { recursive: true, force: true });
}
