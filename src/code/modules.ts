import { posix } from 'node:path';
import { ts } from 'ts-morph';

/**
 * Module resolution over a Snapshot, the way TypeScript and the package managers do it, without a
 * file system or `node_modules`: relative specifiers by the usual extension and index rules,
 * `tsconfig.json` (`extends`, `paths`, `baseUrl`, references) through TypeScript's own
 * `parseJsonConfigFileContent` and `resolveModuleName`, and workspace packages by the `name` in
 * their `package.json`, with `exports`/`main`/`types` mapped back to sources when they point at
 * build output. Packages from the registry are never read: they are matched by name against the
 * SDK catalogue elsewhere.
 */

/** Files that hold instrumentation: scripts, and the script blocks of Vue and Svelte components. */
export const CODE_FILE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts|vue|svelte)$/;
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.vue', '.svelte'];
const RESOLVE_SUFFIXES = ['', ...SOURCE_EXTENSIONS, '/index.ts', '/index.tsx', '/index.js', '/index.jsx', '/index.mjs'];
/** Folders a package's build writes to: an entry point there is mapped back to the sources. */
const BUILD_DIRS = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs', 'es', 'main', 'module', 'types', 'typings', 'umd', 'node', 'browser']);
/** Configuration files the resolver reads: tsconfig/jsconfig and package manifests, outside installed packages. */
const CONFIG_FILE = /(^|\/)(tsconfig[^/]*\.json|jsconfig[^/]*\.json|package\.json)$/;
const NOT_SOURCE_DIR = /(^|\/)(node_modules|\.git|bower_components)\//;

/** Module specifiers a file imports, re-exports, requires or imports dynamically, read from its text, with where each stands. */
export function importsIn(text: string): Array<{ specifier: string; at: number }> {
  const out: Array<{ specifier: string; at: number }> = [];
  for (const match of text.matchAll(/(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*['"]([^'"\n]+)['"]/g)) {
    if (match[1]) out.push({ specifier: match[1], at: match.index ?? 0 });
  }
  return out;
}

/** The configuration files of a repository that resolution needs. */
export function configFiles(files: Iterable<string>): string[] {
  const out: string[] = [];
  for (const file of files) if (CONFIG_FILE.test(file) && !NOT_SOURCE_DIR.test(file)) out.push(file);
  return out;
}

export function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

interface WorkspacePackage {
  name: string;
  /** The package's folder (`''` for the repository root). */
  dir: string;
  manifest: Record<string, unknown>;
}

interface CompilerConfig {
  options: ts.CompilerOptions;
  /** `paths` or `baseUrl` is set: non-relative specifiers can name repository files. */
  maps: boolean;
}

/** What resolution reads. Parse errors in configuration files are ignored: a broken tsconfig must not stop the review. */
export interface ModuleResolverOptions {
  /** Every path of the snapshot. */
  readonly files: ReadonlySet<string>;
  /** Text of the configuration files (`configFiles`), by path. */
  readonly configs: ReadonlyMap<string, string>;
}

export class ModuleResolver {
  private readonly files: ReadonlySet<string>;
  private readonly configs: ReadonlyMap<string, string>;
  private readonly packages = new Map<string, WorkspacePackage>();
  /** Packages the manifests depend on: an import of one is never taken for a repository file by inference. */
  private readonly dependencies = new Set<string>();
  /** Some tsconfig/jsconfig maps specifiers (`paths`, `baseUrl`): without one, a bare specifier names a repository file only through a workspace package or an alias. */
  private readonly anyMapping: boolean;
  private readonly dirs = new Set<string>();
  private readonly compilerConfigs = new Map<string, CompilerConfig | null>();
  private readonly nearest = new Map<string, CompilerConfig | null>();
  /** Answers by folder, then specifier. */
  private readonly cache = new Map<string, Map<string, string | null>>();
  private readonly host: ts.ModuleResolutionHost & ts.ParseConfigHost;

  constructor(options: ModuleResolverOptions) {
    this.files = options.files;
    this.configs = options.configs;
    for (const file of this.files) {
      for (let dir = folderOf(file); dir && !this.dirs.has(dir); dir = folderOf(dir)) this.dirs.add(dir);
    }
    for (const [path, text] of this.configs) {
      if (!path.endsWith('package.json')) continue;
      const manifest = parseJson(text);
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
        const deps = manifest?.[field];
        if (deps && typeof deps === 'object') for (const dep of Object.keys(deps)) this.dependencies.add(dep);
      }
      const name = manifest && typeof manifest.name === 'string' ? manifest.name : undefined;
      if (!manifest || !name) continue;
      const dir = folderOf(path);
      const known = this.packages.get(name);
      // Two manifests with one name (an app and its copy in examples/): the shallower one wins.
      if (!known || dir.split('/').length < known.dir.split('/').length) this.packages.set(name, { name, dir, manifest });
    }
    this.anyMapping = [...this.configs].some(([path, text]) => !path.endsWith('package.json') && /"(paths|baseUrl)"/.test(text));
    const real = (abs: string) => this.unvirtual(abs.startsWith('/') ? abs.slice(1) : abs);
    this.host = {
      useCaseSensitiveFileNames: true,
      fileExists: (abs) => {
        const path = real(abs);
        return this.files.has(path) || this.configs.has(path);
      },
      readFile: (abs) => this.configs.get(real(abs)),
      directoryExists: (abs) => {
        const path = real(abs).replace(/\/$/, '');
        return path === '' || this.dirs.has(path);
      },
      realpath: (abs) => abs,
      getCurrentDirectory: () => '/',
      readDirectory: () => [],
    };
  }

  /**
   * Whether an import that resolves nowhere may still name a repository file (a generated or
   * missing file, an unusual alias): a relative path, or a bare name that is not a Node built-in
   * and not a package the manifests depend on (when they declare any).
   */
  mayNameRepositoryFile(specifier: string): boolean {
    if (specifier.startsWith('.')) return true;
    if (specifier.startsWith('node:') || NODE_BUILTINS.has(packageName(specifier))) return false;
    // Without any declared dependency, a bare name could be any registry package: not inferred.
    return this.dependencies.size > 0 && !this.dependencies.has(packageName(specifier));
  }

  /** The repository path `specifier` names from `from`, when it is a file of the repository. */
  resolve(from: string, specifier: string): string | undefined {
    if (specifier.startsWith('node:') || specifier.length === 0) return undefined;
    // Most imports name registry packages (`react`, `lodash/get`): answered without a lookup.
    const relative = specifier.startsWith('.');
    if (!relative && !this.anyMapping && !this.packages.has(packageName(specifier)) && !ALIAS.test(specifier)) return undefined;
    const dir = folderOf(from);
    let answers = this.cache.get(dir);
    if (!answers) {
      answers = new Map();
      this.cache.set(dir, answers);
    }
    const known = answers.get(specifier);
    if (known !== undefined) return known ?? undefined;
    let result: string | undefined;
    try {
      result = this.resolveUncached(dir, from, specifier);
    } catch {
      // TypeScript's resolver on a hostile configuration: the import is simply not followed.
      result = undefined;
    }
    answers.set(specifier, result ?? null);
    return result;
  }

  private resolveUncached(dir: string, from: string, specifier: string): string | undefined {
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      return this.fileAt(posix.normalize(posix.join(dir, specifier)));
    }
    if (specifier.startsWith('/')) return undefined;
    const config = this.compilerConfigFor(dir);
    if (config?.maps) {
      const viaTs = this.viaTypeScript(from, specifier, config.options);
      if (viaTs) return viaTs;
    }
    const pkg = this.packages.get(packageName(specifier));
    if (pkg) return this.inPackage(pkg, specifier.slice(pkg.name.length).replace(/^\//, ''), from);
    if (specifier.startsWith('@/') || specifier.startsWith('~/')) return this.conventionalAlias(dir, specifier.slice(2));
    // SvelteKit's `$lib` (its tsconfig paths live in the generated, uncommitted .svelte-kit folder).
    if (specifier === '$lib' || specifier.startsWith('$lib/')) return this.conventionalAlias(dir, `lib${specifier.slice(4)}`);
    return undefined;
  }

  /** A repository file for a path without its extension (or with a `.js` written for a `.ts`). */
  private fileAt(stem: string): string | undefined {
    const stems = [stem];
    const swapped = stem.replace(/\.(m|c)?js$/, '.$1ts');
    if (swapped !== stem) stems.push(swapped, stem.replace(/\.js$/, '.tsx'));
    if (stem.endsWith('.jsx')) stems.push(stem.replace(/\.jsx$/, '.tsx'));
    for (const candidate of stems) {
      for (const suffix of RESOLVE_SUFFIXES) {
        const path = `${candidate}${suffix}`;
        if (this.files.has(path) && CODE_FILE.test(path) && !path.endsWith('.d.ts')) return path;
      }
    }
    return undefined;
  }

  private viaTypeScript(from: string, specifier: string, options: ts.CompilerOptions): string | undefined {
    const result = ts.resolveModuleName(specifier, `/${from}`, options, this.host);
    const resolved = result.resolvedModule?.resolvedFileName;
    if (!resolved) return undefined;
    return this.sourceOf(this.unvirtual(resolved.slice(1)));
  }

  /** A resolved file as a source of the repository: declarations and build output mapped back. */
  private sourceOf(path: string): string | undefined {
    if (this.files.has(path) && CODE_FILE.test(path) && !path.endsWith('.d.ts')) return path;
    const stem = path.replace(/\.d\.(m|c)?ts$/, '').replace(/\.(m|c)?[jt]sx?$/, '');
    return this.fileAt(stem) ?? this.fromBuildOutput(path);
  }

  /** `build/main/index.js` → `src/index.ts`: drop build folders from the front until a source is found. */
  private fromBuildOutput(path: string): string | undefined {
    const pkgDir = this.packageDirOf(path);
    const inside = pkgDir ? path.slice(pkgDir.length + 1) : path;
    const segments = inside.split('/');
    const prefix = pkgDir ? `${pkgDir}/` : '';
    for (let k = 0; k < segments.length - 1 && BUILD_DIRS.has(segments[k] ?? ''); k++) {
      const rest = segments.slice(k + 1).join('/').replace(/\.d\.(m|c)?ts$/, '').replace(/\.(m|c)?[jt]sx?$/, '');
      const found = this.fileAt(`${prefix}src/${rest}`) ?? this.fileAt(`${prefix}${rest}`);
      if (found) return found;
    }
    return undefined;
  }

  private packageDirOf(path: string): string | undefined {
    let best: string | undefined;
    for (const pkg of this.packages.values()) {
      if (pkg.dir && path.startsWith(`${pkg.dir}/`) && (!best || pkg.dir.length > best.length)) best = pkg.dir;
    }
    return best;
  }

  /** A file of a workspace package: its manifest's entry points (or the subpath), mapped back to sources. */
  private inPackage(pkg: WorkspacePackage, subpath: string, from: string): string | undefined {
    // TypeScript reads `exports`, `types` and `main` itself, through a `node_modules` folder that
    // the host maps onto the workspace package.
    const viaTs = this.viaTypeScript(from, subpath ? `${pkg.name}/${subpath}` : pkg.name, {
      ...(this.compilerConfigFor(folderOf(from))?.options ?? {}),
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      module: ts.ModuleKind.ESNext,
      allowJs: true,
      paths: undefined,
      baseUrl: undefined,
    });
    if (viaTs) return viaTs;
    const base = pkg.dir ? `${pkg.dir}/` : '';
    const targets = entryTargets(pkg.manifest, subpath);
    for (const target of targets) {
      const path = posix.normalize(`${base}${target.replace(/^\.\//, '')}`);
      const found = this.sourceOf(path);
      if (found) return found;
    }
    if (subpath) return this.fileAt(`${base}src/${subpath}`) ?? this.fileAt(`${base}${subpath}`);
    return this.fileAt(`${base}src/index`) ?? this.fileAt(`${base}index`);
  }

  /** `@/x` and `~/x` without a tsconfig mapping: the nearest package's `src/`, then its root. */
  private conventionalAlias(dir: string, rest: string): string | undefined {
    for (let d: string | undefined = dir; d !== undefined; d = d === '' ? undefined : folderOf(d)) {
      if (!this.configs.has(d ? `${d}/package.json` : 'package.json')) continue;
      const base = d ? `${d}/` : '';
      const found = this.fileAt(`${base}src/${rest}`) ?? this.fileAt(`${base}${rest}`);
      if (found) return found;
    }
    return this.fileAt(`src/${rest}`) ?? this.fileAt(rest);
  }

  /** The compiler options that govern files of `dir`: the nearest tsconfig/jsconfig, following references to one with `paths`. */
  private compilerConfigFor(dir: string): CompilerConfig | undefined {
    const known = this.nearest.get(dir);
    if (known !== undefined) return known ?? undefined;
    let found: CompilerConfig | undefined;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const path = dir ? `${dir}/${name}` : name;
      if (this.configs.has(path)) {
        found = this.compilerConfig(path);
        break;
      }
    }
    if (!found && dir) found = this.compilerConfigFor(folderOf(dir));
    this.nearest.set(dir, found ?? null);
    return found;
  }

  private compilerConfig(path: string): CompilerConfig | undefined {
    const known = this.compilerConfigs.get(path);
    if (known !== undefined) return known ?? undefined;
    this.compilerConfigs.set(path, null);
    const text = this.configs.get(path);
    let result: CompilerConfig | undefined;
    if (text !== undefined) {
      const json = ts.parseConfigFileTextToJson(`/${path}`, text);
      if (json.config && typeof json.config === 'object') {
        const parsed = ts.parseJsonConfigFileContent(json.config, this.host, `/${folderOf(path)}`, undefined, `/${path}`);
        const options = parsed.options;
        result = { options, maps: Boolean(options.paths || options.baseUrl) };
        if (!result.maps) {
          // A solution-style config (`files: []` and `references`): the referenced app config has the paths.
          for (const ref of parsed.projectReferences ?? []) {
            let refPath = ref.path.slice(1);
            if (!refPath.endsWith('.json')) refPath = `${refPath}/tsconfig.json`;
            const referenced = this.configs.has(refPath) ? this.compilerConfig(refPath) : undefined;
            if (referenced?.maps) {
              result = referenced;
              break;
            }
          }
        }
      }
    }
    this.compilerConfigs.set(path, result ?? null);
    return result;
  }

  /** `…/node_modules/@acme/shared/x` → the workspace package's own folder, when one has that name. */
  private unvirtual(path: string): string {
    const at = path.lastIndexOf('node_modules/');
    if (at < 0) return path;
    const rest = path.slice(at + 'node_modules/'.length);
    const parts = rest.split('/');
    const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? '');
    const pkg = this.packages.get(name);
    if (!pkg) return path;
    const inner = rest.slice(name.length + 1);
    return pkg.dir ? (inner ? `${pkg.dir}/${inner}` : pkg.dir) : inner;
  }
}

const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'url', 'util', 'http', 'https', 'crypto', 'child_process', 'stream', 'events', 'net', 'zlib', 'assert', 'buffer', 'process', 'readline', 'worker_threads', 'tty', 'dns', 'perf_hooks', 'module', 'vm', 'querystring', 'timers']);

/** Specifiers with a conventional meaning when no tsconfig maps them. */
const ALIAS = /^(@\/|~\/|\$lib(\/|$))/;

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
function packageName(specifier: string): string {
  const parts = specifier.split('/', 2);
  return specifier.startsWith('@') ? parts.join('/') : (parts[0] ?? '');
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The files a manifest names for a subpath: `exports` (every condition), then `source`, `types`, `module`, `main`. */
function entryTargets(manifest: Record<string, unknown>, subpath: string): string[] {
  const out: string[] = [];
  const collect = (value: unknown, depth: number) => {
    if (depth > 5) return;
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) for (const item of value) collect(item, depth + 1);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      // Source-like conditions first: they point at files the repository has.
      for (const key of ['source', 'development', 'types', 'import', 'module', 'require', 'default', 'node', 'browser']) {
        if (key in record) collect(record[key], depth + 1);
      }
      for (const [key, item] of Object.entries(record)) if (!key.startsWith('.')) collect(item, depth + 1);
    }
  };
  const exports = manifest.exports;
  const key = subpath ? `./${subpath}` : '.';
  if (typeof exports === 'string' || Array.isArray(exports)) {
    if (!subpath) collect(exports, 0);
  } else if (exports && typeof exports === 'object') {
    const record = exports as Record<string, unknown>;
    const keyed = Object.keys(record).some((k) => k.startsWith('.'));
    if (!keyed && !subpath) collect(record, 0);
    if (keyed && key in record) collect(record[key], 0);
    if (keyed) {
      for (const [pattern, target] of Object.entries(record)) {
        const star = pattern.indexOf('*');
        if (star < 0) continue;
        const head = pattern.slice(0, star);
        const tail = pattern.slice(star + 1);
        if (key.startsWith(head) && key.endsWith(tail) && key.length >= head.length + tail.length) {
          const middle = key.slice(head.length, key.length - tail.length);
          const before = out.length;
          collect(target, 0);
          for (let i = before; i < out.length; i++) out[i] = (out[i] ?? '').split('*').join(middle);
        }
      }
    }
  }
  if (!subpath) for (const field of ['source', 'types', 'typings', 'module', 'main']) if (typeof manifest[field] === 'string') out.push(manifest[field] as string);
  return [...new Set(out)];
}
