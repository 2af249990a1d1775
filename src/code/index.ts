import { readAll, type Snapshot } from '../engine/snapshot.js';
import { extract, type ExtractOptions } from './extract.js';
import type { CodeIndex } from './model.js';
import { configFiles, importsIn, ModuleResolver } from './modules.js';
import { barrelPaths, CODE_FILE, CodeProgram, folderOf, TIME_LIMIT_REASON } from './program.js';
import { ANALYTICS_HINT, isSdkModule } from './sdks.js';
import { declaresRegistry, mayHoldRegistry, packageOf, packageRoots } from './registries.js';

export interface CodeIndexOptions extends ExtractOptions {
  maxFileBytes: number;
}

/** Files read to look for event registries outside the analysed ones, at most (analytics folders are small). */
const MAX_REGISTRY_CANDIDATES = 400;

/** How deep imports are followed from the analysed files to find helpers and constants. */
const IMPORT_DEPTH = 4;

/**
 * Parses what is worth parsing and extracts tracking calls. `scope` is the set of files whose calls
 * are reported; files they import (transitively, through `ModuleResolver`) are parsed to resolve
 * helpers, SDK instances and constants, but their own calls are not reported.
 */
export async function buildCodeIndex(snapshot: Snapshot, scope: readonly string[], allFiles: readonly string[], options: CodeIndexOptions): Promise<CodeIndex> {
  const all = new Set(allFiles);
  const configs = await readAll(snapshot, configFiles(allFiles));
  const program = new CodeProgram(all, options.maxFileBytes, new ModuleResolver({ files: all, configs }));
  const candidates = scope.filter((f) => CODE_FILE.test(f));
  const texts = await readAll(snapshot, candidates);
  const names = options.wrappers.map((w) => w.name.split('.').pop() ?? w.name).filter(Boolean);
  const hinted = (text: string) => ANALYTICS_HINT.test(text) || names.some((n) => text.includes(n));

  const inScope: string[] = [];
  const undecided: string[] = [];
  for (const file of candidates) {
    const text = texts.get(file);
    if (text === undefined) continue;
    if (hinted(text)) inScope.push(file);
    else undecided.push(file);
  }
  // A file without an analytics word can still call a helper imported from one that has it.
  const importTargets = new Map<string, string[]>();
  for (const file of undecided) {
    const targets = CodeProgram.importSpecifiers(texts.get(file) ?? '')
      .map((spec) => program.resolveModule(file, spec))
      .filter((t): t is string => t !== undefined);
    if (targets.length) importTargets.set(file, targets);
  }
  const targetTexts = await readAll(snapshot, [...new Set([...importTargets.values()].flat())].filter((t) => !texts.has(t)));
  for (const [file, text] of targetTexts) texts.set(file, text);
  // …or from a package's barrel that re-exports one (`import { Feedback } from 'docs-ui'`).
  const hintedTargets = await hintedThroughReexports(snapshot, program, texts, new Set([...importTargets.values()].flat()), hinted);
  for (const [file, targets] of importTargets) {
    if (targets.some((t) => hintedTargets.has(t))) inScope.push(file);
  }

  // Follow imports (and folder barrels) through the text first, parsing nothing yet: files that
  // another file needs are parsed up front and kept; the rest of the scope (most of it: components,
  // handlers) is parsed only while its calls are extracted and dropped right after, so those trees
  // die young instead of being carried through the whole review by the garbage collector.
  let frontier = inScope.slice();
  const seen = new Set(frontier);
  const needed = new Set<string>();
  const reachable: string[] = [];
  // Registries are looked for in the whole tree, whatever the scope: a change that sends an event
  // is checked against the registry of its package even when the registry file is untouched.
  const registryCandidates = allFiles.filter((f) => mayHoldRegistry(f) && !texts.has(f)).slice(0, MAX_REGISTRY_CANDIDATES);
  for (const [file, text] of await readAll(snapshot, registryCandidates)) texts.set(file, text);
  const discover = [...texts].filter(([file, text]) => declaresRegistry(file, text)).map(([file]) => file);
  for (const file of [...discover, ...(options.registry ? [options.registry.file] : [])]) {
    if (seen.has(file)) {
      needed.add(file);
      continue;
    }
    frontier.push(file);
    seen.add(file);
    needed.add(file);
  }
  for (let depth = 0; depth <= IMPORT_DEPTH && frontier.length > 0; depth++) {
    const missing = frontier.filter((f) => !texts.has(f));
    for (const [file, text] of await readAll(snapshot, missing)) texts.set(file, text);
    const next: string[] = [];
    for (const file of frontier) {
      const text = texts.get(file);
      if (text === undefined) continue;
      if (program.rejection(text)) {
        program.add(file, text); // records why it was skipped
        continue;
      }
      reachable.push(file);
      const deps = [
        ...CodeProgram.importSpecifiers(text).map((spec) => program.resolveModule(file, spec)),
        ...barrelPaths(folderOf(file)).filter((b) => b !== file && all.has(b)),
      ];
      for (const dep of deps) {
        if (!dep) continue;
        needed.add(dep);
        if (!seen.has(dep)) {
          seen.add(dep);
          next.push(dep);
        }
      }
    }
    frontier = next;
  }
  const leaves = new Map<string, string>();
  for (const file of reachable) {
    const text = texts.get(file) ?? '';
    if (!needed.has(file)) {
      leaves.set(file, text);
      continue;
    }
    if (options.deadline !== undefined && performance.now() > options.deadline) {
      program.skipped.push({ file, reason: TIME_LIMIT_REASON });
      continue;
    }
    program.add(file, text);
  }
  program.searchable(texts);
  const index = extract(program, inScope.sort(), { ...options, discover }, leaves);
  index.sdkImports = sdkImports(inScope, texts);
  index.packages = packageRoots(allFiles);
  index.constants = index.constants.map((c) => ({ ...c, package: packageOf(c.file, index.packages), referenced: referencedMembers(c, texts) }));
  return index;
}

/**
 * Members of a registry that some other read file mentions (`Events.signUp`, `EVENTS['sign_up']`):
 * a member can be sent through code the analysis does not follow, so only a member nothing
 * mentions is known to be unsent.
 */
function referencedMembers(registry: CodeIndex['constants'][number], texts: ReadonlyMap<string, string>): string[] {
  const byLast = new Map<string, string[]>();
  for (const member of registry.members) {
    const last = member.name.split('.').pop() ?? member.name;
    if (!/^[\w$]+$/.test(last)) continue;
    byLast.set(last, [...(byLast.get(last) ?? []), member.name]);
  }
  if (byLast.size === 0) return [];
  const names = [...byLast.keys()].map((n) => n.replace(/\$/g, '\\$'));
  const pattern = new RegExp(`(?:\\.\\s*|\\[\\s*['"\`])(${names.join('|')})\\b`, 'g');
  const found = new Set<string>();
  for (const [file, text] of texts) {
    if (file === registry.file) continue;
    for (const match of text.matchAll(pattern)) for (const name of byLast.get(match[1] ?? '') ?? []) found.add(name);
    if (found.size === registry.members.length) break;
  }
  return [...found];
}

/** How many barrels deep re-exports are followed to decide whether an import leads to tracking code. */
const REEXPORT_DEPTH = 4;

/**
 * The targets that have an analytics word, or re-export (`export * from`, `export { X } from`),
 * a few barrels deep, a file that has one. Texts read on the way are added to `texts`.
 */
async function hintedThroughReexports(
  snapshot: Snapshot,
  program: CodeProgram,
  texts: Map<string, string>,
  targets: ReadonlySet<string>,
  hinted: (text: string) => boolean,
): Promise<Set<string>> {
  const out = new Set<string>();
  // Each barrel and what it re-exports, for the ones that have no word of their own.
  const reexports = new Map<string, string[]>();
  let frontier = [...targets];
  const seen = new Set(frontier);
  for (let depth = 0; depth <= REEXPORT_DEPTH && frontier.length > 0; depth++) {
    for (const [file, text] of await readAll(snapshot, frontier.filter((f) => !texts.has(f)))) texts.set(file, text);
    const next: string[] = [];
    for (const file of frontier) {
      const text = texts.get(file) ?? '';
      if (hinted(text)) {
        out.add(file);
        continue;
      }
      const deps = reexportSpecifiers(text).map((spec) => program.resolveModule(file, spec)).filter((d): d is string => d !== undefined);
      reexports.set(file, deps);
      for (const dep of deps) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        next.push(dep);
      }
    }
    frontier = next;
  }
  // A barrel leads to tracking code when anything it re-exports does, however deep.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [file, deps] of reexports) {
      if (!out.has(file) && deps.some((d) => out.has(d))) {
        out.add(file);
        changed = true;
      }
    }
  }
  return out;
}

function reexportSpecifiers(text: string): string[] {
  return [...text.matchAll(/\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"]([^'"\n]+)['"]/g)].map((m) => m[1] ?? '');
}

/** Where the analysed files import an analytics SDK, read from their text (import, require, dynamic import). */
function sdkImports(files: readonly string[], texts: ReadonlyMap<string, string>): CodeIndex['sdkImports'] {
  const out: CodeIndex['sdkImports'] = [];
  for (const file of files) {
    const text = texts.get(file);
    if (!text) continue;
    // Imports come in text order, so lines are counted on from the previous one.
    let line = 1;
    let counted = 0;
    for (const { specifier, at } of importsIn(text)) {
      if (!isSdkModule(specifier)) continue;
      for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) {
        line++;
        counted = nl + 1;
      }
      out.push({ file, line, module: specifier });
    }
  }
  return out;
}

export type { CodeIndex } from './model.js';
