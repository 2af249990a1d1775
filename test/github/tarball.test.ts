import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveTooLargeError, readTarball } from '../../src/github/tarball.js';
import { TempRepo } from '../helpers/git-repo.js';

describe('readTarball', () => {
  const repo = new TempRepo()
    .write({
      'tracking-plan.yaml': 'version: 1\n',
      'src/a.ts': "export const a = 'é';\n",
      [`src/${'deep/'.repeat(30)}long-name-${'x'.repeat(120)}.ts`]: 'export {};\n',
      'assets/logo.png': '\u0000\u0001PNG',
    })
    .commit('files');
  repo.git('config', 'core.symlinks', 'true');
  afterAll(() => repo.remove());

  const archive = (): Buffer => execFileSync('git', ['archive', '--format=tar.gz', '--prefix=acme-web-abc1234/', 'HEAD'], { cwd: repo.dir });

  it('reads the files of a git archive, long (pax) names included, without the top folder', () => {
    const { files, skipped } = readTarball(archive(), { maxArchiveBytes: 10_000_000, maxFileBytes: 1_000_000 });
    expect([...files.keys()].sort()).toEqual(['src/a.ts', `src/${'deep/'.repeat(30)}long-name-${'x'.repeat(120)}.ts`, 'tracking-plan.yaml'].sort());
    expect(files.get('src/a.ts')).toBe("export const a = 'é';\n");
    expect(skipped.get('assets/logo.png')).toBe('binary content');
  });

  it('lists files over the size limit as skipped', () => {
    const { files, skipped } = readTarball(archive(), { maxArchiveBytes: 10_000_000, maxFileBytes: 15 });
    expect(files.has('src/a.ts')).toBe(false);
    expect(skipped.get('src/a.ts')).toContain('larger than 15 bytes');
  });

  it('refuses archives that expand past the limit (gzip bombs)', () => {
    const bomb = gzipSync(Buffer.alloc(5_000_000));
    expect(() => readTarball(bomb, { maxArchiveBytes: 1_000_000, maxFileBytes: 1_000 })).toThrow(ArchiveTooLargeError);
  });

  it('rejects data that is not gzip', () => {
    expect(() => readTarball(Buffer.from('<html>not found</html>'), { maxArchiveBytes: 1_000, maxFileBytes: 1_000 })).toThrow(/not a valid gzip/);
  });
});
