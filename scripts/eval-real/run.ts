/**
 * The real-world evaluation: checks the repositories of fixtures/real-world/MANIFEST.tsv out of
 * local git snapshots, reviews each whole tree (`review --all`), and scores the result against the
 * hand labels in fixtures/real-world/LABELS.jsonl.
 *
 *   npm run eval:real -- --mirrors DIR [--only owner/name] [--write] [--keep] [--show-unjudged]
 *
 * DIR holds one folder per repository, `owner+name`, with its git directory in `repo/` (or the
 * folder itself is the git directory). Nothing fetched is written inside the project: trees go to
 * a temporary folder that is removed afterwards unless --keep is given. Not part of `npm test`.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { JsonReport } from '../../src/report/json.js';
import { addRuleScores, score, type Label, type RepoScore, type RuleScore } from './score.js';

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(here, '..', '..', '..');
const fixtures = join(projectRoot, 'fixtures', 'real-world');

const { values } = parseArgs({
  options: {
    mirrors: { type: 'string' },
    only: { type: 'string', multiple: true },
    write: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'show-unjudged': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

if (!values.mirrors) {
  process.stderr.write('usage: npm run eval:real -- --mirrors DIR [--only owner/name] [--write] [--keep] [--show-unjudged]\n');
  process.exit(2);
}

const manifest = (await readFile(join(fixtures, 'MANIFEST.tsv'), 'utf8'))
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#') && !line.startsWith('repo\t'))
  .map((line) => {
    const [repo = '', commit = '', shape = ''] = line.split('\t');
    return { repo, commit, shape };
  })
  .filter((entry) => !values.only?.length || values.only.includes(entry.repo));
const labels: Label[] = (await readFile(join(fixtures, 'LABELS.jsonl'), 'utf8'))
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Label);

const work = await mkdtemp(join(tmpdir(), 'trackguard-eval-'));
const results: Array<RepoScore & { shape: string; ms: number; maxRssMb: number; files: number }> = [];
try {
  for (const entry of manifest) {
    const gitDir = findGitDir(values.mirrors, entry.repo);
    if (!gitDir) {
      process.stderr.write(`${entry.repo}: no snapshot under ${values.mirrors}; skipped\n`);
      continue;
    }
    const tree = join(work, entry.repo.replace('/', '__'));
    const files = await checkout(gitDir, entry.commit, tree);
    const meta = labels.find((l) => l.repo === entry.repo && l.label === 'meta');
    if (meta?.config) {
      // The owner's configuration the labels assume; a repository's own file would win.
      const configPath = join(tree, '.github', 'trackguard.yml');
      if (!existsSync(configPath)) {
        await mkdir(join(tree, '.github'), { recursive: true });
        await writeFile(configPath, meta.config);
      }
    }
    const { ms, maxRssKb, report } = await reviewTree(tree);
    const mine = labels.filter((l) => l.repo === entry.repo);
    const result = { ...score(entry.repo, mine, report), shape: entry.shape, ms, maxRssMb: maxRssKb / 1024, files };
    results.push(result);
    process.stdout.write(
      `${entry.repo}: sites ${result.sitesRecognised}/${result.sites} · recall ${pct(result.recall)} · precision ${pct(result.precision)} (${result.unjudged} unjudged) · ${(ms / 1000).toFixed(1)} s · ${result.maxRssMb.toFixed(0)} MB\n`,
    );
    if (values['show-unjudged']) for (const u of result.unjudgedFindings) process.stdout.write(`  unjudged ${u}\n`);
    const shown = values.verbose ? Infinity : 15;
    for (const m of result.missedSites.slice(0, shown)) process.stdout.write(`  missed site ${m}\n`);
    for (const m of result.wrongSites) process.stdout.write(`  wrong site ${m}\n`);
    for (const m of result.missedFlags.slice(0, shown)) process.stdout.write(`  missed flag ${m}\n`);
    for (const f of result.falsePositives.slice(0, shown)) process.stdout.write(`  false positive ${f}\n`);
    if (!values.keep) await rm(tree, { recursive: true, force: true });
  }
} finally {
  if (!values.keep) await rm(work, { recursive: true, force: true });
  else process.stdout.write(`trees kept in ${work}\n`);
}

const table = renderTable(results);
process.stdout.write(`\n${table}\n`);
const ruleTotals = new Map<string, RuleScore>();
for (const r of results) addRuleScores(ruleTotals, r.byRule);
const ruleTable = renderRuleTable(ruleTotals);
process.stdout.write(`\n${ruleTable}\n`);
if (values.write) {
  const path = join(projectRoot, 'docs', 'precision.md');
  const doc = await readFile(path, 'utf8');
  const start = '<!-- real-world:start -->';
  const end = '<!-- real-world:end -->';
  const block = `${start}\n${table}\n${end}`;
  let next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${doc.trimEnd()}\n\n## Real-world evaluation\n\n${block}\n`;
  const ruleStart = '<!-- real-world-rules:start -->';
  const ruleEnd = '<!-- real-world-rules:end -->';
  const ruleBlock = `${ruleStart}\n${ruleTable}\n${ruleEnd}`;
  next = next.includes(ruleStart) ? next.replace(new RegExp(`${ruleStart}[\\s\\S]*?${ruleEnd}`), ruleBlock) : next.replace(end, `${end}\n\nPer rule, over all repositories:\n\n${ruleBlock}`);
  await writeFile(path, next);
  process.stdout.write(`wrote ${path}\n`);
}

function findGitDir(mirrors: string, repo: string): string | undefined {
  const folder = join(mirrors, repo.replace('/', '+'));
  for (const candidate of [join(folder, 'repo'), folder]) if (existsSync(join(candidate, 'HEAD')) && existsSync(join(candidate, 'objects'))) return candidate;
  return undefined;
}

/** Writes the tree of `commit` into `dest` file by file (objects a snapshot lacks are skipped). */
async function checkout(gitDir: string, commit: string, dest: string): Promise<number> {
  const { stdout } = await exec('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 1 << 30 });
  const entries = stdout
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', type = '', sha = ''] = line.slice(0, tab).split(' ');
      return { mode, type, sha, path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stdin.end(entries.map((e) => e.sha).join('\n') + '\n');
  await done;
  const buffer = Buffer.concat(chunks);
  let offset = 0;
  let written = 0;
  for (const entry of entries) {
    const newline = buffer.indexOf(10, offset);
    const header = buffer.subarray(offset, newline).toString();
    offset = newline + 1;
    if (header.endsWith('missing')) continue;
    const size = Number(header.split(' ')[2]);
    const body = buffer.subarray(offset, offset + size);
    offset += size + 1;
    const target = join(dest, entry.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, body);
    written++;
  }
  return written;
}

async function reviewTree(tree: string): Promise<{ ms: number; maxRssKb: number; report: JsonReport }> {
  const script = join(here, 'review-one.js');
  const { stdout } = await exec(process.execPath, [script, tree], { maxBuffer: 1 << 30 });
  return JSON.parse(stdout) as { ms: number; maxRssKb: number; report: JsonReport };
}

function pct(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${(value * 100).toFixed(1)} %`;
}

/** Flags found and false positives per rule, summed over the repositories. */
function renderRuleTable(totals: ReadonlyMap<string, RuleScore>): string {
  const lines = ['| Rule | Flags found / labelled | Recall | Negatives labelled | False positives | Precision (judged) | Unjudged findings |', '|---|---|---|---|---|---|---|'];
  for (const [rule, s] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    const judged = s.confirmed + s.falsePositives;
    lines.push(`| ${rule} | ${s.found} / ${s.flags} | ${pct(s.flags ? s.found / s.flags : undefined)} | ${s.negatives} | ${s.falsePositives} | ${pct(judged ? s.confirmed / judged : undefined)} | ${s.unjudged} |`);
  }
  return lines.join('\n');
}

function renderTable(rows: typeof results): string {
  const lines = [
    '| Repository | Shape | Files | Call sites recognised / hand-counted | Must-not-recognise recognised | Flags found / labelled | Recall | False positives | Precision (judged) | Unjudged findings | Time | Peak RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.repo} | ${r.shape} | ${r.files} | ${r.sitesRecognised} / ${r.sites} (${pct(r.sites ? r.sitesRecognised / r.sites : undefined)}) | ${r.negativeSitesRecognised} / ${r.negativeSites} | ${r.truePositives} / ${r.flags} | ${pct(r.recall)} | ${r.falsePositiveCount} | ${pct(r.precision)} | ${r.unjudged} | ${(r.ms / 1000).toFixed(1)} s | ${r.maxRssMb.toFixed(0)} MB |`,
    );
  }
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
  const tp = sum((r) => r.truePositives);
  const flags = sum((r) => r.flags);
  const fp = sum((r) => r.falsePositiveCount);
  const sites = sum((r) => r.sites);
  const seen = sum((r) => r.sitesRecognised);
  lines.push(
    `| **all** | | ${sum((r) => r.files)} | ${seen} / ${sites} (${pct(sites ? seen / sites : undefined)}) | ${sum((r) => r.negativeSitesRecognised)} / ${sum((r) => r.negativeSites)} | ${tp} / ${flags} | ${pct(flags ? tp / flags : undefined)} | ${fp} | ${pct(tp + fp ? tp / (tp + fp) : undefined)} | ${sum((r) => r.unjudged)} | | |`,
  );
  return lines.join('\n');
}
