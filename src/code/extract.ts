import type { WrapperConfig } from '../engine/config.js';
import type {
  CallContext,
  CodeIndex,
  EventConstants,
  EventName,
  IdentityEntry,
  Properties,
  PropertyEntry,
  TrackCall,
  TypedEvent,
} from './model.js';
import { TypedEventReader } from './typed-events.js';
import { CodeProgram, hasModifier, isFunctionLike, NodeCache, TIME_LIMIT_REASON, ts, type Binding, type FunctionLike } from './program.js';
import { IDENTITY_KEYS } from './sdks.js';
import { isRegistryName } from './registries.js';
import type { RuleListener } from './listeners.js';
import { Analyzer, type ResolvedCall, type Value, type WrapperSummary } from './analyzer.js';
import {
  calleeName,
  enclosingFunction,
  functionNameOf,
  isAwaited,
  nameOf,
  promiseCaught,
  readsAndCalls,
  readsOf,
  rejectionHandledOutside,
  propertyNameText,
  shortText,
  topLevel,
  tryBehaviour,
  unwrap,
  type CallSite,
} from './syntax.js';

export interface ExtractOptions {
  isTestFile(path: string): boolean;
  /** `performance.now()` after which no further file is parsed or analysed. */
  deadline?: number;
  wrappers: readonly WrapperConfig[];
  /** An events object/enum named in config: `{ file, name }` (name undefined: every exported one). */
  registry?: { file: string; name?: string };
  /** Files that may export an event registry (see `registries.ts`): their exports named like one are described. */
  discover?: readonly string[];
  /** Rules' listeners, called during the walk (see `CodeListener`). */
  listeners?: readonly RuleListener[];
}

/**
 * Walks the in-scope files and describes every tracking call, helper and event-constants object.
 * `leaves` holds the text of in-scope files nothing imports: each is parsed here, analysed, and
 * forgotten before the next, since no other file's analysis can reach into it.
 */
export function extract(program: CodeProgram, inScope: readonly string[], options: ExtractOptions, leaves?: ReadonlyMap<string, string>): CodeIndex {
  const analyzer = new Analyzer(program, { wrappers: options.wrappers });
  const wrapperEntries = program.nodeCache<PropertyEntry>();
  const calls: TrackCall[] = [];
  // Keyed by place, not node, so that no syntax tree is held past its file's turn.
  const constants = new Map<string, EventConstants>();
  const listeners = options.listeners ?? [];
  const facts = new Map<string, unknown[]>(listeners.map((l) => [l.id, []]));
  const recorder = (id: string) => (fact: unknown) => facts.get(id)?.push(fact);
  const recorders = listeners.map((l) => ({ listener: l.listener, record: recorder(l.id), integrations: l.integrations === true }));
  const files: string[] = [];

  for (const file of inScope) {
    const leafText = leaves?.get(file);
    if (!program.sources.has(file) && leafText === undefined) continue;
    if (options.deadline !== undefined && performance.now() > options.deadline) {
      program.skipped.push({ file, reason: TIME_LIMIT_REASON });
      continue;
    }
    const sf = program.sources.get(file) ?? (leafText !== undefined ? program.add(file, leafText, false) : undefined);
    if (!sf) continue;
    files.push(file);
    const site: Site = { file, isTestFile: options.isTestFile(file), generated: GENERATED.test(sf.text.slice(0, 2000)), wrapperEntries };
    const helperTries = new Set<ts.TryStatement>();
    const helperFns = new Set<FunctionLike>();
    let failure: string | undefined;
    for (const node of program.callsIn(file)) {
      if (!mayTrack(node)) continue;
      let resolved: ResolvedCall | undefined;
      let call: TrackCall;
      try {
        resolved = analyzer.resolveCall(node);
        if (!resolved) continue;
        call = buildCall(analyzer, node, resolved, site);
      } catch (error) {
        // Analysis of unusual code must never take the review down, nor hide that calls went unseen.
        failure ??= failureAt(program, node, error);
        continue;
      }
      calls.push(call);
      recordConstants(program, analyzer, call, resolved, constants);
      const tryStatement = enclosingTry(node);
      if (tryStatement && isTrackingOnlyTry(analyzer, tryStatement)) helperTries.add(tryStatement);
      for (const { listener, record, integrations } of recorders) if (integrations || !call.integration) listener.onCall?.({ call, node, analyzer }, record);
      const fn = enclosingFunction(node);
      const helper = fn && outermostFunction(fn);
      if (helper && topLevel(helper) && !call.integration) helperFns.add(helper);
    }
    for (const element of program.elementsIn(file)) {
      try {
        const resolved = analyzer.resolveElement(element);
        if (!resolved) continue;
        const call = buildCall(analyzer, element, resolved, site);
        calls.push(call);
        for (const { listener, record, integrations } of recorders) if (integrations || !call.integration) listener.onCall?.({ call, node: element, analyzer }, record);
        recordConstants(program, analyzer, call, resolved, constants);
      } catch (error) {
        failure ??= failureAt(program, element, error);
      }
    }
    if (failure) program.skipped.push({ file, reason: `its analysis failed at line ${failure}, so tracking calls in it may be missing (a trackguard bug: please report the line; \`ignore:\` in .github/trackguard.yml skips the file meanwhile)` });
    const visit = { file, analyzer, helpers: [...helperFns], trackingTries: [...helperTries] };
    for (const { listener, record } of recorders) listener.onFileEnd?.(visit, record);
    if (leafText !== undefined) program.forget(file);
  }

  if (options.registry) {
    for (const found of registryConstants(program, analyzer, options.registry, 'config')) {
      constants.set(placeKey(program, found.node), found.constants);
    }
  }
  const typedEvents: TypedEvent[] = [];
  const typeReader = new TypedEventReader(analyzer);
  for (const file of options.discover ?? []) {
    const sf = program.sources.get(file);
    if (!sf) continue;
    try {
      typedEvents.push(...typeReader.eventsIn(sf));
    } catch (error) {
      program.skipped.push({ file, reason: `its event types could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)}; a trackguard bug: please report it)` });
    }
    for (const found of registryConstants(program, analyzer, { file }, 'discovered', (name) => isRegistryName(file, name))) {
      const key = placeKey(program, found.node);
      if (!constants.has(key)) constants.set(key, found.constants);
    }
  }

  return {
    calls,
    constants: [...constants.values()],
    facts,
    files,
    skipped: [...program.skipped],
    sdkImports: [],
    packages: [''],
    typedEvents,
  };
}

/** `line (first line of the message)`, for the skipped entry of a file whose analysis failed. */
function failureAt(program: CodeProgram, node: ts.Node, error: unknown): string {
  return `${program.location(node).line} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
}

function placeKey(program: CodeProgram, node: ts.Node): string {
  return `${program.fileName(node)}\u0000${node.pos}`;
}

/** Receivers that are never an SDK or a helper. */
const NEVER_RECEIVERS = new Set(['Math', 'JSON', 'Object', 'Array', 'Promise', 'Date', 'String', 'Number', 'Reflect', 'console', 'crypto', 'URL', 'Intl']);
/** Built-in methods of strings, arrays, promises and responses: the bulk of all calls in application code. */
const BUILTIN_METHODS = new Set([
  'map', 'filter', 'forEach', 'reduce', 'includes', 'indexOf', 'find', 'findIndex', 'some', 'every', 'concat', 'slice', 'splice', 'push',
  'pop', 'shift', 'join', 'split', 'replace', 'replaceAll', 'trim', 'toLowerCase', 'toUpperCase', 'startsWith', 'endsWith', 'padStart',
  'padEnd', 'sort', 'reverse', 'flat', 'flatMap', 'keys', 'values', 'entries', 'toString', 'toFixed', 'then', 'finally', 'json', 'text',
  'status', 'sendStatus', 'toISOString', 'getTime', 'test', 'exec', 'match', 'charAt', 'substring', 'bind', 'call', 'apply',
]);

/** A cheap look at the callee, before any name resolution: most calls cannot be tracking calls. */
function mayTrack(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    if (BUILTIN_METHODS.has(callee.name.text)) return false;
    const receiver = callee.expression;
    return !(ts.isIdentifier(receiver) && NEVER_RECEIVERS.has(receiver.text));
  }
  return callee.kind !== ts.SyntaxKind.SuperKeyword && callee.kind !== ts.SyntaxKind.ImportKeyword;
}

/** Where calls are being read: the file, and what is shared by every call site in the review. */
interface Site {
  file: string;
  isTestFile: boolean;
  /** A generated client (Typewriter, Avo): its helpers' bodies are nobody's to review; their callers are. */
  generated: boolean;
  wrapperEntries: NodeCache<PropertyEntry>;
}


/** Helpers that only drop empty values from an object. */
const EMPTY_FILTER = /^(filterEmpty\w*|removeEmpty\w*|withoutEmpty\w*|omitEmpty\w*|omitNil|omitUndefined|compactObject|compact|pruneEmpty\w*|cleanEmpty\w*)$/i;

const GENERATED = /@generated|auto-?generated|automatically generated|generated by|do not edit/i;

function buildCall(analyzer: Analyzer, node: CallSite, resolved: ResolvedCall, site: Site): TrackCall {
  const { file, isTestFile } = site;
  const program = analyzer.program;
  const location = program.location(node);
  const shape = resolved.shape;
  let event: EventName | undefined;
  const located = resolved.properties && 'expr' in resolved.properties ? resolved.properties : undefined;
  let propertiesExpr: ts.Expression | undefined = located?.expr;

  if (resolved.event) {
    if ('missing' in resolved.event) event = { kind: 'dynamic', reason: resolved.event.missing, text: '', location };
    else if ('built' in resolved.event) {
      const at = program.location(resolved.event.built);
      const own = resolved.event.own;
      const builtFrom = unwrap(resolved.event.built);
      const written = ts.isStringLiteralLike(builtFrom) && builtFrom.text !== resolved.event.value ? { written: builtFrom.text } : {};
      event =
        resolved.event.value !== undefined
          ? { kind: 'literal', value: resolved.event.value, location: at, ...written }
          : own
            ? // The run-time part is the wrapper's own: reported once, in the wrapper.
              { kind: 'dynamic', reason: `\`${resolved.method}\` builds it from values of its own that are only known at run time`, text: shortText(own), location: program.location(own) }
            : { kind: 'dynamic', reason: `\`${resolved.method}\` builds it around its argument from run-time values`, text: shortText(resolved.event.built), location: at };
    } else {
      const expr = 'expr' in resolved.event ? resolved.event.expr : resolved.event.fixed;
      if (shape.schemaEvent) {
        const schema = selfDescribing(analyzer, expr);
        event = schema.event ?? { kind: 'dynamic', reason: 'the Iglu schema URI cannot be resolved statically', text: shortText(expr), location: program.location(expr) };
        propertiesExpr = schema.data;
      } else event = eventName(analyzer, expr, 'expr' in resolved.event ? resolved.event.path : undefined);
    }
  }

  const identity: IdentityEntry[] = resolved.identity.map(({ name, expr }) => identityEntry(analyzer, name, expr));
  const identitySource = resolved.identityIn ? unwrap(resolved.identityIn) : undefined;
  const properties = propertiesOf(analyzer, site.wrapperEntries, propertiesExpr, resolved.extraProperties, identitySource !== undefined, identity, located?.path, located?.omit);

  // A call that names its event is a site even inside a helper whose callers pass the properties
  // (`trackTrialStarted(email, attrs)` → `capture(email, 'Premium trial started', { ...attrs })`):
  // the name is written, and checked, here.
  const named = event !== undefined && event.kind !== 'dynamic';
  const throughParams = isInternal(analyzer, resolved);
  const internal = throughParams && (!named || site.generated);
  const inHelper = named && throughParams && !site.generated;
  return {
    file,
    location,
    sdk: resolved.flavour.sdk,
    side: resolved.flavour.side,
    kind: shape.kind,
    method: resolved.method,
    via: resolved.via,
    ...(event ? { event } : {}),
    properties,
    identity,
    identityVisible: resolved.identityVisible && (identitySource === undefined || (properties.kind === 'object' && properties.complete)),
    context: callContext(node, resolved, isTestFile),
    snippet: shortText(node).slice(0, 200),
    ...(internal ? { internal: true } : {}),
    ...(inHelper ? { inHelper: true } : {}),
    ...(resolved.inferred ? { inferred: true } : {}),
    ...(resolved.integration ? { integration: resolved.integration } : {}),
  };
}

/** A call inside a wrapper whose pieces come from the wrapper's parameters: its call sites are the tracking calls. */
function isInternal(analyzer: Analyzer, resolved: ResolvedCall): boolean {
  if (replaysRecorded(analyzer, resolved)) return true;
  // A parameter of a function that is a wrapper: a handler whose input ends up in a tracking call
  // is no wrapper, and its calls are sites.
  const isParam = (expr: ts.Expression | undefined, path?: readonly string[]) => expr !== undefined && wrapperReading(analyzer, expr, path) !== undefined;
  if (resolved.event && 'expr' in resolved.event) {
    const event = unwrap(resolved.event.expr);
    if (isParam(event, resolved.event.path)) return true;
    // `Names[event]`: a lookup keyed by a parameter.
    if (ts.isElementAccessExpression(event) && isParam(event.argumentExpression)) return true;
    // `` `${name} - cli` `` around a parameter: the wrapper's callers send the real names.
    if (ts.isTemplateExpression(event) && event.templateSpans.some((span) => isParam(span.expression))) return true;
    if (ts.isBinaryExpression(event) && event.operatorToken.kind === ts.SyntaxKind.PlusToken && (isParam(event.left) || isParam(event.right))) return true;
  }
  // `identify({ userID })` forwarding its identity to the SDK's identify.
  if (resolved.shape.kind !== 'track' && resolved.identity.some((entry) => {
    const wrapper = wrapperReading(analyzer, entry.expr);
    return wrapper !== undefined && wrapper.inner.shape.kind !== 'track';
  })) return true;
  if (resolved.properties && 'expr' in resolved.properties) {
    const props = unwrap(resolved.properties.expr);
    if (isParam(props, resolved.properties.path)) return true;
    if (ts.isObjectLiteralExpression(props) && props.properties.some((p) => ts.isSpreadAssignment(p) && isParam(p.expression))) return true;
  }
  return false;
}

/**
 * A call that sends events recorded earlier (`queue.forEach((e) => track(e.event, e.options))`,
 * `for (const e of batch) client.track(e.name, e.props)`): name and properties are members of the
 * same item of a loop. The events were decided where they were recorded; this only forwards them.
 */
function replaysRecorded(analyzer: Analyzer, resolved: ResolvedCall): boolean {
  const event = resolved.event && 'expr' in resolved.event && !resolved.event.path ? unwrap(resolved.event.expr) : undefined;
  const props = resolved.properties && 'expr' in resolved.properties && !resolved.properties.path ? unwrap(resolved.properties.expr) : undefined;
  if (!event || !props || !ts.isPropertyAccessExpression(event) || !ts.isPropertyAccessExpression(props)) return false;
  const item = unwrap(event.expression);
  const other = unwrap(props.expression);
  if (!ts.isIdentifier(item) || !ts.isIdentifier(other) || item.text !== other.text) return false;
  const binding = analyzer.program.resolve(item.text, item);
  if (binding?.kind === 'parameter') {
    const fn = binding.fn;
    const call = fn.parent && ts.isCallExpression(fn.parent) ? fn.parent : undefined;
    if (!(binding.index === 0 && binding.path.length === 0 && call !== undefined && /^(forEach|map|flatMap|each)$/.test(calleeName(call.expression)))) return false;
    return !collectedHere(analyzer, ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined, call);
  }
  if (binding?.kind === 'variable') {
    const list = binding.decl.parent;
    return ts.isVariableDeclarationList(list) && ts.isForOfStatement(list.parent) && list.parent.initializer === list && !collectedHere(analyzer, list.parent.expression, list.parent);
  }
  return false;
}

/**
 * A list declared in the function that loops over it (`const analytics = []; …push({ event: 'x' });
 * analytics.forEach(…)`): the function gathers the events and sends them here, so the loop is where
 * they are sent, not a replay of calls recorded elsewhere.
 */
function collectedHere(analyzer: Analyzer, list: ts.Expression | undefined, loop: ts.Node): boolean {
  const id = list && unwrap(list);
  if (!id || !ts.isIdentifier(id)) return false;
  const binding = analyzer.program.resolve(id.text, id);
  if (binding?.kind !== 'variable') return false;
  const declaredIn = enclosingFunction(binding.decl);
  return declaredIn !== undefined && declaredIn === enclosingFunction(loop);
}

/**
 * A callback written inline where it is handed to someone else (`:afterSkip="(step) => capture(…)"`,
 * `onSkip={(step) => track(…)}`, `register((e) => …)`): nothing here calls it by name, so its calls
 * are the sites. A hook's memoised callback (`useCallback`) is bound to a name and is not one.
 */
function handedToOthers(fn: FunctionLike): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  let parent = fn.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (!parent) return false;
  if (ts.isJsxExpression(parent)) return true;
  if (ts.isCallExpression(parent) && parent.arguments.some((a) => unwrap(a) === fn)) return !/^(useCallback|useMemo|computed|useEvent)$/.test(calleeName(parent.expression));
  // A Vue or Svelte markup expression, kept as a statement of its own.
  return ts.isExpressionStatement(parent) && /\.(vue|svelte)$/.test(fn.getSourceFile().fileName);
}

/** The wrapper whose parameter `expr` (or its member at `path`) reads, if it is one and one of ours to call. */
function wrapperReading(analyzer: Analyzer, expr: ts.Expression, path?: readonly string[]): WrapperSummary | undefined {
  const value = analyzer.valueAt(expr, path);
  if (value.kind !== 'param' || handedToOthers(value.fn)) return undefined;
  return analyzer.wrapperSummary(value.fn, functionNameOf(value.fn));
}

function eventName(analyzer: Analyzer, expr: ts.Expression, path?: readonly string[]): EventName {
  const program = analyzer.program;
  const location = program.location(expr);
  const value = analyzer.valueAt(expr, path);
  if (value.kind === 'string') {
    if (!value.via) return { kind: 'literal', value: value.value, location };
    const definedAt = program.location(value.node);
    return { kind: 'constant', value: value.value, via: value.via, location, ...(definedAt.file !== location.file || definedAt.line !== location.line ? { definedAt } : {}) };
  }
  if (value.kind === 'strings') return { kind: 'choice', values: value.values, location };
  const text = path?.length ? `${shortText(expr)}.${path.join('.')}` : shortText(expr);
  if (readsComponentProp(analyzer, expr)) return { kind: 'dynamic', reason: 'it is built from a prop of this component', text, location, fromProps: true };
  return { kind: 'dynamic', reason: dynamicReason(analyzer, expr, value), text, location };
}

/**
 * Whether an expression reads a prop of the Svelte or Vue component it is in (`export let event`,
 * `let { event } = $props()`, `props.event` of `defineProps()`): a component that tracks is a
 * wrapper whose users pass the name.
 */
function readsComponentProp(analyzer: Analyzer, expr: ts.Expression): boolean {
  const file = analyzer.program.fileName(expr);
  if (!/\.(svelte|vue)$/.test(file)) return false;
  let found = false;
  const visit = (node: ts.Node) => {
    if (found) return;
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      const binding = analyzer.program.resolve(node.text, node);
      if (binding?.kind === 'variable') {
        const statement = binding.decl.parent.parent;
        const init = binding.decl.initializer && unwrap(binding.decl.initializer);
        const propsCall = init !== undefined && ts.isCallExpression(init) && /^(\$props|defineProps|withDefaults)$/.test(calleeName(init.expression));
        if (propsCall || (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword))) found = true;
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expr);
  return found;
}

function dynamicReason(analyzer: Analyzer, expr: ts.Expression, value: Value): string {
  const e = unwrap(expr);
  if (value.kind === 'param') return 'it is a parameter of the enclosing function';
  if (ts.isTemplateExpression(e)) return 'it is built from a template with run-time values';
  if (ts.isBinaryExpression(e)) return 'it is concatenated from run-time values';
  if (ts.isCallExpression(e)) return `it is returned by \`${shortText(e.expression)}()\``;
  if (ts.isIdentifier(e) && !analyzer.program.resolve(e.text, e)) return `\`${e.text}\` is not declared in this file`;
  return 'its value is only known at run time';
}

/** Snowplow self-describing events: the event name is the name part of `iglu:vendor/name/jsonschema/1-0-0`. */
function selfDescribing(analyzer: Analyzer, expr: ts.Expression): { event?: EventName; data?: ts.Expression } {
  let target = unwrap(expr);
  if (ts.isCallExpression(target) && target.arguments[0]) {
    const inner = unwrap(target.arguments[0]);
    target = ts.isObjectLiteralExpression(inner) ? inner : target;
  }
  if (!ts.isObjectLiteralExpression(target)) return {};
  const eventObject = property(target, 'event');
  const holder = eventObject && ts.isObjectLiteralExpression(unwrap(eventObject)) ? (unwrap(eventObject) as ts.ObjectLiteralExpression) : target;
  const schemaExpr = property(holder, 'schema');
  const data = property(holder, 'data');
  if (!schemaExpr) return { data };
  const value = analyzer.evaluate(schemaExpr);
  if (value.kind !== 'string') return { data };
  const match = /^iglu:[^/]+\/([^/]+)\/[^/]+\/\d+-\d+-\d+$/.exec(value.value);
  if (!match?.[1]) return { data };
  const location = analyzer.program.location(schemaExpr);
  return { event: value.via ? { kind: 'constant', value: match[1], via: value.via, location } : { kind: 'literal', value: match[1], location }, data };
}

function property(node: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const prop of node.properties) {
    if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === key) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === key) return prop.name;
  }
  return undefined;
}

function identityEntry(analyzer: Analyzer, key: string, expr: ts.Expression): IdentityEntry {
  const e = unwrap(expr);
  const entry: IdentityEntry = { key, text: shortText(e), location: analyzer.program.location(e), ...readsAndCalls(e) };
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) entry.literal = e.text;
  else if (ts.isTemplateExpression(e)) entry.templateHead = e.head.text;
  else {
    const value = analyzer.evaluate(e);
    if (value.kind === 'string') {
      entry.literal = value.value;
      if (analyzer.mayHoldOtherValues(e)) entry.fallback = true;
    }
  }
  return entry;
}

function propertiesOf(
  analyzer: Analyzer,
  wrapperEntries: NodeCache<PropertyEntry>,
  expr: ts.Expression | undefined,
  extra: readonly ts.ObjectLiteralElementLike[],
  identityInside: boolean,
  identity: IdentityEntry[],
  path?: readonly string[],
  omit?: readonly string[],
): Properties {
  const program = analyzer.program;
  if (!expr && extra.length === 0) return { kind: 'none' };
  let literal: ts.ObjectLiteralExpression | undefined;
  if (expr) {
    let e = unwrap(expr);
    // `filterEmptyValuesFromObject({ … })`, `compact({ … })`: the same properties, less the empty ones.
    if (!path?.length && ts.isCallExpression(e) && EMPTY_FILTER.test(calleeName(e.expression)) && e.arguments[0] && ts.isObjectLiteralExpression(unwrap(e.arguments[0]))) e = unwrap(e.arguments[0]);
    if (ts.isObjectLiteralExpression(e) && !path?.length) literal = e;
    else {
      const value = analyzer.valueAt(e, path);
      if (value.kind === 'object') literal = value.node;
      else if (extra.length === 0) {
        const text = path?.length ? `${shortText(e)}.${path.join('.')}` : shortText(e);
        return { kind: 'passthrough', text, reads: readsOf(e), location: program.location(e) };
      }
    }
  }
  const result: Properties = { kind: 'object', entries: [], spreads: [], complete: true, location: program.location(literal ?? expr ?? extra[0] ?? ts.factory.createObjectLiteralExpression()) };
  const add = (elements: readonly ts.ObjectLiteralElementLike[], fromWrapper: boolean, depth: number) => {
    for (const prop of elements) {
      if (ts.isSpreadAssignment(prop)) {
        const value = analyzer.evaluate(prop.expression);
        if (value.kind === 'object' && depth < 5) add(value.node.properties, fromWrapper, depth + 1);
        else {
          result.complete = false;
          result.spreads.push({ text: shortText(prop.expression), location: program.location(prop.expression), reads: readsOf(prop.expression) });
        }
        continue;
      }
      let key = propertyNameText(prop.name);
      if (key === undefined && prop.name && ts.isComputedPropertyName(prop.name)) {
        const value = analyzer.evaluate(prop.name.expression);
        if (value.kind === 'string') key = value.value;
      }
      if (key === undefined) {
        result.complete = false;
        continue;
      }
      // The event key a wrapper's rest pattern took off: not a property.
      if (!fromWrapper && depth === 0 && omit?.includes(key)) continue;
      const valueNode = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : prop;
      if (identityInside && IDENTITY_KEYS.includes(key) && ts.isExpression(valueNode)) {
        identity.push(identityEntry(analyzer, key, valueNode));
        continue;
      }
      if (!fromWrapper) {
        result.entries.push(propertyEntry(analyzer, prop, key, valueNode));
        continue;
      }
      // What a wrapper adds is the same at every call site through it: described once.
      let entry = wrapperEntries.get(prop);
      if (!entry) {
        entry = { ...propertyEntry(analyzer, prop, key, valueNode), fromWrapper: true };
        wrapperEntries.set(prop, entry);
      }
      result.entries.push({ ...entry, reads: [...entry.reads], calls: [...entry.calls] });
    }
  };
  if (literal) add(literal.properties, false, 0);
  add(extra, true, 0);
  return result;
}

function propertyEntry(analyzer: Analyzer, prop: ts.ObjectLiteralElementLike, key: string, valueNode: ts.Node): PropertyEntry {
  const program = analyzer.program;
  const expression = ts.isExpression(valueNode);
  const { reads, calls } = expression ? readsAndCalls(valueNode) : { reads: [], calls: [] };
  const entry: PropertyEntry = {
    key,
    keyLocation: program.location(prop.name ?? prop),
    valueText: shortText(valueNode),
    valueLocation: program.location(valueNode),
    reads,
    calls,
  };
  const literalValue = expression ? literalOf(analyzer, valueNode) : undefined;
  if (literalValue) entry.literal = literalValue;
  else if (expression && ts.isConditionalExpression(unwrap(valueNode))) {
    // `token ? 'invite' : 'direct'`: what is sent is one of the literals, whatever the condition reads.
    const value = analyzer.evaluate(valueNode);
    if (value.kind === 'strings') entry.choices = value.values;
  }
  return entry;
}

function literalOf(analyzer: Analyzer, expr: ts.Expression, depth = 0): { value: unknown } | undefined {
  const e = unwrap(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { value: e.text };
  if (ts.isNumericLiteral(e)) return { value: Number(e.text) };
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return { value: -Number(e.operand.text) };
  if (e.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
  if (e.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
  if (e.kind === ts.SyntaxKind.NullKeyword) return { value: null };
  if (depth > 4) return undefined;
  if (ts.isArrayLiteralExpression(e)) {
    const items = e.elements.map((item) => literalOf(analyzer, item, depth + 1));
    return items.every(Boolean) ? { value: items.map((i) => i?.value) } : undefined;
  }
  if (ts.isObjectLiteralExpression(e)) {
    const out: Record<string, unknown> = {};
    for (const prop of e.properties) {
      if (!ts.isPropertyAssignment(prop)) return undefined;
      const key = propertyNameText(prop.name);
      const value = literalOf(analyzer, prop.initializer, depth + 1);
      if (key === undefined || !value) return undefined;
      out[key] = value.value;
    }
    return { value: out };
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    // Most values read a parameter or a function's result, which are never constants: skip
    // evaluating those (typed names still are: a class type can declare constant members).
    let root: ts.Expression = e;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    if (ts.isIdentifier(root) && !mayHoldConstant(analyzer.program.resolve(root.text, root))) return undefined;
    const value = analyzer.evaluate(e);
    if (value.kind === 'string') return { value: value.value };
  }
  return undefined;
}

function mayHoldConstant(binding: Binding | undefined): boolean {
  if (!binding || binding.kind === 'function') return false;
  const typed = (type: ts.TypeNode | undefined) => type !== undefined && ts.isTypeReferenceNode(type);
  if (binding.kind === 'parameter') return binding.path.length === 0 && typed(binding.decl.type);
  if (binding.kind === 'variable') {
    // A value computed by a call (`items.filter(…)`, `await db.find(…)`) is not followed for a constant.
    let init = binding.decl.initializer && unwrap(binding.decl.initializer);
    if (init && ts.isAwaitExpression(init)) init = unwrap(init.expression);
    if (init) return !ts.isCallExpression(init) && !ts.isNewExpression(init);
    return typed(binding.decl.type);
  }
  return true;
}

function callContext(node: CallSite, resolved: ResolvedCall, isTestFile: boolean): CallContext {
  // A component element renders; whatever its handler sends, nothing here awaits it.
  if (!ts.isCallExpression(node)) return { awaited: false, voided: false, promiseCaught: false, handedOn: true, canReject: false, isTestFile };
  let top: ts.Node = node;
  for (;;) {
    const access = top.parent;
    if (access && ts.isPropertyAccessExpression(access) && access.expression === top && ['then', 'catch', 'finally'].includes(access.name.text)) {
      const chained = access.parent;
      if (chained && ts.isCallExpression(chained) && chained.expression === access) {
        top = chained;
        continue;
      }
    }
    break;
  }
  let parent = top.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent))) parent = parent.parent;
  const awaited = parent !== undefined && ts.isAwaitExpression(parent);
  const voided = parent !== undefined && ts.isVoidExpression(parent);
  const statement = (n: ts.Node | undefined) => n !== undefined && ts.isExpressionStatement(n);
  const floating = statement(parent) || (voided && statement(parent?.parent));
  const inTry = tryBehaviour(node, enclosingFunction(node));
  const context: CallContext = {
    awaited: awaited || isAwaited(node),
    voided,
    promiseCaught: promiseCaught(node) || ((awaited || isAwaited(node)) && inTry !== 'swallows' && rejectionHandledOutside(node)),
    handedOn: !awaited && !floating && !voided,
    canReject: resolved.canReject,
    isTestFile,
  };
  if (inTry) context.inTry = inTry;
  return context;
}

function enclosingTry(node: ts.Node): ts.TryStatement | undefined {
  let child: ts.Node = node;
  for (let n: ts.Node | undefined = node.parent; n; child = n, n = n.parent) {
    if (isFunctionLike(n)) return undefined;
    if (ts.isTryStatement(n) && n.tryBlock === child) return n;
  }
  return undefined;
}

/** A try block that only tracks (tracking calls and declarations): its catch belongs to the tracking. */
function isTrackingOnlyTry(analyzer: Analyzer, statement: ts.TryStatement): boolean {
  return statement.tryBlock.statements.every((s) => {
    if (ts.isVariableStatement(s)) return true;
    if (!ts.isExpressionStatement(s)) return false;
    let e = unwrap(s.expression);
    if (ts.isAwaitExpression(e) || ts.isVoidExpression(e)) e = unwrap(e.expression);
    return ts.isCallExpression(e) && analyzer.resolveCall(e) !== undefined;
  });
}



/** Objects and enums whose members are used as event names. */
function recordConstants(
  program: CodeProgram,
  analyzer: Analyzer,
  call: TrackCall,
  resolved: ResolvedCall,
  constants: Map<string, EventConstants>,
): void {
  if (!resolved.event || 'missing' in resolved.event || 'built' in resolved.event || call.event?.kind !== 'constant') return;
  const expr = 'expr' in resolved.event ? resolved.event.expr : resolved.event.fixed;
  const value = analyzer.evaluate(expr);
  if (value.kind !== 'string' || !value.container) return;
  const key = placeKey(program, value.container);
  if (constants.has(key)) return;
  const found = describeContainer(program, analyzer, value.container, 'usage');
  if (found) constants.set(key, found);
}

/** Described constants objects, by node: parsed files are shared across reviews, and so are these. */
const described = new WeakMap<ts.Node, EventConstants | null>();

function describeContainer(
  program: CodeProgram,
  analyzer: Analyzer,
  container: ts.ObjectLiteralExpression | ts.EnumDeclaration,
  source: EventConstants['source'],
): EventConstants | undefined {
  const known = described.get(container);
  if (known !== undefined && (known === null || known.source === source)) return known ?? undefined;
  const result = describeContainerUncached(program, analyzer, container, source);
  // Only literal members are safe to remember: a member built from an import depends on that file.
  if (literalMembers(container)) described.set(container, result ?? null);
  return result;
}

function literalMembers(container: ts.ObjectLiteralExpression | ts.EnumDeclaration): boolean {
  const literal = (e: ts.Expression | undefined): boolean => {
    if (!e) return true;
    const u = unwrap(e);
    return ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u) || (ts.isObjectLiteralExpression(u) && u.properties.every((p) => ts.isPropertyAssignment(p) && literal(p.initializer)));
  };
  if (ts.isEnumDeclaration(container)) return container.members.every((m) => literal(m.initializer));
  return container.properties.every((p) => ts.isPropertyAssignment(p) && literal(p.initializer));
}

function describeContainerUncached(
  program: CodeProgram,
  analyzer: Analyzer,
  container: ts.ObjectLiteralExpression | ts.EnumDeclaration,
  source: EventConstants['source'],
): EventConstants | undefined {
  const members: EventConstants['members'] = [];
  if (ts.isEnumDeclaration(container)) {
    for (const member of container.members) {
      const value = member.initializer ? analyzer.evaluate(member.initializer) : undefined;
      const name = propertyNameText(member.name);
      if (value?.kind === 'string' && name) members.push({ name, value: value.value, location: program.location(member) });
    }
  } else {
    const walk = (node: ts.ObjectLiteralExpression, prefix: string, depth: number) => {
      for (const prop of node.properties) {
        if (!ts.isPropertyAssignment(prop)) continue;
        const name = propertyNameText(prop.name);
        if (!name) continue;
        const inner = unwrap(prop.initializer);
        if (ts.isObjectLiteralExpression(inner) && depth < 3) {
          walk(inner, `${prefix}${name}.`, depth + 1);
          continue;
        }
        const value = analyzer.evaluate(prop.initializer);
        if (value.kind === 'string') members.push({ name: `${prefix}${name}`, value: value.value, location: program.location(prop) });
      }
    };
    walk(container, '', 0);
  }
  if (members.length === 0) return undefined;
  const name = ts.isEnumDeclaration(container) ? container.name.text : nameOf(container);
  const file = program.fileName(container);
  return {
    name,
    file,
    location: program.location(ts.isEnumDeclaration(container) ? container.name : container),
    members,
    exported: program.isExported(file, name),
    source,
    // Filled in once the whole index is known (see `buildCodeIndex`).
    package: '',
    referenced: [],
  };
}

function registryConstants(
  program: CodeProgram,
  analyzer: Analyzer,
  registry: { file: string; name?: string },
  source: EventConstants['source'],
  wanted: (name: string) => boolean = () => true,
): Array<{ node: ts.Node; constants: EventConstants }> {
  const out: Array<{ node: ts.Node; constants: EventConstants }> = [];
  if (!program.sources.has(registry.file)) return out;
  const names = registry.name ? [registry.name] : [...program.exportsOf(registry.file).keys()].filter(wanted);
  for (const name of names) {
    const value = analyzer.exported(registry.file, name);
    const container = value.kind === 'object' ? value.node : value.kind === 'enum' ? value.node : undefined;
    if (!container) continue;
    const found = describeContainer(program, analyzer, container, source);
    if (found) out.push({ node: container, constants: found });
  }
  return out;
}

function outermostFunction(fn: FunctionLike): FunctionLike {
  let outer = fn;
  for (let n: ts.Node | undefined = fn.parent; n; n = n.parent) if (isFunctionLike(n)) outer = n;
  return outer;
}


