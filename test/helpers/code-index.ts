import { buildCodeIndex } from '../../src/code/index.js';
import type { CodeIndex } from '../../src/code/model.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';

/** The code index of an in-memory tree, every file in scope: what extraction tests look at. */
export async function indexOf(files: Record<string, string>, options: Partial<Parameters<typeof buildCodeIndex>[3]> = {}): Promise<CodeIndex> {
  return buildCodeIndex(new MemorySnapshot(files), Object.keys(files), Object.keys(files), {
    isTestFile: (f) => f.includes('.test.'),
    maxFileBytes: 1_000_000,
    wrappers: [],
    ...options,
  });
}
