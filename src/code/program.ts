import { ts } from 'ts-morph';
import type { SourceLocation } from '../engine/types.js';
import type { SkippedFile } from './model.js';
import { CODE_FILE, folderOf, importsIn, ModuleResolver } from './modules.js';

export { ts, CODE_FILE, folderOf };
/** Why a file went unread once the review ran out of time. */
export const TIME_LIMIT_REASON = 'not analysed: the review reached its time limit (limits.max_review_seconds)';

/** The paths a folder's `index` barrel can have. */
export function barrelPaths(dir: string): string[] {
  return ['index.ts', 'index.tsx', 'index.js', 'index.mjs'].map((f) => (dir ? `${dir}/${f}` : f));
}

/** Minified bundles: one line this long is not hand-written instrumentation. */
const MAX_LINE = 20_000;

/** A parsed file with its call expressions, in source order. */
interface Parsed {
  sf: ts.SourceFile;
  calls: ts.CallExpression[];
  /** JSX elements of components given attributes (`<Button eventData={…}>`): components can be wrappers too. */
  elements: ts.JsxOpeningLikeElement[];
}

/**
 * Parsed files by path and exact text, shared by every program: base and head share unchanged
 * files, and consecutive reviews of a repository share most of them. Syntax trees are never
 * modified after parsing, and every analysis cache is keyed per program. A few versions are kept
 * per path, found by comparing texts (no hashing: equal strings from one snapshot are one object).
 */
const parsed = new Map<string, Array<{ text: string; file: Parsed }>>();
const MAX_PARSED = 1_000;
const VERSIONS_PER_PATH = 4;

function parseOnce(path: string, text: string): Parsed {
  const versions = parsed.get(path) ?? [];
  let found = versions.find((v) => v.text === text);
  if (!found) {
    found = { text, file: parse(path, text) };
    versions.push(found);
    if (versions.length > VERSIONS_PER_PATH) versions.shift();
  }
  // Least recently used paths leave first.
  parsed.delete(path);
  parsed.set(path, versions);
  if (parsed.size > MAX_PARSED) parsed.delete(parsed.keys().next().value as string);
  return found.file;
}

function parse(path: string, text: string): Parsed {
  // ts-morph's bundled TypeScript parser, without a Project around it: nothing here needs the
  // type checker or ts-morph's node wrappers, and skipping them saves a quarter of the parse time.
  // Parent pointers are set here rather than by the parser: one walk sets them and lists the
  // calls, where the parser's own pass and a second walk for the calls would cost more.
  const component = /\.(vue|svelte)$/.test(path);
  const source = component ? scriptBlocks(text) : text;
  const sf = ts.createSourceFile(`/${path}`, source, ts.ScriptTarget.Latest, false, component ? componentKind(text) : scriptKind(path));
  const calls: ts.CallExpression[] = [];
  const elements: ts.JsxOpeningLikeElement[] = [];
  let parent: ts.Node = sf;
  const visit = (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = parent;
    if (child.kind === ts.SyntaxKind.CallExpression) calls.push(child as ts.CallExpression);
    else if ((child.kind === ts.SyntaxKind.JsxOpeningElement || child.kind === ts.SyntaxKind.JsxSelfClosingElement) && isComponentElement(child as ts.JsxOpeningLikeElement)) {
      elements.push(child as ts.JsxOpeningLikeElement);
    }
    const outer = parent;
    parent = child;
    ts.forEachChild(child, visit);
    parent = outer;
  };
  ts.forEachChild(sf, visit);
  return { sf, calls, elements };
}

/** `<Button eventData={…}>`, `<ui.Link to="…">`: a component (not an HTML tag) given attributes. */
function isComponentElement(element: ts.JsxOpeningLikeElement): boolean {
  const tag = element.tagName;
  const component = ts.isPropertyAccessExpression(tag) || (ts.isIdentifier(tag) && /^[A-Z]/.test(tag.text));
  return component && element.attributes.properties.length > 0;
}

/**
 * Analysis results keyed by node, whose entries for a file can be dropped with it
 * (`CodeProgram.forget`). Not a WeakMap: its values point back into the same tree (bindings,
 * members), and V8 keeps such entries, and with them the whole tree, alive through young-generation
 * collections, so a file analysed once would be copied and promoted instead of dying young.
 */
export class NodeCache<V> {
  private readonly table = new Map<ts.Node, V>();
  /** Keys added since the last drop: the only ones a dropped file can own, as files are analysed one at a time. */
  private added: ts.Node[] = [];

  get(node: ts.Node): V | undefined {
    return this.table.get(node);
  }

  set(node: ts.Node, value: V): void {
    this.added.push(node);
    this.table.set(node, value);
  }

  drop(sf: ts.SourceFile): void {
    for (const node of this.added) if (node.getSourceFile() === sf) this.table.delete(node);
    this.added = [];
  }
}

export type FunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

const FUNCTION_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

export function isFunctionLike(node: ts.Node): node is FunctionLike {
  return FUNCTION_KINDS.has(node.kind);
}

export type Binding =
  /** `omit`: for a rest pattern (`{ event, ...rest }`), the keys taken before it. */
  | { kind: 'variable'; decl: ts.VariableDeclaration; path: string[]; omit?: string[] }
  | { kind: 'function'; decl: ts.FunctionDeclaration }
  | { kind: 'class'; decl: ts.ClassDeclaration }
  | { kind: 'enum'; decl: ts.EnumDeclaration }
  | { kind: 'parameter'; decl: ts.ParameterDeclaration; fn: FunctionLike; index: number; path: string[]; omit?: string[] }
  | { kind: 'import'; module: string; name: string }
  | { kind: 'self'; fn: ts.FunctionExpression | ts.ClassExpression };

export type ExportTarget =
  | { kind: 'binding'; binding: Binding; node: ts.Node }
  | { kind: 'expression'; expr: ts.Expression }
  | { kind: 'reexport'; module: string; name: string }
  | { kind: 'namespace'; module: string };

/**
 * The parsed files of one side of a review, with name resolution; imports are resolved by the
 * `ModuleResolver` (relative, tsconfig, workspace packages). Registry packages are matched by name
 * against the SDK catalogue and never read.
 */
export class CodeProgram {
  readonly sources = new Map<string, ts.SourceFile>();
  private readonly callLists = new Map<string, readonly ts.CallExpression[]>();
  private readonly elementLists = new Map<string, readonly ts.JsxOpeningLikeElement[]>();
  readonly skipped: SkippedFile[] = [];
  private readonly caches: Array<NodeCache<unknown>> = [];
  private readonly scopes = this.nodeCache<Scope>();
  private readonly exportTables = new Map<string, Map<string, ExportTarget>>();
  private readonly starExports = new Map<string, string[]>();

  readonly modules: ModuleResolver;

  constructor(
    readonly allFiles: ReadonlySet<string>,
    private readonly maxFileBytes: number,
    modules?: ModuleResolver,
  ) {
    this.modules = modules ?? new ModuleResolver({ files: allFiles, configs: new Map() });
  }

  /** Why a file is not parsed at all (binary, oversized, minified), or undefined when it is parsed. */
  rejection(text: string): string | undefined {
    if (text.includes('\u0000')) return 'binary content';
    if (text.length > this.maxFileBytes) return `larger than ${this.maxFileBytes} bytes (limits.max_file_bytes)`;
    if (hasLongLine(text)) return `a line longer than ${MAX_LINE} characters (minified?)`;
    return undefined;
  }

  /**
   * Parses a file; never throws. Binary, oversized and minified files are skipped with a reason.
   * `shared: false` is for a file nothing else imports: it is analysed once and then forgotten,
   * so it stays out of the cross-review cache and its tree can be collected young.
   */
  add(path: string, text: string, shared = true): ts.SourceFile | undefined {
    const existing = this.sources.get(path);
    if (existing) return existing;
    const rejection = this.rejection(text);
    if (rejection) return this.skip(path, rejection);
    try {
      const { sf, calls, elements } = shared ? parseOnce(path, text) : parse(path, text);
      this.sources.set(path, sf);
      this.callLists.set(path, calls);
      if (elements.length) this.elementLists.set(path, elements);
      return sf;
    } catch (error) {
      return this.skip(path, `could not be parsed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }

  /** The call expressions of a parsed file, in source order. */
  callsIn(path: string): readonly ts.CallExpression[] {
    return this.callLists.get(path) ?? [];
  }

  /** The component elements with attributes of a parsed file, in source order. */
  elementsIn(path: string): readonly ts.JsxOpeningLikeElement[] {
    return this.elementLists.get(path) ?? [];
  }

  /** A cache of per-node results that `forget` empties for the forgotten file. */
  nodeCache<V>(): NodeCache<V> {
    const cache = new NodeCache<V>();
    this.caches.push(cache as NodeCache<unknown>);
    return cache;
  }

  /** Drops a file and what was built from it, once its calls are extracted and nothing imports it. */
  forget(path: string): void {
    const sf = this.sources.get(path);
    if (sf) {
      for (const cache of this.caches) cache.drop(sf);
      this.lines.delete(sf);
    }
    this.sources.delete(path);
    this.callLists.delete(path);
    this.elementLists.delete(path);
    this.exportTables.delete(path);
    this.starExports.delete(path);
  }

  private skip(file: string, reason: string): undefined {
    this.skipped.push({ file, reason });
    return undefined;
  }

  fileName(node: ts.Node): string {
    return this.fileOfTree(node.getSourceFile());
  }

  private lastTree: ts.SourceFile | undefined;
  private lastName = '';
  /** Line starts of the parsed files, dropped with them (`forget`). */
  private readonly lines = new Map<ts.SourceFile, readonly number[]>();

  /** Trees are parsed under `/` + their repository path; names are asked for in runs from one file. */
  private fileOfTree(sf: ts.SourceFile): string {
    if (sf !== this.lastTree) {
      this.lastTree = sf;
      this.lastName = sf.fileName.slice(1);
    }
    return this.lastName;
  }

  location(node: ts.Node): SourceLocation {
    const sf = node.getSourceFile();
    let lines = this.lines.get(sf);
    if (!lines) {
      lines = lineStarts(sf);
      this.lines.set(sf, lines);
    }
    const start = node.getStart(sf);
    const line = lineOf(lines, start);
    const endLine = lineOf(lines, node.end);
    return {
      file: this.fileOfTree(sf),
      line: line + 1,
      column: start - (lines[line] ?? 0) + 1,
      endLine: endLine + 1,
      endColumn: node.end - (lines[endLine] ?? 0) + 1,
    };
  }

  /** Texts of the files read for this review, where inferred resolution looks for definitions. */
  private readable: ReadonlyMap<string, string> = new Map();
  /** Exported top-level names and the files defining them, built on the first inference. */
  private definitions: Map<string, string[]> | undefined;

  /** The texts inferred resolution may search and parse (the files this review read). */
  searchable(texts: ReadonlyMap<string, string>): void {
    this.readable = texts;
    this.definitions = undefined;
    this.callNames = undefined;
  }

  /**
   * The one file of the repository that exports `name`, for an import no resolver could follow
   * (`import { trackSignup } from 'generated/analytics'` when that file is generated at build
   * time): taken to be that definition, parsed if it was not yet. Undefined when no file, or more
   * than one, defines it, or when the specifier names a package the manifests depend on.
   */
  inferredModule(from: string, specifier: string, name: string): string | undefined {
    if (name === 'default' || name === '*' || !this.modules.mayNameRepositoryFile(specifier)) return undefined;
    if (!this.definitions) {
      this.definitions = new Map();
      for (const [file, text] of this.readable) {
        if (!CODE_FILE.test(file)) continue;
        for (const match of text.matchAll(/\bexport\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|enum)\s+([A-Za-z_$][\w$]*)/g)) {
          const defined = match[1] ?? '';
          const files = this.definitions.get(defined) ?? [];
          if (!files.includes(file)) files.push(file);
          this.definitions.set(defined, files);
        }
      }
    }
    const files = this.definitions.get(name);
    const file = files?.length === 1 ? files[0] : undefined;
    if (!file || file === from) return undefined;
    if (!this.sources.has(file)) this.add(file, this.readable.get(file) ?? '');
    return this.sources.has(file) ? file : undefined;
  }

  /** Files of the searchable texts that call something named `name`, built on the first question. */
  private callNames: Map<string, string[]> | undefined;
  private implementers: Map<string, string[]> | undefined;

  /**
   * The searchable files with a class that `implements` something named `name`, parsed (shared) if
   * they were not yet. One pass over the texts indexes every implements clause: a scan per
   * interface cost seconds on a large monorepo.
   */
  filesImplementing(name: string): string[] {
    if (!this.implementers) {
      this.implementers = new Map();
      for (const [file, text] of this.readable) {
        if (!CODE_FILE.test(file) || !text.includes('implements')) continue;
        for (const match of text.matchAll(/\bimplements\s+([^{]{1,400})\{/g)) {
          for (const id of (match[1] ?? '').matchAll(/[A-Za-z_$][\w$]*/g)) {
            const files = this.implementers.get(id[0]);
            if (!files) this.implementers.set(id[0], [file]);
            else if (files[files.length - 1] !== file) files.push(file);
          }
        }
      }
    }
    const out: string[] = [];
    for (const file of this.implementers.get(name) ?? []) {
      if (this.sources.has(file) || this.add(file, this.readable.get(file) ?? '')) out.push(file);
    }
    return out;
  }

  /**
   * The searchable files that contain a call of something named `name` (`name(` or `.name(`),
   * parsed (shared) if they were not yet: where a function's callers can be.
   */
  filesCalling(name: string): string[] {
    if (!this.callNames) {
      this.callNames = new Map();
      for (const [file, text] of this.readable) {
        if (!CODE_FILE.test(file)) continue;
        for (const match of text.matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)) {
          const called = match[1] ?? '';
          const files = this.callNames.get(called);
          if (!files) this.callNames.set(called, [file]);
          else if (files[files.length - 1] !== file) files.push(file);
        }
      }
    }
    const out: string[] = [];
    for (const file of this.callNames.get(name) ?? []) {
      if (this.sources.has(file) || this.add(file, this.readable.get(file) ?? '')) out.push(file);
    }
    return out;
  }

  /**
   * The files of the searchable texts that pass `test`, parsed (shared) if they were not yet: for
   * facts that sit in a file no import leads to (the dispatch a React root configures).
   */
  parsedWhere(test: (text: string) => boolean): string[] {
    const out: string[] = [];
    for (const [file, text] of this.readable) {
      if (!CODE_FILE.test(file) || !test(text)) continue;
      if (this.sources.has(file) || this.add(file, text)) out.push(file);
    }
    return out;
  }

  /** The repository file an import names from `from` (relative, tsconfig paths, workspace packages). */
  resolveModule(from: string, specifier: string): string | undefined {
    return this.modules.resolve(from, specifier);
  }

  /** Module specifiers a file imports, re-exports, requires or imports dynamically, read from its text. */
  static importSpecifiers(text: string): string[] {
    return importsIn(text).map((i) => i.specifier);
  }

  /** What a name means at a point in the code: the nearest declaration in scope. */
  resolve(name: string, at: ts.Node): Binding | undefined {
    const scope = enclosingScope(at);
    return scope ? this.resolveFrom(scope, name) : undefined;
  }

  /** Looks a name up from a scope outwards, remembering the answer in each scope it passes. */
  private resolveFrom(node: ts.Node, name: string): Binding | undefined {
    const scope = this.scopes.get(node) ?? this.scopeOf(node);
    const own = scope.own.get(name);
    if (own) return own;
    const known = scope.outer.get(name);
    if (known !== undefined) return known ?? undefined;
    const parent = node.parent && enclosingScope(node.parent);
    const found = parent ? this.resolveFrom(parent, name) : undefined;
    scope.outer.set(name, found ?? null);
    return found;
  }

  private scopeOf(node: ts.Node): Scope {
    const table = new Map<string, Binding>();
    const scope: Scope = { own: table, outer: new Map() };
    this.scopes.set(node, scope);
    const declare = (name: string, binding: Binding) => {
      if (!table.has(name)) table.set(name, binding);
    };
    if (isFunctionLike(node)) {
      node.parameters.forEach((param, index) =>
        bindingNames(param.name, []).forEach(([name, path, omit]) => declare(name, { kind: 'parameter', decl: param, fn: node, index, path, ...(omit ? { omit } : {}) })),
      );
      if (ts.isFunctionExpression(node) && node.name) declare(node.name.text, { kind: 'self', fn: node });
    }
    if (ts.isCatchClause(node) && node.variableDeclaration) {
      for (const [name, path, omit] of bindingNames(node.variableDeclaration.name, [])) declare(name, { kind: 'variable', decl: node.variableDeclaration, path, ...(omit ? { omit } : {}) });
    }
    if ((ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      for (const decl of node.initializer.declarations) for (const [name, path, omit] of bindingNames(decl.name, [])) declare(name, { kind: 'variable', decl, path, ...(omit ? { omit } : {}) });
    }
    const statements = ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node) ? node.statements : undefined;
    for (const statement of statements ?? []) {
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          for (const [name, path, omit] of bindingNames(decl.name, [])) declare(name, { kind: 'variable', decl, path, ...(omit ? { omit } : {}) });
        }
      } else if (ts.isFunctionDeclaration(statement) && statement.name) declare(statement.name.text, { kind: 'function', decl: statement });
      else if (ts.isClassDeclaration(statement) && statement.name) declare(statement.name.text, { kind: 'class', decl: statement });
      else if (ts.isEnumDeclaration(statement)) declare(statement.name.text, { kind: 'enum', decl: statement });
      else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.importClause) {
        const module = statement.moduleSpecifier.text;
        const clause = statement.importClause;
        if (clause.name) declare(clause.name.text, { kind: 'import', module, name: 'default' });
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) declare(bindings.name.text, { kind: 'import', module, name: '*' });
        if (bindings && ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) declare(element.name.text, { kind: 'import', module, name: (element.propertyName ?? element.name).text });
        }
      } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
        const expr = statement.moduleReference.expression;
        if (ts.isStringLiteral(expr)) declare(statement.name.text, { kind: 'import', module: expr.text, name: '*' });
      }
    }
    return scope;
  }

  /** The table of a file's exports (by exported name), built once. */
  exportsOf(file: string): Map<string, ExportTarget> {
    const cached = this.exportTables.get(file);
    if (cached) return cached;
    const table = new Map<string, ExportTarget>();
    this.exportTables.set(file, table);
    const stars: string[] = [];
    this.starExports.set(file, stars);
    const sf = this.sources.get(file);
    if (!sf) return table;
    for (const statement of sf.statements) {
      const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
      const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
      if (ts.isVariableStatement(statement) && exported) {
        for (const decl of statement.declarationList.declarations) {
          for (const [name, path] of bindingNames(decl.name, [])) table.set(name, { kind: 'binding', binding: { kind: 'variable', decl, path }, node: decl });
        }
      } else if (ts.isFunctionDeclaration(statement) && exported) {
        const target: ExportTarget = { kind: 'binding', binding: { kind: 'function', decl: statement }, node: statement };
        if (isDefault) table.set('default', target);
        if (statement.name) table.set(statement.name.text, target);
      } else if (ts.isClassDeclaration(statement) && exported) {
        const target: ExportTarget = { kind: 'binding', binding: { kind: 'class', decl: statement }, node: statement };
        if (isDefault) table.set('default', target);
        if (statement.name) table.set(statement.name.text, target);
      } else if (ts.isEnumDeclaration(statement) && exported) {
        table.set(statement.name.text, { kind: 'binding', binding: { kind: 'enum', decl: statement }, node: statement });
      } else if (ts.isExportAssignment(statement)) {
        table.set('default', { kind: 'expression', expr: statement.expression });
      } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        // CommonJS: `module.exports = …`, `module.exports.track = …`, `exports.track = …`.
        const target = commonJsExport(statement.expression.left);
        if (target === 'default' || (target && !table.has(target))) table.set(target, { kind: 'expression', expr: statement.expression.right });
      } else if (ts.isExportDeclaration(statement)) {
        const module = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
        const clause = statement.exportClause;
        if (!clause) {
          if (module) stars.push(module);
        } else if (ts.isNamespaceExport(clause)) {
          if (module) table.set(clause.name.text, { kind: 'namespace', module });
        } else {
          for (const element of clause.elements) {
            const local = (element.propertyName ?? element.name).text;
            if (module) table.set(element.name.text, { kind: 'reexport', module, name: local });
            else {
              const binding = this.resolve(local, sf);
              if (binding) table.set(element.name.text, { kind: 'binding', binding, node: element });
            }
          }
        }
      }
    }
    return table;
  }

  starExportsOf(file: string): string[] {
    this.exportsOf(file);
    return this.starExports.get(file) ?? [];
  }

  /** Whether the top-level function/const/class named `name` is exported from its file. */
  isExported(file: string, name: string): boolean {
    const target = this.exportsOf(file).get(name);
    return target !== undefined;
  }
}

const SCOPE_KINDS = new Set([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ...FUNCTION_KINDS,
]);

function isScope(node: ts.Node): boolean {
  return SCOPE_KINDS.has(node.kind);
}

function enclosingScope(node: ts.Node): ts.Node | undefined {
  let n: ts.Node | undefined = node;
  while (n && !isScope(n)) n = n.parent;
  return n;
}

/** The names a scope declares, and what names it does not declare resolve to further out. */
interface Scope {
  own: Map<string, Binding>;
  outer: Map<string, Binding | null>;
}

/**
 * Names a binding pattern declares, each with its destructuring path (`{ a: { b } }` → b at [a, b]);
 * a rest element (`{ event, ...rest }`) stands for the object it is in, less the keys before it.
 */
export function bindingNames(name: ts.BindingName, path: string[]): Array<[string, string[], string[]?]> {
  if (ts.isIdentifier(name)) return [[name.text, path]];
  const out: Array<[string, string[], string[]?]> = [];
  const taken: string[] = [];
  name.elements.forEach((element, index) => {
    if (ts.isOmittedExpression(element)) return;
    if (element.dotDotDotToken) {
      if (ts.isObjectBindingPattern(name) && ts.isIdentifier(element.name)) out.push([element.name.text, path, taken.slice()]);
      return;
    }
    let key: string | undefined;
    if (ts.isObjectBindingPattern(name)) {
      const prop = element.propertyName ?? (ts.isIdentifier(element.name) ? element.name : undefined);
      key = prop && (ts.isIdentifier(prop) || ts.isStringLiteral(prop)) ? prop.text : undefined;
    } else key = String(index);
    if (key === undefined) return;
    taken.push(key);
    out.push(...bindingNames(element.name, [...path, key]));
  });
  return out;
}

/** The export a CommonJS assignment target names: `default` for `module.exports`, else the member. */
function commonJsExport(left: ts.Expression): string | undefined {
  const text = (e: ts.Expression): string | undefined =>
    ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? `${text(e.expression) ?? '?'}.${e.name.text}` : undefined;
  const chain = text(left);
  if (chain === 'module.exports') return 'default';
  const member = /^(?:module\.exports|exports)\.([\w$]+)$/.exec(chain ?? '');
  return member?.[1];
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/**
 * Where each line starts. Text with only `\n` breaks, nearly all of it, is split with `indexOf`;
 * anything with `\r`, U+2028 or U+2029 gets the parser's own rules.
 */
function lineStarts(sf: ts.SourceFile): readonly number[] {
  const text = sf.text;
  if (/[\r\u2028\u2029]/.test(text)) return sf.getLineStarts();
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The 0-based line holding `position`, by binary search over line starts. */
function lineOf(starts: readonly number[], position: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

function hasLongLine(text: string): boolean {
  if (text.length <= MAX_LINE) return false;
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > MAX_LINE) return true;
    start = stop + 1;
  }
  return false;
}

/**
 * The script blocks of a Vue or Svelte component, in place: everything outside `<script>` is
 * blanked (line breaks kept), so positions in the parsed text are positions in the component.
 */
export function scriptBlocks(text: string): string {
  const out = text.replace(/[^\n]/g, ' ').split('');
  const scripts: Array<[number, number]> = [];
  for (const match of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)) {
    const body = match[1] ?? '';
    const start = (match.index ?? 0) + match[0].indexOf('>') + 1;
    for (let i = 0; i < body.length; i++) out[start + i] = body[i] ?? ' ';
    scripts.push([match.index ?? 0, (match.index ?? 0) + match[0].length]);
  }
  const inScript = (at: number) => scripts.some(([from, to]) => at >= from && at < to);
  const styles = [...text.matchAll(/<style\b[\s\S]*?<\/style\s*>/gi)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const);
  const inStyle = (at: number) => styles.some(([from, to]) => at >= from && at < to);
  // Markup expressions become statements after the scripts, at their own positions: Svelte's
  // `on:click={() => track('x')}` and `{expr}`, Vue's `@click="track('x')"` and `:prop="expr"`.
  const keep = (from: number, to: number) => {
    if (from < 1 || to >= text.length || to <= from) return;
    out[from - 1] = '(';
    for (let i = from; i < to; i++) out[i] = text[i] === '\n' ? '\n' : (text[i] ?? ' ');
    out[to] = ')';
    // A statement separator before it, where the markup had the attribute's `=` or a blank.
    if (from >= 2 && out[from - 2] === ' ') out[from - 2] = ';';
  };
  for (let at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) {
    if (inScript(at) || inStyle(at)) continue;
    const first = text[at + 1] ?? '';
    if ('#:/@{'.includes(first)) continue;
    const end = matchingBrace(text, at);
    if (end < 0) break;
    if (text[at - 1] === '=' || /[\s>]/.test(text[at - 1] ?? '')) keep(at + 1, end);
    at = end;
  }
  for (const match of text.matchAll(/\s(?:@|v-on:|:|v-bind:)[\w.:-]+=(?:"([^"]*)"|'([^']*)')/g)) {
    const value = match[1] ?? match[2] ?? '';
    const at = (match.index ?? 0) + match[0].length - value.length - 1;
    if (inScript(at) || inStyle(at)) continue;
    keep(at, at + value.length);
  }
  return out.join('');
}

/** The index of the brace closing the one at `open`, skipping strings; -1 when unbalanced. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length && i < open + 20_000; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function componentKind(text: string): ts.ScriptKind {
  const lang = /<script\b[^>]*\blang=["']?(\w+)/i.exec(text)?.[1]?.toLowerCase();
  return lang === 'tsx' || lang === 'jsx' ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(m|c)?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
