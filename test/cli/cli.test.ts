import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';

const CLI = resolve('dist/src/cli.js');

function run(args: string[], cwd?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BASE_PLAN = `version: 1
events:
  report_exported:
    description: A user exported a report.
    owner: reports-team
    trigger: After the export succeeds.
    properties:
      report_id: { type: string, format: uuid, required: true, description: Exported report. }
`;
const HEAD_PLAN = `${BASE_PLAN}      customer_email: { type: string, description: Who exported it. }
`;
const TEST_FILE = { 'src/export.test.ts': "expect(track).toHaveBeenCalledWith('report_exported')\n" };

describe('trackguard CLI', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo().write({ 'tracking-plan.yaml': BASE_PLAN, ...TEST_FILE }).commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ 'tracking-plan.yaml': HEAD_PLAN }).commit('add a property');
  });
  afterAll(() => repo.remove());

  it('prints help and version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('trackguard review [options]');
    expect(help.stdout).toContain('--fail-on LEVEL');
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('reviews a branch against its merge base with main and exits 1 on blocking findings', () => {
    const result = run(['review', '--repo', repo.dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('tracking-plan.yaml:9:7');
    expect(result.stdout).toContain('customer_email');
    expect(result.stdout).toContain('pii/plan-property-name');
  });

  it('runs from the repository as the current directory', () => {
    expect(run(['review'], repo.dir).code).toBe(1);
  });

  it('writes JSON to a file with --output', () => {
    const out = join(repo.dir, '..', `tg-${Date.now()}.json`);
    const result = run(['review', '--repo', repo.dir, '--format', 'json', '--output', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const json = JSON.parse(readFileSync(out, 'utf8')) as { conclusion: string; findings: Array<{ ruleId: string; line: number }> };
    rmSync(out);
    expect(json.conclusion).toBe('failure');
    expect(json.findings).toEqual([expect.objectContaining({ ruleId: 'pii/plan-property-name', line: 9 })]);
  });

  it('prints markdown and SARIF', () => {
    expect(run(['review', '--repo', repo.dir, '--format', 'markdown']).stdout).toMatch(/^## ❌ trackguard/);
    const sarif = JSON.parse(run(['review', '--repo', repo.dir, '--format', 'sarif']).stdout) as { version: string };
    expect(sarif.version).toBe('2.1.0');
  });

  it('passes with --fail-on never, and with --base at head', () => {
    expect(run(['review', '--repo', repo.dir, '--fail-on', 'never']).code).toBe(0);
    const clean = run(['review', '--repo', repo.dir, '--base', 'feature', '--head', 'feature']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('No issues found');
  });

  it('reviews an older head against an explicit base', () => {
    expect(run(['review', '--repo', repo.dir, '--base', 'main', '--head', 'main']).code).toBe(0);
  });

  it('reviews the whole repository when started from a subfolder of it', () => {
    const fromRoot = JSON.parse(run(['review', '--all', '--format', 'json'], repo.dir).stdout) as { findings: Array<{ fingerprint: string }> };
    const fromSub = JSON.parse(run(['review', '--all', '--format', 'json'], join(repo.dir, 'src')).stdout) as { findings: Array<{ fingerprint: string }> };
    expect(fromSub.findings.length).toBeGreaterThanOrEqual(1);
    expect(fromSub.findings.map((f) => f.fingerprint)).toEqual(fromRoot.findings.map((f) => f.fingerprint));
  });

  it('reports everything with --all', () => {
    const result = run(['review', '--repo', repo.dir, '--all', '--format', 'json']);
    const json = JSON.parse(result.stdout) as { findings: unknown[] };
    expect(json.findings.length).toBeGreaterThanOrEqual(1);
  });

  it('reviews every staged file with --staged before the first commit', () => {
    const fresh = new TempRepo().write({ 'tracking-plan.yaml': HEAD_PLAN, 'src/unstaged.ts': "window.analytics.track('x', { email: u.email });\n" });
    try {
      fresh.git('add', 'tracking-plan.yaml');
      const result = run(['review', '--repo', fresh.dir, '--staged']);
      expect(result.stderr).not.toContain('unknown revision');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('customer_email');
      expect(result.stdout).not.toContain('unstaged.ts');
    } finally {
      fresh.remove();
    }
  });

  it('reviews what is staged with --staged, ignoring unstaged edits', () => {
    const staged = new TempRepo().write({ 'tracking-plan.yaml': BASE_PLAN, ...TEST_FILE }).commit('base');
    try {
      staged.write({ 'tracking-plan.yaml': HEAD_PLAN });
      expect(run(['review', '--repo', staged.dir, '--staged']).code).toBe(0);
      staged.git('add', 'tracking-plan.yaml');
      staged.write({ 'tracking-plan.yaml': BASE_PLAN });
      const result = run(['review', '--repo', staged.dir, '--staged']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('customer_email');
    } finally {
      staged.remove();
    }
  });

  it('uses --config and --plan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackguard-cfg-'));
    try {
      writeFileSync(join(dir, 'relaxed.yml'), 'rules:\n  pii/plan-property-name: P3\n');
      expect(run(['review', '--repo', repo.dir, '--config', join(dir, 'relaxed.yml')]).code).toBe(0);
      repo.git('mv', 'tracking-plan.yaml', 'plan.yaml');
      const moved = run(['review', '--repo', repo.dir, '--all', '--head', 'feature', '--plan', 'plan.yaml', '--format', 'json']);
      repo.git('mv', 'plan.yaml', 'tracking-plan.yaml');
      expect(JSON.parse(moved.stdout)).toMatchObject({ notes: [expect.stringContaining('No tracking plan found at plan.yaml')] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reviews a plain directory with --all, and asks for --all otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackguard-dir-'));
    try {
      writeFileSync(join(dir, 'tracking-plan.yaml'), HEAD_PLAN);
      const all = run(['review', '--repo', dir, '--all']);
      expect(all.code).toBe(1);
      expect(all.stdout).toContain('customer_email');
      const diff = run(['review', '--repo', dir]);
      expect(diff.code).toBe(2);
      expect(diff.stderr).toMatch(/^trackguard: .* is not a git repository; use --all/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reviews instrumentation code in diff mode with file:line:column', () => {
    const code = new TempRepo()
      .write({ 'tracking-plan.yaml': BASE_PLAN, ...TEST_FILE, 'src/export.ts': "import posthog from 'posthog-js';\nexport const done = (id: string) => posthog.capture('report_exported', { report_id: id });\n" })
      .commit('base');
    try {
      code.git('checkout', '-q', '-b', 'feature');
      code.write({ 'src/share.ts': "import posthog from 'posthog-js';\n\nexport function share(user: { email: string }) {\n  posthog.capture('report_shared', { via: user.email });\n}\n" }).commit('share');
      const result = run(['review', '--repo', code.dir, '--format', 'json']);
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; column: number }> };
      expect(json.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ruleId: 'pii/code-property', file: 'src/share.ts', line: 4, column: 43 }),
          expect.objectContaining({ ruleId: 'registration/unplanned-event', file: 'src/share.ts', line: 4, column: 19 }),
        ]),
      );
      expect(json.findings.every((f) => f.file === 'src/share.ts')).toBe(true);
    } finally {
      code.remove();
    }
  });

  it('exports a plan of another format to trackguard YAML and to JSON Schemas', () => {
    const yaml = run(['plan', 'export', '--repo', 'fixtures/plan-formats/segment-public']);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('version: 1');
    expect(yaml.stdout).toContain('Order Completed:');
    const dir = mkdtempSync(join(tmpdir(), 'trackguard-export-'));
    try {
      const schemas = run(['plan', 'export', '--repo', 'fixtures/plan-formats/rudderstack', '--format', 'json-schema', '--output', dir]);
      expect(schemas.code).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'Order_Completed.schema.json'), 'utf8'))).toMatchObject({ title: 'Order Completed', required: ['order_id', 'revenue', 'currency'] });
      expect(run(['plan', 'export', '--repo', dir, '--format', 'xml']).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a one-line reason on usage errors', () => {
    for (const args of [
      ['review', '--bogus'],
      ['review', '--format', 'xml'],
      ['review', '--fail-on', 'P9'],
      ['frobnicate'],
      ['review', '--repo', repo.dir, '--base', 'no-such-ref'],
      ['review', '--staged', '--base', 'main'],
      ['review', '--config', '/nonexistent/trackguard.yml', '--repo', repo.dir],
      ['review', '--all', '--repo', join(repo.dir, 'no-such-folder')],
      ['review', '--all', '--repo', join(repo.dir, 'tracking-plan.yaml')],
      ['review', '--all', '--repo', repo.dir, '--output', join(repo.dir, 'no-such-folder', 'report.json')],
      ['review', '--all', '--repo', repo.dir, '--output', repo.dir],
      ['review', '--all', '--repo', repo.dir, '--plan', 'no-such-plan.yaml'],
    ]) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^trackguard: /);
      expect(result.stderr).not.toContain('internal error');
      expect(result.stderr, args.join(' ')).toContain('(see trackguard --help)');
    }
  });

  it('says what is wrong with each path before it reviews anything', () => {
    expect(run(['review', '--all', '--repo', join(repo.dir, 'nope')]).stderr).toContain("does not exist; give the repository's folder");
    expect(run(['review', '--all', '--repo', join(repo.dir, 'tracking-plan.yaml')]).stderr).toContain('is a file; give the folder of the repository');
    expect(run(['review', '--all', '--repo', repo.dir, '--output', join(repo.dir, 'nope', 'r.json')]).stderr).toContain('does not exist or is not writable');
    expect(run(['review', '--all', '--repo', repo.dir, '--plan', 'nope.yaml']).stderr).toContain('--plan nope.yaml does not exist');
    expect(run(['review', '--bogus']).stderr.trim()).toBe('trackguard: unknown option --bogus (see trackguard --help)');
  });
});
