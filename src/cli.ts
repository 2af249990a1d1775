#!/usr/bin/env node
import { constants } from 'node:fs';
import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../package.json' with { type: 'json' };
import { allRules } from '../rules/index.js';
import { review, type ReviewInput } from './engine/review.js';
import type { Snapshot } from './engine/snapshot.js';
import { SEVERITIES, type Report, type Severity } from './engine/types.js';
import { DirectorySnapshot } from './local/directory.js';
import { changedFiles, defaultBranch, GitError, GitIndexSnapshot, GitTreeSnapshot, isGitRepository, mergeBase, resolveCommit, workTreeRoot } from './local/git.js';
import { renderJson } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { renderSarif } from './report/sarif.js';
import { renderText } from './report/text.js';
import { toJsonSchemas, toNativeYaml } from './plan/export.js';
import { loadPlan } from './plan/load.js';
import { resolvePlanSources } from './plan/sources.js';

const HELP = `trackguard ${pkg.version} — reviews tracking plans and analytics instrumentation

Usage:
  trackguard review [options]
  trackguard plan export [--repo DIR] [--plan PATH] [--format yaml|json-schema] [--output PATH]
  trackguard --help | --version

Options:
  --repo DIR        repository to review (default: the current directory)
  --base REF        compare against this commit (default: merge base with the default branch)
  --head REF        review this commit (default: HEAD)
  --staged          review what is staged for the next commit, against HEAD
  --all             review everything at --head (or a plain directory) and report every finding
  --plan PATH       tracking plan file or directory (repeatable; default: from the config, or
                    tracking-plan.yaml|.yml|.json or tracking-plan/)
  --config PATH     configuration file (default: .github/trackguard.yml in the reviewed tree)
  --format FORMAT   text | markdown | json | sarif (default: text)
  --output FILE     write the report to FILE instead of standard output
  --fail-on LEVEL   P0 | P1 | P2 | P3 | never (default: fail_on from the config, else P1)

Exit status: 0 nothing at or above --fail-on, 1 blocking findings, 2 usage or internal error.

plan export reads the plan of the directory (any supported format) and writes it in trackguard's
own YAML (default; to --output or standard output), or as one JSON Schema per event (json-schema;
into the --output folder, or as one JSON object on standard output).
`;

class UsageError extends Error {}

const FORMATS = ['text', 'markdown', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      repo: { type: 'string' },
      base: { type: 'string' },
      head: { type: 'string' },
      staged: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      plan: { type: 'string', multiple: true },
      config: { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'fail-on': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const [command = 'review', ...extra] = positionals;
  if (command === 'plan') {
    if (extra[0] !== 'export' || extra.length > 1) throw new UsageError("unknown plan command (try 'trackguard plan export')");
    return exportPlan(resolve(values.repo ?? '.'), values.plan ?? [], values.format === 'text' ? 'yaml' : values.format, values.output);
  }
  if (command !== 'review') throw new UsageError(`unknown command '${command}' (try --help)`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'never' && !SEVERITIES.includes(failOn as Severity)) {
    throw new UsageError('--fail-on must be P0, P1, P2, P3 or never');
  }
  if (values.staged && (values.base || values.head)) throw new UsageError('--staged cannot be combined with --base or --head');

  const repo = resolve(values.repo ?? '.');
  await checkPaths(repo, values.output, values.plan ?? []);
  const input: ReviewInput = { ...(await snapshots(repo, values)), rules: allRules };
  if (values.config) {
    const text = await readFile(values.config, 'utf8').catch(() => {
      throw new UsageError(`cannot read --config ${values.config}`);
    });
    input.config = { file: values.config, text };
  }
  if (values.plan?.length) input.planPaths = values.plan;
  if (failOn) input.failOn = failOn as Severity | 'never';

  const report = await review(input);
  const output = render(report, format, Boolean(values.output) === false && process.stdout.isTTY === true);
  if (values.output) await writeFile(values.output, output);
  else process.stdout.write(output);
  if (report.conclusion === 'neutral') process.stderr.write('trackguard: the review did not complete; see the report.\n');
  return report.conclusion === 'failure' ? 1 : 0;
}

/**
 * The paths a review needs, checked before it runs: a missing folder or an unwritable output is the
 * user's to fix, and is said as such, not found as an internal error after the work is done.
 */
async function checkPaths(repo: string, output: string | undefined, planPaths: readonly string[]): Promise<void> {
  const info = await stat(repo).catch(() => undefined);
  if (!info) throw new UsageError(`--repo ${repo} does not exist; give the repository's folder (default: the current directory)`);
  if (!info.isDirectory()) throw new UsageError(`--repo ${repo} is a file; give the folder of the repository it belongs to (${dirname(repo)}?)`);
  if (output !== undefined) {
    const folder = dirname(resolve(output));
    const ok = await access(folder, constants.W_OK).then(() => true, () => false);
    const existing = await stat(resolve(output)).catch(() => undefined);
    if (!ok) throw new UsageError(`cannot write --output ${output}: ${folder} does not exist or is not writable`);
    if (existing?.isDirectory()) throw new UsageError(`cannot write --output ${output}: it is a folder; give a file name`);
  }
  for (const plan of planPaths) {
    const inRepo = resolve(repo, plan);
    if (!(await stat(inRepo).catch(() => undefined))) throw new UsageError(`--plan ${plan} does not exist in ${repo} (plan paths are relative to the repository)`);
  }
}

async function snapshots(
  given: string,
  options: { base?: string; head?: string; staged?: boolean; all?: boolean },
): Promise<Pick<ReviewInput, 'head' | 'base' | 'mode' | 'changedFiles'>> {
  const isGit = await isGitRepository(given);
  // Paths in a git repository are read from its root, whichever folder the review starts in.
  const repo = isGit ? await workTreeRoot(given) : given;
  if (!isGit) {
    if (!options.all) throw new UsageError(`${repo} is not a git repository; use --all to review the directory as it is`);
    if (options.base || options.head || options.staged) throw new UsageError('--base, --head and --staged need a git repository');
    return { head: new DirectorySnapshot(repo), mode: 'all' };
  }
  if (options.staged) {
    const head: Snapshot = new GitIndexSnapshot(repo);
    if (options.all) return { head, mode: 'all' };
    // Before the first commit everything staged is the change: it is all reviewed.
    const commit = await resolveCommit(repo, 'HEAD').catch(() => undefined);
    if (commit === undefined) return { head, mode: 'all' };
    return {
      head,
      base: new GitTreeSnapshot(repo, commit, `HEAD (${commit.slice(0, 7)})`),
      mode: 'diff',
      changedFiles: await changedFiles(repo, commit, undefined),
    };
  }
  const headRef = options.head ?? 'HEAD';
  const headCommit = await resolveCommit(repo, headRef);
  const head = new GitTreeSnapshot(repo, headCommit, `head (${headCommit.slice(0, 7)})`);
  if (options.all) return { head, mode: 'all' };
  const baseCommit = options.base ? await resolveCommit(repo, options.base) : await mergeBase(repo, await defaultBranch(repo), headCommit);
  return {
    head,
    base: new GitTreeSnapshot(repo, baseCommit, `base (${baseCommit.slice(0, 7)})`),
    mode: 'diff',
    changedFiles: await changedFiles(repo, baseCommit, headCommit),
  };
}

async function exportPlan(repo: string, planPaths: readonly string[], format: string | undefined, output: string | undefined): Promise<number> {
  if (format !== 'yaml' && format !== 'json-schema') throw new UsageError('plan export --format must be yaml or json-schema');
  const snapshot = new DirectorySnapshot(repo);
  const sources = await resolvePlanSources(snapshot, await snapshot.list(), planPaths.length ? planPaths.map((path) => ({ path })) : undefined);
  const { plan, problems } = await loadPlan(snapshot, sources, { maxFileBytes: 50_000_000, maxAliasCount: 100 });
  for (const problem of problems) process.stderr.write(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}\n`);
  if (!plan) throw new UsageError(`no tracking plan found in ${repo}`);
  if (format === 'yaml') {
    const text = toNativeYaml(plan);
    if (output) await writeFile(output, text);
    else process.stdout.write(text);
    return problems.length ? 1 : 0;
  }
  const schemas = toJsonSchemas(plan);
  if (output) {
    await mkdir(output, { recursive: true });
    for (const [name, text] of schemas) await writeFile(join(output, name), text);
    process.stderr.write(`wrote ${schemas.size} schemas to ${output}\n`);
  } else {
    process.stdout.write(`${JSON.stringify(Object.fromEntries([...schemas].map(([name, text]) => [name, JSON.parse(text) as unknown])), null, 2)}\n`);
  }
  return problems.length ? 1 : 0;
}

function render(report: Report, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return `${renderMarkdown(report)}\n`;
    case 'sarif':
      return renderSarif(report, { rules: allRules, version: pkg.version });
    case 'text':
      return renderText(report, { color: color && !process.env.NO_COLOR });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const parse = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true;
    const known = error instanceof UsageError || error instanceof GitError || parse;
    let message = error instanceof Error ? error.message : String(error);
    // Node's wording for an unknown flag explains positional arguments; the user mistyped a flag.
    const unknown = parse && /^Unknown option '([^']+)'/.exec(message);
    if (unknown) message = `unknown option ${unknown[1]}`;
    process.stderr.write(`trackguard: ${known ? `${message} (see trackguard --help)` : `internal error: ${message}`}\n`);
    process.exitCode = 2;
  },
);
