import { execFileSync } from 'node:child_process';

/**
 * A stateful stand-in for the parts of GitHub's REST API that trackguard uses, backed by a real git
 * repository: for tests (routed through nock), the end-to-end test and the benchmark (served over
 * HTTP on 127.0.0.1 by stand-in-server.ts). Not loaded by the app itself.
 */
export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  external_id: string;
  output: { title?: string; summary?: string };
  annotations: Array<{ path: string; start_line: number; annotation_level: string; message: string; title?: string }>;
  app: { id: number };
  updates: number;
}

export interface Comment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
  performed_via_github_app: { id: number } | null;
}

export interface PullRequest {
  number: number;
  headSha: string;
  baseSha: string;
  author: string;
  changedFiles?: number;
  /** Extra file entries to list (to simulate very large pull requests). */
  extraFiles?: number;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  /** How many times to fail before answering normally (Infinity: always). */
  times: number;
  headers?: Record<string, string>;
  /** The error message GitHub would send (the throttling plugin recognises secondary limits by it). */
  message?: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export class FakeGitHub {
  readonly appId = 4242;
  readonly slug = 'trackguard';
  readonly checkRuns: CheckRun[] = [];
  readonly comments: Comment[] = [];
  readonly reactions: Array<{ comment: number; content: string }> = [];
  readonly requests: Array<{ method: string; path: string }> = [];
  readonly unexpected: string[] = [];
  readonly pulls = new Map<number, PullRequest>();
  readonly permissions = new Map<string, string>();
  readonly faults: Fault[] = [];
  defaultBranch = 'main';
  /** Where Link headers point (the e2e stand-in serves under its own address). */
  baseUrl = 'https://api.github.com';
  /** Extra latency for matching requests (served over HTTP only), to make reviews slow on purpose. */
  readonly delays: Array<{ path: RegExp; ms: number }> = [];
  private nextId = 1000;

  constructor(
    readonly repoDir: string,
    readonly owner = 'acme',
    readonly repo = 'web',
  ) {}

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.repoDir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Handles one API request. `path` excludes any `/api/v3` prefix and includes the query string. */
  handle(method: string, rawPath: string, body: unknown, headers: Record<string, string | string[] | undefined>): Reply {
    const url = new URL(rawPath, 'http://github.test');
    const path = url.pathname;
    this.requests.push({ method, path });
    for (const fault of this.faults) {
      if (fault.method === method && fault.path.test(path) && fault.times > 0) {
        fault.times--;
        return json(fault.status, { message: fault.message ?? `simulated ${fault.status}` }, fault.headers);
      }
    }
    const repoPrefix = `/repos/${this.owner}/${this.repo}`;
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return json(201, { token: 'ghs_installation_token', expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {} });
    }
    if (method === 'GET' && path === '/app') return json(200, { id: this.appId, slug: this.slug, name: 'trackguard' });
    if (!path.startsWith(repoPrefix)) return this.notFound(method, path);
    const rest = path.slice(repoPrefix.length);

    if (method === 'GET' && (m = /^\/commits\/([0-9a-f]{40})\/check-runs$/.exec(rest))) {
      const runs = this.checkRuns.filter((r) => r.head_sha === m?.[1] && (!q.get('check_name') || r.name === q.get('check_name')));
      return json(200, { total_count: runs.length, check_runs: runs.map(publicRun) });
    }
    if (method === 'POST' && rest === '/check-runs') {
      const input = body as Partial<CheckRun> & { output?: CheckRun['output'] & { annotations?: CheckRun['annotations'] } };
      const run: CheckRun = {
        id: this.nextId++,
        name: String(input.name),
        head_sha: String(input.head_sha),
        status: input.status ?? 'queued',
        conclusion: input.conclusion ?? null,
        external_id: input.external_id ?? '',
        output: { title: input.output?.title, summary: input.output?.summary },
        annotations: [...(input.output?.annotations ?? [])],
        app: { id: this.appId },
        updates: 0,
      };
      this.checkRuns.push(run);
      return json(201, publicRun(run));
    }
    if (method === 'PATCH' && (m = /^\/check-runs\/(\d+)$/.exec(rest))) {
      const run = this.checkRuns.find((r) => r.id === Number(m?.[1]));
      if (!run) return this.notFound(method, path);
      const input = body as { status?: string; conclusion?: string; output?: { title?: string; summary?: string; annotations?: CheckRun['annotations'] } };
      if ((input.output?.annotations?.length ?? 0) > 50) return json(422, { message: 'Only 50 annotations are allowed per request' });
      if ((input.output?.summary?.length ?? 0) > 65_535) return json(422, { message: 'summary is too long (maximum is 65535 characters)' });
      if (input.status) run.status = input.status;
      if (input.conclusion) run.conclusion = input.conclusion;
      if (input.status === 'in_progress') run.conclusion = null;
      if (input.output) {
        run.output = { title: input.output.title ?? run.output.title, summary: input.output.summary ?? run.output.summary };
        run.annotations.push(...(input.output.annotations ?? []));
      }
      run.updates++;
      return json(200, publicRun(run));
    }
    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest))) {
      const file = decodeURIComponent(m[1] ?? '');
      const ref = q.get('ref') ?? this.defaultBranch;
      try {
        const text = this.git('show', `${ref}:${file}`);
        return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
      } catch {
        return json(404, { message: 'Not Found' });
      }
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)$/.exec(rest))) {
      const pr = this.pulls.get(Number(m[1]));
      return pr ? json(200, this.pullObject(pr)) : this.notFound(method, path);
    }
    if (method === 'GET' && (m = /^\/pulls\/(\d+)\/files$/.exec(rest))) {
      const pr = this.pulls.get(Number(m[1]));
      if (!pr) return this.notFound(method, path);
      return this.page(this.files(pr).slice(0, 3000), q, rawPath);
    }
    if (method === 'GET' && (m = /^\/tarball\/([0-9a-f]{40})$/.exec(rest))) {
      const archive = execFileSync('git', ['archive', '--format=tar.gz', `--prefix=${this.owner}-${this.repo}-${m[1]?.slice(0, 7)}/`, m[1] ?? ''], {
        cwd: this.repoDir,
        maxBuffer: 256 * 1024 * 1024,
      });
      return { status: 200, headers: { 'content-type': 'application/x-gzip' }, body: archive };
    }
    if (method === 'GET' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      return this.page(this.comments.filter((c) => c.issue === Number(m?.[1])).map(publicComment), q, rawPath);
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const text = String((body as { body?: string }).body ?? '');
      if (text.length > 65_536) return json(422, { message: 'Body is too long (maximum is 65536 characters)' });
      const comment: Comment = {
        id: this.nextId++,
        issue: Number(m[1]),
        body: text,
        user: { login: `${this.slug}[bot]`, type: 'Bot' },
        performed_via_github_app: { id: this.appId },
      };
      this.comments.push(comment);
      return json(201, publicComment(comment));
    }
    if (method === 'PATCH' && (m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = this.comments.find((c) => c.id === Number(m?.[1]));
      if (!comment) return this.notFound(method, path);
      const text = String((body as { body?: string }).body ?? '');
      if (text.length > 65_536) return json(422, { message: 'Body is too long (maximum is 65536 characters)' });
      comment.body = text;
      return json(200, publicComment(comment));
    }
    if (method === 'POST' && (m = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest))) {
      this.reactions.push({ comment: Number(m[1]), content: String((body as { content?: string }).content) });
      return json(201, { id: this.nextId++, content: (body as { content?: string }).content });
    }
    if (method === 'GET' && (m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest))) {
      const permission = this.permissions.get(decodeURIComponent(m[1] ?? '')) ?? 'read';
      return json(200, { permission, user: { login: m[1] } });
    }
    if (method === 'GET' && (m = /^\/commits\/([0-9a-f]{40})\/pulls$/.exec(rest))) {
      const list = [...this.pulls.values()].filter((p) => p.headSha === m?.[1]).map((p) => this.pullObject(p));
      return json(200, list);
    }
    return this.notFound(method, path);
  }

  /** A user (not the app) posts a comment, e.g. one that pastes the hidden marker. */
  addUserComment(issue: number, body: string, login = 'mallory'): Comment {
    const comment: Comment = { id: this.nextId++, issue, body, user: { login, type: 'User' }, performed_via_github_app: null };
    this.comments.push(comment);
    return comment;
  }

  ownComments(issue: number): Comment[] {
    return this.comments.filter((c) => c.issue === issue && c.user.type === 'Bot');
  }

  private notFound(method: string, path: string): Reply {
    this.unexpected.push(`${method} ${path}`);
    return json(404, { message: 'Not Found' });
  }

  private pullObject(pr: PullRequest) {
    return {
      number: pr.number,
      state: 'open',
      user: { login: pr.author, type: 'User' },
      head: { sha: pr.headSha, ref: 'feature' },
      base: { sha: pr.baseSha, ref: this.defaultBranch, repo: { default_branch: this.defaultBranch, name: this.repo, owner: { login: this.owner } } },
      changed_files: pr.changedFiles ?? this.files(pr).length,
    };
  }

  private readonly fileLists = new Map<string, Array<{ filename: string; status: string; patch: string }>>();

  /** The PR's files with their patches, from one `git diff` (as GitHub computes them once). */
  private files(pr: PullRequest) {
    const key = `${pr.baseSha}..${pr.headSha}:${pr.extraFiles ?? 0}`;
    const cached = this.fileLists.get(key);
    if (cached) return cached;
    const statuses = new Map(
      this.git('diff', '--name-status', '--no-renames', pr.baseSha, pr.headSha)
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [status = 'M', filename = ''] = line.split('\t');
          return [filename, status === 'A' ? 'added' : status === 'D' ? 'removed' : 'modified'] as const;
        }),
    );
    const patches = new Map<string, string>();
    let current: string | undefined;
    let lines: string[] = [];
    const flush = () => {
      if (current !== undefined) patches.set(current, lines.join('\n'));
    };
    for (const line of this.git('diff', '--no-renames', pr.baseSha, pr.headSha).split('\n')) {
      const header = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
      if (header) {
        flush();
        current = header[2];
        lines = [];
      } else if (current !== undefined && (line.startsWith('@@') || lines.length > 0)) lines.push(line);
    }
    flush();
    const out = [...statuses].map(([filename, status]) => ({ filename, status, patch: patches.get(filename) ?? '' }));
    for (let i = 0; i < (pr.extraFiles ?? 0); i++) out.push({ filename: `docs/generated/page-${i}.md`, status: 'added', patch: '+text' });
    this.fileLists.set(key, out);
    return out;
  }

  private page<T>(items: T[], q: URLSearchParams, rawPath: string): Reply {
    const perPage = Number(q.get('per_page') ?? 30);
    const page = Number(q.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (page < last) {
      const next = new URL(`${this.baseUrl}${rawPath}`);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.toString()}>; rel="next", <${next.toString().replace(/page=\d+/, `page=${last}`)}>; rel="last"`;
    }
    return { status: 200, headers, body: JSON.stringify(items.slice((page - 1) * perPage, page * perPage)) };
  }
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

function publicRun(run: CheckRun) {
  return { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion, external_id: run.external_id, app: run.app, output: run.output };
}

function publicComment(c: Comment) {
  return { id: c.id, body: c.body, user: c.user, performed_via_github_app: c.performed_via_github_app };
}
