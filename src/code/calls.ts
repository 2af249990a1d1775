import { SDK_GLOBAL_FUNCTIONS, SDK_GLOBALS, SDK_MODULES, type ArgRef, type MethodShape, type SdkFlavour } from './sdks.js';
import { IntegrationDetector } from './integrations.js';
import type { WrapperConfig } from '../engine/config.js';
import { Evaluator, GLOBAL_OBJECTS, own, untyped, type Value } from './values.js';
import type { ParamRef, WrapperSummary } from './wrappers.js';
import { CodeProgram, NodeCache, ts, type FunctionLike } from './program.js';
import { ENDPOINT_EVENT_KEYS, ENDPOINT_PROPERTY_KEYS, isOwnTrackingClient, TRACKING_URL, TRANSPORT } from './helpers.js';
import { isThenCallback, memberType, objectProperty, shortText, unwrap, type CallSite } from './syntax.js';

/** A tracking call with its pieces located: expressions to read at the call site, or fixed by a wrapper. */
export interface ResolvedCall {
  flavour: SdkFlavour;
  shape: MethodShape;
  /** Display name of what is called (`analytics.track`, `trackEvent`). */
  method: string;
  via: string[];
  /** `path`: members still to take from `expr`, when the argument was not a literal holding them (`trackManual({ data })`). */
  event?:
    | { expr: ts.Expression; path?: string[] }
    | { fixed: ts.Expression }
    | { missing: string }
    /**
     * A wrapper builds the name around its argument (`` `${name} - cli` ``): the value when it is
     * known; `own`, the wrapper's template, when what it adds is what is only known at run time.
     */
    | { built: ts.Expression; value?: string; own?: ts.Expression };
  /** `omit`: keys of the object that are not properties (the event key a rest pattern took out). */
  properties?: { expr: ts.Expression; path?: string[]; omit?: string[] } | { missing: string };
  /** Entries a wrapper adds around the caller's properties. */
  extraProperties: ts.ObjectLiteralElementLike[];
  identity: Array<{ name: string; expr: ts.Expression }>;
  /** An object whose identity keys are among the properties (Mixpanel's distinct_id). */
  identityIn?: ts.Expression;
  /** Every place an identity could be given was seen (object arguments were literals without spreads). */
  identityVisible: boolean;
  canReject: boolean;
  /** Reached through an import that only inferred resolution could follow (here or inside a wrapper). */
  inferred?: boolean;
  /** The object the SDK method is called on (`posthog` in `posthog.capture(…)`), for a direct SDK call. */
  receiver?: ts.Expression;
  /** Why the client is a customer's own (see `integrations.ts`): the call exports their data, it is no product analytics. */
  integration?: string;
}

export interface AnalyzerOptions {
  /** Helpers declared in config, matched by the callee as written (`sendEvent`, `telemetry.emit`). */
  wrappers: readonly WrapperConfig[];
}

/**
 * The call layer: whether a call is a tracking call (an SDK method, a configured or inferred
 * wrapper, the team's own client or collection endpoint), and where its event, properties and
 * identity are. Wrapper inference, the layer above, supplies what a wrapper is.
 */
export abstract class CallResolver extends Evaluator {
  private readonly declared: ReadonlyMap<string, { flavour: SdkFlavour; shape: MethodShape }>;
  /** Functions whose wrapper summary is being worked out, innermost last. */
  protected readonly summarising = new Set<FunctionLike>();

  constructor(program: CodeProgram, options: AnalyzerOptions = { wrappers: [] }) {
    super(program);
    this.resolved = program.nodeCache();
    this.declared = new Map(
      options.wrappers.map((w) => {
        const shape: MethodShape = { kind: 'track', canReject: w.canReject };
        if (w.event) shape.event = w.event;
        if (w.properties) shape.properties = w.properties;
        if (w.identity) shape.identity = [{ ...w.identity, name: 'identity' }];
        return [w.name, { flavour: { sdk: 'custom', side: w.side ?? 'unknown', methods: { [w.name]: shape } }, shape }];
      }),
    );
  }

  /** What `fn` is as a wrapper, if it is one (wrappers.ts). */
  abstract wrapperSummary(fn: FunctionLike, name: string): WrapperSummary | undefined;
  /** A call of a wrapper, its pieces located at the call (wrappers.ts). */
  protected abstract wrapperCall(call: CallSite, summary: WrapperSummary): ResolvedCall;
  abstract locate(call: CallSite, ref: ParamRef): { expr: ts.Expression; path?: string[] } | undefined;
  abstract functionCanReject(fn: FunctionLike): boolean;

  private readonly resolved: NodeCache<ResolvedCall | null>;

  /** Whether `call` is a tracking call, and where its event, properties and identity are (memoised). */
  resolveCall(call: ts.CallExpression): ResolvedCall | undefined {
    if (this.declared.size === 0 && this.cannotTrack(call.expression) && !TRANSPORT.test(shortText(call.expression))) return undefined;
    const known = this.resolved.get(call);
    if (known !== undefined) return known ?? undefined;
    // While a wrapper is being summarised, answers can be partial: do not remember them.
    const partial = this.summarising.size > 0;
    const result = this.resolveCallUncached(call);
    if (result && !result.inferred && this.throughInferredImport(call.expression)) result.inferred = true;
    if (!partial) this.resolved.set(call, result ?? null);
    return result;
  }

  /**
   * A callee that cannot reach an SDK or a helper, told from its root name alone: a package that is
   * not an SDK (`useState`, `lodash.get`), a parameter without a declared type (`onDone`,
   * `props.onSave`), or an undeclared name that is no SDK global (`Number`). Evaluating those
   * would answer "unknown" too, only after more work; most calls in application code are these.
   */
  private cannotTrack(callee: ts.Expression): boolean {
    let root = unwrap(callee);
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
    if (!ts.isIdentifier(root)) return false;
    const name = root.text;
    const binding = this.program.resolve(name, root);
    if (!binding) return own(SDK_GLOBALS, name) === undefined && own(SDK_GLOBAL_FUNCTIONS, name) === undefined && !GLOBAL_OBJECTS.has(name);
    if (binding.kind === 'import') {
      if (own(SDK_MODULES, binding.module) !== undefined) return false;
      const file = this.program.fileName(root);
      return this.program.resolveModule(file, binding.module) === undefined && this.program.inferredModule(file, binding.module, binding.name) === undefined;
    }
    if (binding.kind === 'parameter') {
      if (binding.index === 0 && isThenCallback(binding.fn)) return false;
      const type = binding.path.length === 0 ? binding.decl.type : memberType(binding.decl.type, binding.path);
      // `feedback.inputError(…)` on an untyped parameter: its callers may hand in a helper.
      if (binding.path.length === 0 && untyped(type)) return !(ts.isPropertyAccessExpression(unwrap(callee)) && unwrap((unwrap(callee) as ts.PropertyAccessExpression).expression) === root);
      return !type || !(ts.isTypeReferenceNode(type) || ts.isTypeLiteralNode(type) || ts.isUnionTypeNode(type));
    }
    return false;
  }

  private integrations?: IntegrationDetector;

  private withIntegration(resolved: ResolvedCall): ResolvedCall {
    if (!resolved.receiver) return resolved;
    this.integrations ??= new IntegrationDetector(this.program);
    const why = this.integrations.customerKey(resolved.receiver);
    return why ? { ...resolved, integration: why } : resolved;
  }

  private resolveCallUncached(call: ts.CallExpression): ResolvedCall | undefined {
    const callee = unwrap(call.expression);
    let target: Value;
    let method: string;
    if (ts.isPropertyAccessExpression(callee)) {
      method = callee.name.text;
      const owner = this.evaluate(callee.expression);
      if (owner.kind === 'sdk') {
        const namespace = owner.namespace && owner.flavour.namespaces ? own(owner.flavour.namespaces, owner.namespace) : undefined;
        const shape = owner.namespace ? namespace && own(namespace, method) : own(owner.flavour.methods, method);
        return shape ? this.withIntegration({ ...this.sdkCall(call, owner.flavour, shape, `${shortText(callee.expression)}.${method}`), receiver: callee.expression }) : undefined;
      }
      target = this.member(owner, method);
      // `feedback.inputError(…)` on `feedback: any`: what this function's callers hand it.
      if (target.kind === 'param' && target.path.length === 1) {
        const passed = this.passedValue(target.fn, target.index);
        if (passed.kind === 'sdk') {
          const shape = own(passed.flavour.methods, method);
          return shape ? this.withIntegration({ ...this.sdkCall(call, passed.flavour, shape, `${shortText(callee.expression)}.${method}`), receiver: callee.expression }) : undefined;
        }
        if (passed.kind !== 'unknown') target = this.member(passed, method);
      }
    } else if (ts.isIdentifier(callee)) {
      method = callee.text;
      target = this.identifier(callee);
    } else return undefined;
    if (target.kind === 'sdk-export' && target.exp.kind === 'function') {
      const shape = own(target.exp.flavour.methods, target.exp.method);
      return shape ? this.sdkCall(call, target.exp.flavour, shape, method) : undefined;
    }
    if (target.kind === 'function') {
      const summary = this.wrapperSummary(target.fn, target.name);
      if (summary) return this.wrapperCall(call, summary);
      if (isOwnTrackingClient(target.fn, target.name, this.program.fileName(target.fn))) return this.ownClientCall(call, target.fn, method);
    }
    if ((target.kind === 'unknown' || target.kind === 'param') && TRANSPORT.test(shortText(callee))) {
      const endpoint = this.endpointCall(call);
      if (endpoint) return endpoint;
    }
    if (this.declared.size === 0) return undefined;
    const declared = this.declared.get(shortText(callee)) ?? this.declared.get(method);
    return declared ? this.sdkCall(call, declared.flavour, declared.shape, shortText(callee)) : undefined;
  }

  /**
   * The team's own telemetry client (`Telemeter.track(event, data)` that queues events for its own
   * sender): a method named for tracking, on a class or in a file named for it, whose first
   * parameter is the event. It ends in no SDK this analysis knows, but it is where events go.
   */
  private ownClientCall(call: ts.CallExpression, fn: FunctionLike, method: string): ResolvedCall {
    const shape: MethodShape = { kind: 'track', event: { arg: 0 }, properties: { arg: 1 } };
    const resolved = this.sdkCall(call, { sdk: 'custom', side: 'unknown', methods: { [method]: shape } }, shape, shortText(call.expression));
    return { ...resolved, canReject: this.functionCanReject(fn) };
  }

  /**
   * A request to the product's own collection endpoint (`fetch('/api/telemetry', { body:
   * JSON.stringify({ event, properties }) })`, `api.post('/track', { event, data })`): a tracking
   * call that can reject, when the URL says it is for tracking and the body names the event.
   */
  private endpointCall(call: ts.CallExpression): ResolvedCall | undefined {
    const calleeText = shortText(call.expression);
    const url = call.arguments[0];
    if (!url) return undefined;
    const urlValue = this.evaluate(url);
    const urlText = urlValue.kind === 'string' ? urlValue.value : shortText(url);
    // The URL must say so: a `track()` method that posts to `/audit` is an audit log.
    if (!TRACKING_URL.test(urlText)) return undefined;
    let body: ts.Expression | undefined = call.arguments[1];
    if (body && calleeText === 'fetch') {
      body = objectProperty(body, 'body');
      const inner = body && unwrap(body);
      if (inner && ts.isCallExpression(inner) && shortText(inner.expression) === 'JSON.stringify') body = inner.arguments[0];
    }
    if (!body) return undefined;
    let literal = unwrap(body);
    if (!ts.isObjectLiteralExpression(literal)) {
      const value = this.evaluate(literal);
      if (value.kind !== 'object') return undefined;
      literal = value.node;
    }
    const holder = literal as ts.ObjectLiteralExpression;
    const eventKey = ENDPOINT_EVENT_KEYS.find((k) => objectProperty(holder, k) !== undefined);
    const event = eventKey ? objectProperty(holder, eventKey) : undefined;
    if (!event) return undefined;
    const propsKey = ENDPOINT_PROPERTY_KEYS.find((k) => objectProperty(holder, k) !== undefined);
    const properties = propsKey ? objectProperty(holder, propsKey) : undefined;
    const shape: MethodShape = { kind: 'track', canReject: true };
    return {
      flavour: { sdk: 'custom', side: 'unknown', methods: {} },
      shape,
      method: calleeText,
      via: [],
      event: { expr: event },
      ...(properties ? { properties: { expr: properties } } : {}),
      extraProperties: [],
      identity: [],
      identityVisible: false,
      canReject: true,
    };
  }

  private sdkCall(call: ts.CallExpression, flavour: SdkFlavour, shape: MethodShape, method: string): ResolvedCall {
    // The payload may be built in a variable first (`const payload = { event, properties }; client.track(payload)`).
    const at = (ref: ArgRef | undefined) => {
      if (!ref) return undefined;
      const direct = argAt(call, ref);
      if (direct || ref.key === undefined) return direct;
      const arg = call.arguments[ref.arg];
      if (!arg || !ts.isIdentifier(unwrap(arg))) return undefined;
      const value = this.evaluate(arg);
      return value.kind === 'object' ? objectProperty(value.node, ref.key) : undefined;
    };
    const resolved: ResolvedCall = {
      flavour,
      shape,
      method,
      via: [],
      extraProperties: [],
      identity: [],
      identityVisible: true,
      canReject: shape.canReject === true,
    };
    for (const ref of shape.identity ?? []) {
      if (ref.key === undefined) continue;
      const arg = call.arguments[ref.arg];
      const literal = arg ? unwrap(arg) : undefined;
      if (literal && (!ts.isObjectLiteralExpression(literal) || literal.properties.some(ts.isSpreadAssignment))) resolved.identityVisible = false;
    }
    if (shape.event) {
      const expr = at(shape.event);
      const spread = expr ? undefined : this.throughSpread(call, shape.event);
      resolved.event = expr ? { expr } : (spread ?? { missing: 'no event name is passed' });
    }
    if (shape.properties) {
      const expr = at(shape.properties);
      const spread = expr ? undefined : this.throughSpread(call, shape.properties);
      if (expr || spread) resolved.properties = expr ? { expr } : spread;
    }
    for (const ref of shape.identity ?? []) {
      const expr = at(ref);
      // `analytics.identify({ email, plan })`: an object where the id may stand is the traits, not an id.
      if (expr && ref.key === undefined && ts.isObjectLiteralExpression(unwrap(expr))) {
        if (!resolved.properties && shape.properties?.arg !== ref.arg) resolved.properties = { expr };
        continue;
      }
      if (expr) resolved.identity.push({ name: ref.name, expr });
    }
    if (shape.identityIn) resolved.identityIn = at(shape.identityIn);
    return resolved;
  }

  /**
   * A key of an object argument that only a spread can bring (`track({ ...eventProps, ...userInfo })`):
   * the last spread that may hold it, and the key to take from it.
   */
  private throughSpread(call: ts.CallExpression, ref: ArgRef): { expr: ts.Expression; path: string[] } | undefined {
    const arg = call.arguments[ref.arg];
    const literal = arg && unwrap(arg);
    if (ref.key === undefined || !literal || !ts.isObjectLiteralExpression(literal)) return undefined;
    const spreads = literal.properties.filter(ts.isSpreadAssignment).reverse();
    const holder = spreads.find((spread) => this.mayHold(spread.expression, ref.key ?? '', 0));
    return holder ? { expr: holder.expression, path: [ref.key] } : undefined;
  }

  /** Whether an object expression may have `key`: literals are read (through conditionals and constants); anything else may. */
  private mayHold(expr: ts.Expression, key: string, depth: number): boolean {
    const e = unwrap(expr);
    if (depth > 4) return true;
    if (ts.isObjectLiteralExpression(e)) return objectProperty(e, key) !== undefined || e.properties.some((p) => ts.isSpreadAssignment(p) && this.mayHold(p.expression, key, depth + 1));
    if (ts.isConditionalExpression(e)) return this.mayHold(e.whenTrue, key, depth + 1) || this.mayHold(e.whenFalse, key, depth + 1);
    if (ts.isIdentifier(e)) {
      const binding = this.program.resolve(e.text, e);
      if (binding?.kind === 'variable' && binding.path.length === 0 && binding.decl.initializer) return this.mayHold(binding.decl.initializer, key, depth + 1);
    }
    return true;
  }

  /**
   * A component element whose component is a wrapper, given the attribute its event comes from
   * (`<Button eventData={{ eventName: Events.CommitClicked }}>`): a tracking call site. Without
   * that attribute the element tracks nothing (the prop is optional), so it is no site.
   */
  resolveElement(element: ts.JsxOpeningLikeElement): ResolvedCall | undefined {
    if (this.cannotTrack(element.tagName as ts.Expression)) return undefined;
    const component = this.evaluate(element.tagName as ts.Expression);
    if (component.kind !== 'function') return undefined;
    const summary = this.wrapperSummary(component.fn, component.name);
    const eventRef = summary?.eventParam ?? summary?.eventTemplate?.param;
    if (!summary || !eventRef || !this.locate(element, eventRef)) return undefined;
    // A click handler is not awaited by anyone: nothing here can reject into the page.
    return { ...this.wrapperCall(element, summary), canReject: false };
  }
}

function argAt(call: ts.CallExpression, ref: ArgRef): ts.Expression | undefined {
  const arg = call.arguments[ref.arg];
  if (!arg) return undefined;
  if (ref.key === undefined) return arg;
  return objectProperty(arg, ref.key);
}
