import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Snapshot } from '../engine/snapshot.js';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * A plain directory (not a git repository). Symbolic links are not followed, so a link cannot
 * pull files from outside the tree into the review.
 */
export class DirectorySnapshot implements Snapshot {
  private files: Promise<string[]> | undefined;

  constructor(
    private readonly root: string,
    readonly label = 'working tree',
  ) {}

  list(): Promise<readonly string[]> {
    this.files ??= this.walk(this.root).then((files) => files.sort());
    return this.files;
  }

  private async walk(dir: string): Promise<string[]> {
    const out: string[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) out.push(...(await this.walk(full)));
      } else if (entry.isFile()) {
        out.push(relative(this.root, full).split(sep).join('/'));
      }
    }
    return out;
  }

  async read(path: string): Promise<string | undefined> {
    if (path.split('/').includes('..')) return undefined;
    const full = join(this.root, path);
    try {
      if (!(await lstat(full)).isFile()) return undefined;
      const data = await readFile(full);
      return data.includes(0) ? undefined : data.toString('utf8');
    } catch {
      return undefined;
    }
  }
}
