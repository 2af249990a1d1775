import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { Snapshot } from '../engine/snapshot.js';

const exec = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

export class GitError extends Error {}

export async function git(repo: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', ['-C', repo, ...args], { maxBuffer: MAX_BUFFER, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GitError(stderr ? stderr.split('\n')[0] : `git ${args.join(' ')} failed`);
  }
}

/** The root of the work tree holding `dir`: a review from a subfolder reviews the whole repository. */
export async function workTreeRoot(dir: string): Promise<string> {
  return (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
}

export async function isGitRepository(dir: string): Promise<boolean> {
  try {
    return (await git(dir, ['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    return false;
  }
}

export async function resolveCommit(repo: string, ref: string): Promise<string> {
  try {
    return (await git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  } catch {
    throw new GitError(`unknown revision '${ref}'`);
  }
}

/** The branch the repository merges into: origin's HEAD, else main, else master. */
export async function defaultBranch(repo: string): Promise<string> {
  try {
    const ref = (await git(repo, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'])).trim();
    if (ref) return ref.replace(/^refs\/remotes\//, '');
  } catch {
    // no remote HEAD: fall through to the usual names
  }
  for (const name of ['main', 'master', 'origin/main', 'origin/master']) {
    try {
      await resolveCommit(repo, name);
      return name;
    } catch {
      // try the next
    }
  }
  throw new GitError('cannot find the default branch (no main or master); pass --base');
}

export async function mergeBase(repo: string, a: string, b: string): Promise<string> {
  return (await git(repo, ['merge-base', a, b])).trim();
}

/** Reads many blobs through one `git cat-file --batch` process instead of one process per file. */
async function catFiles(repo: string, specs: readonly string[]): Promise<Array<string | undefined>> {
  if (specs.length === 0) return [];
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      const data = Buffer.concat(chunks);
      const out: Array<string | undefined> = [];
      let offset = 0;
      for (let i = 0; i < specs.length; i++) {
        const newline = data.indexOf(10, offset);
        if (newline < 0) break;
        const header = data.subarray(offset, newline).toString('utf8');
        offset = newline + 1;
        const match = /^\S+ (\w+) (\d+)$/.exec(header);
        if (!match) {
          out.push(undefined);
          continue;
        }
        const size = Number(match[2]);
        const body = data.subarray(offset, offset + size);
        offset += size + 1;
        out.push(match[1] === 'blob' && !body.includes(0) ? body.toString('utf8') : undefined);
      }
      resolve(out);
    });
    child.stdin.end(specs.map((s) => `${s}\n`).join(''));
  });
}

/** A commit (or tree-ish) of a local repository. */
export class GitTreeSnapshot implements Snapshot {
  private files: Promise<string[]> | undefined;

  constructor(
    private readonly repo: string,
    private readonly commit: string,
    readonly label: string,
  ) {}

  list(): Promise<readonly string[]> {
    this.files ??= git(this.repo, ['ls-tree', '-r', '-z', '--name-only', this.commit]).then((out) => out.split('\0').filter(Boolean));
    return this.files;
  }

  async read(path: string): Promise<string | undefined> {
    return (await this.readMany([path])).get(path);
  }

  async readMany(paths: readonly string[]): Promise<Map<string, string>> {
    const texts = await catFiles(this.repo, paths.map((p) => `${this.commit}:${p}`));
    return zip(paths, texts);
  }
}

/** What is staged for the next commit (the index): a pre-commit hook's view. */
export class GitIndexSnapshot implements Snapshot {
  readonly label = 'staged';
  private entries: Promise<Map<string, string>> | undefined;

  constructor(private readonly repo: string) {}

  private load(): Promise<Map<string, string>> {
    this.entries ??= git(this.repo, ['ls-files', '-s', '-z']).then((out) => {
      const map = new Map<string, string>();
      for (const entry of out.split('\0')) {
        const match = /^\d+ ([0-9a-f]+) 0\t(.+)$/.exec(entry);
        if (match?.[1] && match[2]) map.set(match[2], match[1]);
      }
      return map;
    });
    return this.entries;
  }

  async list(): Promise<readonly string[]> {
    return [...(await this.load()).keys()].sort();
  }

  async read(path: string): Promise<string | undefined> {
    return (await this.readMany([path])).get(path);
  }

  async readMany(paths: readonly string[]): Promise<Map<string, string>> {
    const entries = await this.load();
    const known = paths.filter((p) => entries.has(p));
    return zip(known, await catFiles(this.repo, known.map((p) => entries.get(p) as string)));
  }
}

function zip(paths: readonly string[], texts: ReadonlyArray<string | undefined>): Map<string, string> {
  const out = new Map<string, string>();
  paths.forEach((path, i) => {
    const text = texts[i];
    if (text !== undefined) out.set(path, text);
  });
  return out;
}

/** Paths that differ between two commits, or between a commit and the index (`to` undefined). */
export async function changedFiles(repo: string, from: string, to: string | undefined): Promise<string[]> {
  const args = to ? ['diff', '--name-only', '-z', '--no-renames', from, to] : ['diff', '--cached', '--name-only', '-z', '--no-renames', from];
  return (await git(repo, args)).split('\0').filter(Boolean);
}
