import { IDENTITY_KEYS } from './sdks.js';
import { CallResolver, type AnalyzerOptions, type ResolvedCall } from './calls.js';
import { UNKNOWN } from './values.js';
import { CodeProgram, isFunctionLike, NodeCache, ts, type FunctionLike } from './program.js';
import { callsIn, isFlush, REJECTING_CALLEES, TRACKING_NAME, trackingOwner } from './helpers.js';
import { enclosingFunction, hasAsync, isAwaited, isGuarded, jsxAttribute, objectProperty, propertyNameText, returnsDirectly, shortText, unwrap, type CallSite } from './syntax.js';

/** What a function is as a tracking helper: where its event, properties and identity come from, and what it fixes itself. */
export interface WrapperSummary {
  fn: FunctionLike;
  name: string;
  inner: ResolvedCall;
  eventParam?: ParamRef;
  /**
   * The event name is built from a parameter: a template or concatenation around it, or a lookup
   * keyed by it (`HumanEventNames[event]`); `param`: the first parameter it reads.
   */
  eventTemplate?: { expr: ts.TemplateExpression | ts.BinaryExpression | ts.ElementAccessExpression; param: ParamRef };
  propertiesParam?: ParamRef;
  /** `fallback`: what the wrapper sends when the caller passes nothing (`userId ?? machineId`). */
  identityParams: Array<{ name: string; ref: ParamRef; fallback?: ts.Expression }>;
  /** Identity the wrapper supplies itself (`distinctId: getUserId()`). */
  fixedIdentity: Array<{ name: string; expr: ts.Expression }>;
  /** The caller's properties may carry the identity keys (Mixpanel's distinct_id). */
  identityFromProperties: boolean;
  canReject: boolean;
}

export interface ParamRef {
  index: number;
  path: string[];
  /** Keys left out by a rest pattern: the event key taken off before the rest became the properties. */
  omit?: string[];
}

/** What a fixed-event helper adds to every call: its whole properties object. */

function fixedEntries(inner: ResolvedCall): ts.ObjectLiteralElementLike[] {
  const props = inner.properties && 'expr' in inner.properties ? unwrap(inner.properties.expr) : undefined;
  return props && ts.isObjectLiteralExpression(props) ? [...props.properties] : [];
}

/**
 * Wrapper inference, the top layer: which functions are the team's tracking helpers (an event or
 * properties parameter reaching a tracking call inside, a name built around one, a fixed-event
 * helper), what their callers pass, and whether calling one can reject. `Analyzer` is what
 * extraction and rules use (through analyzer.ts).
 */
export class Analyzer extends CallResolver {
  private readonly summaries: NodeCache<WrapperSummary | null>;

  constructor(program: CodeProgram, options: AnalyzerOptions = { wrappers: [] }) {
    super(program, options);
    this.summaries = program.nodeCache();
  }

  protected wrapperCall(call: CallSite, summary: WrapperSummary): ResolvedCall {
    const inner = summary.inner;
    const resolved: ResolvedCall = {
      flavour: inner.flavour,
      shape: inner.shape,
      method: summary.name,
      via: [summary.name, ...inner.via],
      extraProperties: inner.extraProperties,
      identity: [],
      identityVisible: inner.identityVisible,
      canReject: summary.canReject,
      ...(inner.inferred ? { inferred: true } : {}),
      ...(inner.integration ? { integration: inner.integration } : {}),
    };
    if (summary.eventParam) {
      resolved.event = this.locate(call, summary.eventParam) ?? { missing: `\`${summary.name}\` is called without an event name` };
    } else if (summary.eventTemplate) {
      resolved.event = this.builtEvent(call, summary, summary.eventTemplate);
    } else if (inner.event) resolved.event = 'expr' in inner.event ? { fixed: inner.event.expr } : inner.event;
    if (summary.propertiesParam) {
      const at = this.locate(call, summary.propertiesParam);
      if (at) resolved.properties = summary.propertiesParam.omit ? { ...at, omit: summary.propertiesParam.omit } : at;
    } else if (inner.properties && 'expr' in inner.properties) {
      resolved.properties = inner.properties;
    }
    for (const { name, ref, fallback } of summary.identityParams) {
      const at = this.locate(call, ref);
      if (at?.path) resolved.identityVisible = false;
      else if (at) resolved.identity.push({ name, expr: at.expr });
      else if (fallback) resolved.identity.push({ name, expr: fallback });
    }
    resolved.identity.push(...summary.fixedIdentity);
    if (summary.identityFromProperties && resolved.properties && 'expr' in resolved.properties) resolved.identityIn = resolved.properties.expr;
    return resolved;
  }

  /** If `expr` (or its member at `path`) reads a parameter of `fn` (possibly a member of it), which one. */
  paramOf(expr: ts.Expression | undefined, fn: FunctionLike, path: readonly string[] = []): ParamRef | undefined {
    if (!expr) return undefined;
    const e = unwrap(expr);
    // `props || {}`, `properties ?? {}`: the parameter with a default.
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      return this.paramOf(e.left, fn, path);
    }
    // `properties ? properties : {}`: the parameter, or nothing.
    if (ts.isConditionalExpression(e)) {
      const otherwise = unwrap(e.whenFalse);
      if (ts.isObjectLiteralExpression(otherwise) && otherwise.properties.length === 0) return this.paramOf(e.whenTrue, fn, path);
    }
    const value = this.valueAt(expr, path);
    if (value.kind === 'param' && value.fn === fn) return { index: value.index, path: value.path, ...(value.omit ? { omit: value.omit } : {}) };
    return undefined;
  }

  /**
   * Where a wrapper's parameter (or a member of it) is at one of its call sites: the expression, or
   * the nearest one and the members still to take from it when the argument is not a literal that
   * holds them (`trackManual({ user, data })`, `track(payload)`). Undefined when nothing is passed.
   */
  locate(call: CallSite, ref: ParamRef): { expr: ts.Expression; path?: string[] } | undefined {
    let expr: ts.Expression | undefined;
    let from = 0;
    if (ts.isCallExpression(call)) expr = call.arguments[ref.index];
    else {
      // A component's props are its attributes: `<Button eventData={{ eventName }}>`.
      const key = ref.path[0];
      if (ref.index !== 0 || key === undefined) return undefined;
      expr = jsxAttribute(call, key);
      from = 1;
    }
    if (!expr) return undefined;
    for (let i = from; i < ref.path.length; i++) {
      const key = ref.path[i] ?? '';
      let holder = unwrap(expr);
      if (!ts.isObjectLiteralExpression(holder) && ts.isIdentifier(holder)) {
        const value = this.evaluate(holder);
        if (value.kind === 'object') holder = value.node;
      }
      const next = objectProperty(holder, key);
      if (next) {
        expr = next;
        continue;
      }
      // A literal without the key, and without spreads that could bring it: nothing is passed.
      if (ts.isObjectLiteralExpression(holder) && !holder.properties.some(ts.isSpreadAssignment)) return undefined;
      return { expr, path: ref.path.slice(i) };
    }
    return { expr };
  }

  /**
   * A function is a wrapper when one of its parameters flows into the event name or the properties
   * object of a tracking call inside it (directly, or through another wrapper); identity parameters
   * are then followed too.
   */
  wrapperSummary(fn: FunctionLike, name: string): WrapperSummary | undefined {
    const summarised = this.summaries.get(fn);
    if (summarised !== undefined) return summarised ?? undefined;
    if (this.summarising.has(fn)) return undefined;
    this.summarising.add(fn);
    let summary: WrapperSummary | null = null;
    try {
      for (const call of callsIn(fn)) {
        const inner = this.resolveCall(call);
        if (!inner) continue;
        const eventParam = inner.event && 'expr' in inner.event ? this.paramOf(inner.event.expr, fn, inner.event.path) : undefined;
        let propertiesParam = inner.properties && 'expr' in inner.properties ? this.paramOf(inner.properties.expr, fn, inner.properties.path) : undefined;
        const extraProperties = [...inner.extraProperties];
        if (!propertiesParam && inner.properties && 'expr' in inner.properties && !inner.properties.path) {
          let literal = unwrap(inner.properties.expr);
          // `const merged = { version, ...properties }; client.track({ properties: merged })`.
          if (ts.isIdentifier(literal)) {
            const value = this.evaluate(literal);
            if (value.kind === 'object') literal = value.node;
          }
          if (ts.isObjectLiteralExpression(literal)) {
            for (const prop of literal.properties) {
              const spread = ts.isSpreadAssignment(prop) ? this.paramOf(prop.expression, fn) : undefined;
              if (spread) propertiesParam = spread;
              else extraProperties.push(prop);
            }
          }
        }
        const identityParams: WrapperSummary['identityParams'] = [];
        const fixedIdentity: Array<{ name: string; expr: ts.Expression }> = [];
        const identityParam = (name: string, expr: ts.Expression): boolean => {
          const ref = this.paramOf(expr, fn);
          if (!ref) return false;
          const fallback = defaultOf(expr);
          identityParams.push(fallback && !this.paramOf(fallback, fn) ? { name, ref, fallback } : { name, ref });
          return true;
        };
        for (const entry of inner.identity) {
          if (!identityParam(entry.name, entry.expr)) fixedIdentity.push(entry);
        }
        let identityFromProperties = false;
        if (inner.identityIn) {
          const literal = unwrap(inner.identityIn);
          if (ts.isObjectLiteralExpression(literal)) {
            for (const prop of literal.properties) {
              if (ts.isSpreadAssignment(prop)) {
                if (this.paramOf(prop.expression, fn)) identityFromProperties = true;
                continue;
              }
              const key = propertyNameText(prop.name);
              if (!key || !IDENTITY_KEYS.includes(key)) continue;
              const expr = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
              if (!expr) continue;
              if (!identityParam(key, expr)) fixedIdentity.push({ name: key, expr });
            }
          } else if (this.paramOf(inner.identityIn, fn)) identityFromProperties = true;
        }
        const eventTemplate = !eventParam && inner.event && 'expr' in inner.event ? this.templateOf(inner.event.expr, fn) : undefined;
        // Identity alone does not make a wrapper: business functions pass user ids around all the time.
        // A helper with a fixed event whose parameters become property values is one only when it
        // is named as one (`trackError(e, form)`): `save(doc)` that also tracks is business logic.
        const fixedHelper = !eventParam && !propertiesParam && !eventTemplate && this.isFixedEventHelper(fn, name, inner);
        // The same holds when a member deep inside a parameter becomes the properties of a fixed
        // event (`onSubscriptionUpdated(payload)` sending `payload.data.attributes`): a handler.
        if (!eventParam && !eventTemplate && propertiesParam && propertiesParam.path.length > 0 && !TRACKING_NAME.test(name)) continue;
        // Likewise a name built around a member of a parameter (`` `learning_path_${path.name}` `` in
        // `startPath(path)`): a function that tracks, whose name is only known at run time.
        if (eventTemplate && eventTemplate.param.path.length > 0 && !TRACKING_NAME.test(name)) continue;
        // `flushEvents()` around `analytics.closeAndFlush()`: no event, but a call that can reject.
        const flushHelper = !eventParam && !propertiesParam && !eventTemplate && !fixedHelper && isFlush(inner.shape) && /flush|shutdown|close/i.test(name);
        // `identify({ userID })` around the SDK's identify: named for it, and handing the identity on.
        const identityHelper = inner.shape.kind === 'identify' && identityParams.length > 0 && /identify/i.test(name);
        if (!eventParam && !propertiesParam && !eventTemplate && !fixedHelper && !flushHelper && !identityHelper) continue;
        summary = {
          fn,
          name,
          inner: { ...inner, extraProperties: propertiesParam ? extraProperties : fixedHelper ? fixedEntries(inner) : [] },
          ...(eventTemplate ? { eventTemplate } : {}),
          eventParam,
          propertiesParam,
          identityParams,
          fixedIdentity,
          identityFromProperties,
          canReject: this.functionCanReject(fn),
        };
        break;
      }
    } finally {
      this.summarising.delete(fn);
    }
    this.summaries.set(fn, summary);
    return summary ?? undefined;
  }

  /** An event name written as a template, a concatenation or a lookup that reads parameters of `fn`. */
  private templateOf(expr: ts.Expression, fn: FunctionLike): WrapperSummary['eventTemplate'] {
    const e = unwrap(expr);
    let parts: ts.Expression[];
    if (ts.isTemplateExpression(e)) parts = e.templateSpans.map((span) => span.expression);
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) parts = [e.left, e.right];
    else if (ts.isElementAccessExpression(e)) parts = [e.argumentExpression];
    else return undefined;
    for (const part of parts) {
      const param = this.paramOf(part, fn);
      if (param) return { expr: e, param };
    }
    return undefined;
  }

  /** The event a wrapper builds around the caller's argument, located there: its value when every piece is known. */
  private builtEvent(call: CallSite, summary: WrapperSummary, template: NonNullable<WrapperSummary['eventTemplate']>): { built: ts.Expression; value?: string; own?: ts.Expression } {
    let ownUnknown = false;
    let callerUnknown = false;
    const piece = (part: ts.Expression): string | undefined => {
      const found = this.pieceOf(call, summary, part);
      if (found.value === undefined) {
        if (found.fromCaller) callerUnknown = true;
        else ownUnknown = true;
      }
      return found.value;
    };
    const e = template.expr;
    let value: string | undefined;
    if (ts.isElementAccessExpression(e)) {
      // `HumanEventNames[event]`: the table's entry for the caller's key.
      const key = piece(e.argumentExpression);
      const entry = key === undefined ? UNKNOWN : this.member(this.evaluate(e.expression), key);
      value = entry.kind === 'string' ? entry.value : undefined;
    } else {
      const pieces = ts.isTemplateExpression(e)
        ? [e.head.text, ...e.templateSpans.flatMap((span) => [piece(span.expression), span.literal.text])]
        : [piece(e.left), piece(e.right)];
      value = pieces.every((p) => p !== undefined) ? pieces.join('') : undefined;
    }
    const built = this.locate(call, template.param)?.expr ?? call;
    if (value !== undefined) return { built, value };
    // `` `cli.${commandName}.${name}` ``: the caller's part is known, the wrapper's own is not.
    return ownUnknown && !callerUnknown ? { built, own: e } : { built };
  }

  private pieceOf(call: CallSite, summary: WrapperSummary, part: ts.Expression): { value?: string; fromCaller: boolean } {
    const ref = this.paramOf(part, summary.fn);
    const at = ref ? this.locate(call, ref) : undefined;
    const value = ref ? (at ? this.valueAt(at.expr, at.path) : UNKNOWN) : this.evaluate(part);
    return value.kind === 'string' ? { value: value.value, fromCaller: ref !== undefined } : { fromCaller: ref !== undefined };
  }

  /** A helper named for tracking that sends one fixed event with parameters among its property values. */
  private isFixedEventHelper(fn: FunctionLike, name: string, inner: ResolvedCall): boolean {
    if (!inner.event || 'missing' in inner.event) return false;
    const event = 'built' in inner.event ? (inner.event.value === undefined ? 'unknown' : 'string') : this.evaluate('expr' in inner.event ? inner.event.expr : inner.event.fixed).kind;
    if (event !== 'string' && event !== 'strings') return false;
    // Named for tracking, or a member of an analytics object (`landingPageAnalytics.logInClicked`,
    // the methods a `useOnboardingAnalytics()` hook returns).
    if (!TRACKING_NAME.test(name) && !trackingOwner(fn)) return false;
    // `trackViewed()`: nothing to pass, the event is the whole job.
    if (fn.parameters.length === 0) return true;
    // Otherwise what it is given goes into the call: its properties or the SDK it calls
    // (`logInClicked(posthog, position)`); a `trackAll(policies)` that loops and builds its own
    // properties is a function that contains tracking calls, not a helper of one.
    const props = inner.properties && 'expr' in inner.properties ? inner.properties.expr : undefined;
    return (props !== undefined && this.readsParameterOf(props, fn, 0)) || (inner.receiver !== undefined && this.readsParameterOf(inner.receiver, fn, 0));
  }

  /** Whether `node` reads a parameter of `fn`, directly or through the local constants it reads (`...describe(step)`). */
  private readsParameterOf(node: ts.Node, fn: FunctionLike, depth: number): boolean {
    let found = false;
    const visit = (n: ts.Node) => {
      if (found) return;
      if (ts.isIdentifier(n)) {
        if ((ts.isPropertyAssignment(n.parent) && n.parent.name === n) || (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) return;
        const binding = this.program.resolve(n.text, n);
        if (binding?.kind === 'parameter' && binding.fn === fn) found = true;
        else if (binding?.kind === 'variable' && binding.decl.initializer && depth < 3 && enclosingFunction(binding.decl) === fn) found = this.readsParameterOf(binding.decl.initializer, fn, depth + 1);
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  }

  /**
   * Whether calling `fn` can produce a rejected promise: it is async (or returns a promise) and
   * awaits or returns an operation that can reject without a guard around it.
   */
  functionCanReject(fn: FunctionLike): boolean {
    const isAsync = hasAsync(fn);
    let rejects = false;
    const visit = (node: ts.Node) => {
      if (rejects || (node !== fn && (isFunctionLike(node) || ts.isClassLike(node)))) return;
      if (ts.isCallExpression(node) && (isAsync || returnsDirectly(node, fn))) {
        const awaitedOrReturned = isAwaited(node) || returnsDirectly(node, fn);
        if (awaitedOrReturned && this.callCanReject(node) && !isGuarded(node, fn)) rejects = true;
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) {
      if (ts.isBlock(fn.body)) ts.forEachChild(fn.body, visit);
      else visit(fn.body);
    }
    return rejects;
  }

  callCanReject(call: ts.CallExpression): boolean {
    const resolved = this.summarising.size < 20 ? this.resolveCall(call) : undefined;
    if (resolved) return resolved.canReject;
    return REJECTING_CALLEES.test(shortText(call.expression));
  }
}

/** The right side of `x ?? fallback` / `x || fallback`. */
function defaultOf(expr: ts.Expression): ts.Expression | undefined {
  const e = unwrap(expr);
  const or = ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken);
  if (!or) return undefined;
  const right = unwrap(e.right);
  const nothing = (ts.isIdentifier(right) && right.text === 'undefined') || right.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(right);
  return nothing ? undefined : e.right;
}
