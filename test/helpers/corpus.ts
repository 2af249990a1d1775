import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readTree } from './tree.js';
import { parse } from 'yaml';
import { review } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import type { Finding } from '../../src/engine/types.js';

export interface Label {
  file: string;
  line: number;
  kind: 'expect' | 'silent';
  /** A category (`pii`) or a rule id (`pii/code-property`). */
  target: string;
}

export interface CaseResult {
  name: string;
  labels: string[];
  matched: Label[];
  missed: Label[];
  unexpected: Finding[];
  silent: Label[];
}

export interface CategoryScore {
  category: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  silentCases: number;
  precision: number;
  recall: number;
}

const LABEL = /(?:\/\/|#)\s*(expect|silent):\s*([\w/,\s-]+?)\s*(?:\*\/)?\s*$/;

function labelsOf(files: Record<string, string>): Label[] {
  const labels: Label[] = [];
  for (const [file, text] of Object.entries(files)) {
    text.split('\n').forEach((line, index) => {
      const match = LABEL.exec(line);
      if (!match) return;
      for (const target of (match[2] ?? '').split(/[\s,]+/).filter(Boolean)) {
        labels.push({ file, line: index + 1, kind: match[1] as Label['kind'], target });
      }
    });
  }
  return labels;
}

const hits = (finding: Finding, label: Label) =>
  finding.file === label.file && finding.line === label.line && (label.target === finding.category || label.target === finding.ruleId);

export async function runCase(dir: string): Promise<CaseResult> {
  const meta = parse(readFileSync(join(dir, 'case.yaml'), 'utf8')) as { labels: string[]; mode?: 'diff' | 'all' };
  const diff = meta.mode === 'diff';
  const head = readTree(diff ? join(dir, 'head') : dir);
  delete head['case.yaml'];
  const base = diff ? readTree(join(dir, 'base')) : undefined;
  const report = await review({ head: new MemorySnapshot(head, 'head'), ...(base ? { base: new MemorySnapshot(base, 'base') } : {}) });
  const inScope = report.findings.filter((f) => meta.labels.includes(f.category));
  const labels = labelsOf(head);
  const expects = labels.filter((l) => l.kind === 'expect');
  return {
    name: dir.split('/').pop() ?? dir,
    labels: meta.labels,
    matched: expects.filter((l) => inScope.some((f) => hits(f, l))),
    missed: expects.filter((l) => !inScope.some((f) => hits(f, l))),
    unexpected: inScope.filter((f) => !expects.some((l) => hits(f, l))),
    silent: labels.filter((l) => l.kind === 'silent'),
  };
}

export async function runCorpus(root: string): Promise<CaseResult[]> {
  const dirs = readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => statSync(d).isDirectory())
    .sort();
  const results: CaseResult[] = [];
  for (const dir of dirs) results.push(await runCase(dir));
  return results;
}

const categoryOf = (target: string) => target.split('/')[0] ?? target;

export function score(results: readonly CaseResult[]): CategoryScore[] {
  const categories = [...new Set(results.flatMap((r) => r.labels))].sort();
  return categories.map((category) => {
    const tp = results.flatMap((r) => r.matched).filter((l) => categoryOf(l.target) === category).length;
    const fn = results.flatMap((r) => r.missed).filter((l) => categoryOf(l.target) === category).length;
    const fp = results.flatMap((r) => r.unexpected).filter((f) => f.category === category).length;
    const silentCases = results.flatMap((r) => r.silent).filter((l) => categoryOf(l.target) === category).length;
    return {
      category,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      silentCases,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    };
  });
}

export function scoreTable(scores: readonly CategoryScore[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    '| Category | Must fire (found / labelled) | False positives | Must-stay-silent cases | Precision | Recall |',
    '|---|---|---|---|---|---|',
    ...scores.map(
      (s) =>
        `| ${s.category} | ${s.truePositives} / ${s.truePositives + s.falseNegatives} | ${s.falsePositives} | ${s.silentCases} | ${pct(s.precision)} | ${pct(s.recall)} |`,
    ),
  ].join('\n');
}
