import picomatch from 'picomatch';

/**
 * A read-only view of a repository at one point in time. The engine reads files only through
 * this interface, so git (CLI), the GitHub API (app) and memory (tests) feed it the same way.
 * Paths are POSIX-style and relative to the repository root.
 */
export interface Snapshot {
  /** Shown in messages, e.g. `base (1a2b3c4)`. */
  readonly label: string;
  /** Every file path in the snapshot. */
  list(): Promise<readonly string[]>;
  /** The file's text, or `undefined` when it does not exist or cannot be read. */
  read(path: string): Promise<string | undefined>;
  /** Reads several files at once; adapters that can batch (git, GraphQL) override it. */
  readMany?(paths: readonly string[]): Promise<Map<string, string>>;
}

export async function readAll(snapshot: Snapshot, paths: readonly string[]): Promise<Map<string, string>> {
  if (snapshot.readMany) return snapshot.readMany(paths);
  const out = new Map<string, string>();
  for (const path of paths) {
    const text = await snapshot.read(path);
    if (text !== undefined) out.set(path, text);
  }
  return out;
}

const matchers = new Map<string, (path: string) => boolean>();

/**
 * A glob matcher for a list of patterns, shared by every review with the same list, with its answers
 * remembered: rules ask about the same paths many times (test files, ignores), and picomatch is
 * several microseconds a call.
 */
export function matcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  const key = patterns.join('\u0000');
  let match = matchers.get(key);
  if (!match) {
    const test = picomatch([...patterns], { dot: true });
    const answers = new Map<string, boolean>();
    match = (path: string) => {
      let answer = answers.get(path);
      if (answer === undefined) {
        if (answers.size >= 200_000) answers.clear();
        answer = test(path);
        answers.set(path, answer);
      }
      return answer;
    };
    if (matchers.size >= 100) matchers.clear();
    matchers.set(key, match);
  }
  return match;
}

/** An in-memory snapshot: tests, and any adapter that already holds the files. */
export class MemorySnapshot implements Snapshot {
  private readonly files: ReadonlyMap<string, string>;

  constructor(
    files: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
    readonly label = 'memory',
  ) {
    this.files = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
  }

  async list(): Promise<readonly string[]> {
    return [...this.files.keys()].sort();
  }

  async read(path: string): Promise<string | undefined> {
    return this.files.get(path);
  }
}
