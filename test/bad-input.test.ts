import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../src/engine/review.js';
import { MemorySnapshot } from '../src/engine/snapshot.js';
import { DirectorySnapshot } from '../src/local/directory.js';
import { renderMarkdown } from '../src/report/markdown.js';

/** The bad-input matrix of SECURITY.md: each row, and what trackguard does with it. */
describe('bad input', () => {
  it('deeply nested YAML and JSON plans are read without a stack overflow', async () => {
    const deepYaml = `version: 1\nx-deep: ${'['.repeat(5_000)}${']'.repeat(5_000)}\nevents:\n  a_done: {}\n`;
    const deepJson = `{"version": 1, "x-deep": ${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}, "events": {}}`;
    for (const [file, text] of [['tracking-plan.yaml', deepYaml], ['tracking-plan.json', deepJson]] as const) {
      const report = await review({ head: new MemorySnapshot({ [file]: text }), config: null });
      expect(['success', 'failure', 'neutral']).toContain(report.conclusion);
    }
  });

  it('a 50 MB plan is skipped and the review concludes neutral, saying so', async () => {
    const big = `version: 1\nevents:\n${'  # padding padding padding padding padding padding padding padding padding\n'.repeat(700_000)}`;
    expect(big.length).toBeGreaterThan(50_000_000);
    const report = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': big }), config: null });
    expect(report.conclusion).toBe('neutral');
    expect(report.incomplete[0]?.reason).toContain('limits.max_file_bytes');
  });

  it('non-UTF-8 text is read as replacement characters, not a crash', async () => {
    const latin1 = Buffer.from('version: 1\nevents:\n  caf\xe9_opened: {}\n', 'latin1').toString('utf8');
    const report = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': latin1, 'src/a.ts': Buffer.from([0xff, 0xfe, 0x41, 0x0a]).toString('utf8') }), config: null });
    expect(report.findings.some((f) => f.ruleId === 'naming/event-name')).toBe(true);
  });

  it('symbolic links are not followed and paths with .. are refused', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'trackguard-outside-'));
    const repo = mkdtempSync(join(tmpdir(), 'trackguard-links-'));
    try {
      writeFileSync(join(outside, 'secret.ts'), "window.analytics.track('leaked_event', { password: process.env.PASSWORD });\n");
      mkdirSync(join(repo, 'src'));
      symlinkSync(join(outside, 'secret.ts'), join(repo, 'src', 'linked.ts'));
      symlinkSync(outside, join(repo, 'linked-dir'));
      const snapshot = new DirectorySnapshot(repo);
      expect(await snapshot.list()).toEqual([]);
      expect(await snapshot.read('src/linked.ts')).toBeUndefined();
      expect(await snapshot.read('../' + outside.split('/').pop() + '/secret.ts')).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true, force: true });
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('thousands of findings are capped, most severe first, and the report says so', async () => {
    const events = Array.from({ length: 1_500 }, (_, i) => `  Event${i}Happening:\n    properties:\n      email${i}: { type: string }`).join('\n');
    const report = await review({ head: new MemorySnapshot({ 'tracking-plan.yaml': `version: 1\nevents:\n${events}\n` }), config: null });
    expect(report.findings).toHaveLength(1_000);
    expect(report.findings[0]?.severity).toBe('P0');
    expect(report.conclusion).toBe('failure');
    expect(report.incomplete.some((i) => i.reason.includes('limits.max_findings'))).toBe(true);
    expect(renderMarkdown(report).length).toBeGreaterThan(0);
  });
});

describe('nothing from the reviewed repository is executed', () => {
  it('reviews a repository whose files would leave a mark if anything ran them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackguard-inert-'));
    const marker = join(dir, 'EXECUTED');
    const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); process.exit(42);\n`;
    try {
      const files = {
        'tracking-plan.yaml': 'version: 1\nevents:\n  a_done: {}\n',
        '.github/trackguard.yml': 'fail_on: P1\n',
        'trackguard.config.js': payload,
        'src/analytics.ts': `${payload}import posthog from 'posthog-js';\nposthog.capture('a_done');\nexport {};\n`,
        'src/index.js': payload,
        'package.json': JSON.stringify({ scripts: { postinstall: payload, prepare: payload } }),
        'node_modules/posthog-js/index.js': payload,
        'src/wrapper.mjs': `import './side-effect.mjs';\n${payload}export const track = (e) => window.analytics.track(e);\n`,
        'src/side-effect.mjs': payload,
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const report = await review({ head: new DirectorySnapshot(dir), mode: 'all' });
      expect(report.findings.length).toBeGreaterThanOrEqual(0);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
