import type { Snapshot } from '../engine/snapshot.js';
import { readTarball, type ArchiveLimits } from './tarball.js';
import type { GitHub, RepoRef } from './types.js';

/** A commit of the repository, downloaded once as an archive: one API call, whatever the file count. */
export class ArchiveSnapshot implements Snapshot {
  private constructor(
    readonly label: string,
    private readonly files: ReadonlyMap<string, string>,
    private readonly paths: readonly string[],
    readonly skipped: ReadonlyMap<string, string>,
  ) {}

  static async download(octokit: GitHub, repo: RepoRef, sha: string, label: string, limits: ArchiveLimits): Promise<ArchiveSnapshot> {
    const response = await octokit.request('GET /repos/{owner}/{repo}/tarball/{ref}', { ...repo, ref: sha });
    const data = response.data as unknown;
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : Buffer.isBuffer(data) ? data : new Uint8Array(data as ArrayBuffer);
    const { files, skipped } = readTarball(bytes, limits);
    return new ArchiveSnapshot(label, files, [...files.keys(), ...skipped.keys()].sort(), skipped);
  }

  async list(): Promise<readonly string[]> {
    return this.paths;
  }

  async read(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }
}
