import { defineRule } from '../../src/engine/rule.js';
import type { SourceLocation } from '../../src/engine/types.js';
import type { Analyzer } from '../../src/code/analyzer.js';
import { untyped } from '../../src/code/values.js';
import { isFunctionLike, ts, type Binding, type FunctionLike } from '../../src/code/program.js';
import { calleeName, enclosingFunction, functionNameOf, propertyNameText, shortText, unwrap } from '../../src/code/syntax.js';

/** A tracking call whose event name or whole properties object is what an HTTP client sent. */
interface Relay {
  part: 'event' | 'properties';
  /** The argument as the call writes it (`event`, `body.properties`). */
  source: string;
  /** The request value it is (`req.body.event`, `c.req.json().event`). */
  origin: string;
  /** The properties come from the request too (said in the event's message). */
  alsoProperties: boolean;
  location: SourceLocation;
  snippet: string;
}

export default defineRule<'event' | 'properties', Relay>({
  id: 'registration/open-relay',
  category: 'registration',
  severity: 'P1',
  description: 'A server endpoint never sends the event name or the whole properties object its HTTP client chose: anyone could write any event into the analytics under the server\'s key.',
  messages: {
    event: 'The event name `{{source}}` is taken from the HTTP request (`{{origin}}`){{also}}: any client can send any event under this server\'s key.',
    properties: 'The properties object `{{source}}` is taken whole from the HTTP request (`{{origin}}`): any client can write any property under this server\'s key.',
  },
  fix: {
    event: 'Map the request to a fixed set of events (a `switch` or a lookup table of known names), or check the name against an allow-list (`z.enum([...])`, `ALLOWED.includes(name)`) before tracking; pick the properties one by one.',
    properties: 'Build the properties from the fields you expect (`{ plan: body.plan }`), or validate the object with a strict schema (`z.object({...}).strict()`) first.',
  },
  listen: {
    onCall({ call, node, analyzer }, record) {
      if (call.context.isTestFile || call.kind !== 'track' || !ts.isCallExpression(node)) return;
      const resolved = analyzer.resolveCall(node);
      if (!resolved) return;
      const tracer = new RequestTracer(analyzer);
      let event: Traced | undefined;
      if (resolved.event && 'expr' in resolved.event) event = tracer.trace(resolved.event.expr, resolved.event.path ?? []);
      else if (resolved.event && 'built' in resolved.event && resolved.event.value === undefined) event = tracer.trace(resolved.event.built, []);
      let properties: Traced | undefined;
      if (resolved.properties && 'expr' in resolved.properties) properties = tracer.wholeObject(resolved.properties.expr, resolved.properties.path ?? []);
      if (event && call.event) {
        const at = resolved.event && 'expr' in resolved.event ? resolved.event : undefined;
        const source = at ? [sourceText(at.expr), ...(at.path ?? [])].join('.') : event.text;
        record({ part: 'event', source, origin: event.text, alsoProperties: properties !== undefined, location: call.event.location, snippet: call.snippet });
      } else if (properties && call.properties.kind !== 'none') {
        const at = resolved.properties && 'expr' in resolved.properties ? resolved.properties : undefined;
        const source = properties.text.startsWith('...') || !at ? properties.text : [sourceText(at.expr), ...(at.path ?? [])].join('.');
        record({ part: 'properties', source, origin: properties.text.replace(/^\.\.\./, ''), alsoProperties: false, location: call.properties.location, snippet: call.snippet });
      }
    },
  },
  check(ctx) {
    for (const relay of ctx.facts) {
      ctx.report({
        messageId: relay.part,
        data: { source: relay.source, origin: relay.origin, also: relay.alsoProperties ? ', and so are its properties' : '' },
        location: relay.location,
        key: relay.snippet,
      });
    }
  },
});

/** A value that is what the client sent: `key` names the request value (for comparing with guards), `text` how the code reads it. */
interface Traced {
  key: string;
  text: string;
}

/** Members of a request that hold what the client sent. */
const CLIENT_MEMBERS = new Set(['body', 'query', 'params', 'headers', 'cookies']);
/** Request methods that read the body (fetch `Request`, Hono's `c.req`). */
const BODY_READERS = new Set(['json', 'text', 'formData']);
/** Hono's `c.req.query('x')`, `c.req.param('x')`, `c.req.header('x')`. */
const MEMBER_READERS: Record<string, string> = { query: 'query', queries: 'query', param: 'params', header: 'headers' };
/** Methods that give back their receiver's value, or a piece of it, unchanged in what it can be. */
const PRESERVING = new Set(['trim', 'toLowerCase', 'toUpperCase', 'toString', 'slice', 'substring', 'normalize', 'replace']);
/** NestJS parameter decorators and what they take from the request. */
const NEST_DECORATORS: Record<string, string | null> = { Body: 'body', Query: 'query', Param: 'params', Headers: 'headers', Req: null, Request: null };
/** HTTP methods a router registers handlers with (Express, Fastify, Koa router, Hono). */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'route', 'handle', 'on']);
const REQUEST_TYPES = /^(Request|NextRequest|NextApiRequest|FastifyRequest|IncomingMessage|ExpressRequest|HonoRequest)$/;
const CONTEXT_TYPES = /^(Context|ParameterizedContext|RouterContext|KoaContext)$/;
/** Names of validators that check a name against the known ones. */
const VALIDATOR = /allow|valid|known|whitelist|permit|support|is[A-Z]\w*(Event|Name)\b|^isEvent/i;
/** zod schemas that admit a fixed set of values, and those that admit any string or object. */
const FIXED_SCHEMAS = new Set(['enum', 'literal', 'nativeEnum', 'union', 'never']);
const OPEN_SCHEMAS = new Set(['string', 'record', 'any', 'unknown', 'object', 'passthrough', 'catchall']);

/**
 * Follows a value back to the HTTP request it came from: a handler's request parameter (by its
 * type, its NestJS decorator, its place in a route registration or a Next.js route module), through
 * consts, destructuring, `await request.json()`, conditionals and fallbacks. A value checked on
 * the way against a fixed set of names (an allow-list, a `switch`, a zod enum) is no longer the
 * client's choice, and so is a value looked up in a table.
 */
class RequestTracer {
  private depth = 0;

  constructor(private readonly analyzer: Analyzer) {}

  /** The request value `expr` (or its member at `path`) is, if the client chose it and nothing checked it. */
  trace(expr: ts.Expression, path: readonly string[]): Traced | undefined {
    if (this.depth > 40) return undefined;
    this.depth++;
    try {
      const found = this.traceInner(expr, path);
      if (found && this.guarded(expr, found)) return undefined;
      return found;
    } finally {
      this.depth--;
    }
  }

  /** A request value passed as a whole properties object (never a single property: scalar values from the request are normal). */
  wholeObject(expr: ts.Expression, path: readonly string[]): Traced | undefined {
    const e = unwrap(expr);
    if (path.length === 0 && ts.isObjectLiteralExpression(e)) {
      for (const prop of e.properties) {
        if (!ts.isSpreadAssignment(prop)) continue;
        const spread = this.trace(prop.expression, []);
        if (spread && this.isObjectValue(spread)) return { ...spread, text: `...${spread.text}` };
      }
      return undefined;
    }
    if (path.length === 0 && ts.isIdentifier(e)) {
      // `const props = { ...body.properties, source: 'api' }`: the object the call is given.
      const binding = this.analyzer.program.resolve(e.text, e);
      if (binding?.kind === 'variable' && binding.path.length === 0 && binding.decl.initializer && ts.isObjectLiteralExpression(unwrap(binding.decl.initializer))) {
        return this.wholeObject(binding.decl.initializer, []);
      }
    }
    const found = this.trace(expr, path);
    return found && this.isObjectValue(found) ? found : undefined;
  }

  /** The whole request (`req`) is no properties object: only its body, query or a member of them is. */
  private isObjectValue(found: Traced): boolean {
    const segments = found.key.split('\u0000')[1]?.split('.') ?? [];
    return segments.length > 0 && CLIENT_MEMBERS.has(segments[0] ?? '');
  }

  private traceInner(expr: ts.Expression, path: readonly string[]): Traced | undefined {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) return this.identifier(e, path);
    if (ts.isPropertyAccessExpression(e)) return this.trace(e.expression, [e.name.text, ...path]);
    if (ts.isElementAccessExpression(e)) {
      const key = unwrap(e.argumentExpression);
      // `EVENTS[body.type]`: a name looked up in a table is one of the table's.
      return ts.isStringLiteralLike(key) ? this.trace(e.expression, [key.text, ...path]) : undefined;
    }
    if (ts.isAwaitExpression(e)) return this.trace(e.expression, path);
    if (ts.isConditionalExpression(e)) return this.trace(e.whenTrue, path) ?? this.trace(e.whenFalse, path);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return this.trace(e.left, path) ?? this.trace(e.right, path);
      if (op === ts.SyntaxKind.PlusToken && path.length === 0) return this.trace(e.left, []) ?? this.trace(e.right, []);
      return undefined;
    }
    if (ts.isTemplateExpression(e) && path.length === 0) {
      for (const span of e.templateSpans) {
        const found = this.trace(span.expression, []);
        if (found) return found;
      }
      return undefined;
    }
    if (ts.isCallExpression(e)) return this.call(e, path);
    return undefined;
  }

  private identifier(id: ts.Identifier, path: readonly string[]): Traced | undefined {
    const binding = this.analyzer.program.resolve(id.text, id);
    if (!binding) return undefined;
    if (binding.kind === 'variable') {
      const full = [...binding.path, ...path];
      const sources: ts.Expression[] = [];
      if (binding.decl.initializer) sources.push(binding.decl.initializer);
      // `let body; try { body = await req.json() } catch { … }`: what it is assigned later.
      if (binding.path.length === 0 && ts.isVariableDeclaration(binding.decl)) sources.push(...this.analyzer.assignmentsOf(binding.decl));
      for (const source of sources) {
        const found = this.trace(source, full);
        if (found) return found;
      }
      return undefined;
    }
    if (binding.kind === 'parameter') return this.parameter(binding, path);
    return undefined;
  }

  private parameter(binding: Extract<Binding, { kind: 'parameter' }>, path: readonly string[]): Traced | undefined {
    const root = requestRoot(this.analyzer, binding);
    if (!root) return undefined;
    const full = [...root.base, ...binding.path, ...path];
    // Koa's `ctx.request.body`, Hono's `c.req`: the context holds the request.
    if (root.context) {
      if (full[0] === 'request' || full[0] === 'req') full.shift();
      else if (full[0] !== 'query' && full[0] !== 'params') return undefined;
    }
    if (full.length === 0) return { key: `${placeOf(this.analyzer, binding.decl)}\u0000`, text: shortText(binding.decl.name) };
    if (!CLIENT_MEMBERS.has(full[0] ?? '')) return undefined;
    return { key: `${placeOf(this.analyzer, binding.decl)}\u0000${full.join('.')}`, text: textOf(binding.decl.name, binding.path, path) };
  }

  private call(call: ts.CallExpression, path: readonly string[]): Traced | undefined {
    const callee = unwrap(call.expression);
    const name = calleeName(call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      // `await request.json()`, `c.req.json()`: the body the client sent.
      if (BODY_READERS.has(method) && call.arguments.length === 0) {
        const request = this.trace(callee.expression, []);
        // Only the request itself has a body to read; `body.text()` of something else is not it.
        return request?.key.endsWith('\u0000') ? this.member(request, ['body', ...path], shortText(call)) : undefined;
      }
      const reader = MEMBER_READERS[method];
      if (reader && ts.isIdentifier(unwrap(callee.expression)) === false) {
        const request = this.trace(callee.expression, []);
        const key = call.arguments[0] && unwrap(call.arguments[0]);
        if (request && key && ts.isStringLiteralLike(key)) return this.member(request, [reader, key.text, ...path], shortText(call));
        if (request && !key) return this.member(request, [reader, ...path], shortText(call));
        return undefined;
      }
      if (PRESERVING.has(method)) return this.trace(callee.expression, path);
      // `schema.parse(body)`, `schema.safeParse(body).data`: what the schema lets through.
      if (/^(parse|parseAsync|safeParse|safeParseAsync)$/.test(method) && call.arguments[0]) {
        const inner = method.startsWith('safe') ? (path[0] === 'data' ? path.slice(1) : undefined) : path;
        if (!inner) return undefined;
        const found = this.trace(call.arguments[0], inner);
        if (!found) return undefined;
        return this.schemaAdmits(callee.expression, inner) ? found : undefined;
      }
      if (shortText(callee) === 'JSON.parse' && call.arguments[0]) {
        const text = this.trace(call.arguments[0], []);
        return text ? { key: `${text.key}${path.length ? `.${path.join('.')}` : ''}`, text: `${text.text}${path.length ? `.${path.join('.')}` : ''}` } : undefined;
      }
      return undefined;
    }
    if (name === 'String' && call.arguments[0]) return this.trace(call.arguments[0], path);
    return undefined;
  }

  private member(request: Traced, path: readonly string[], text: string): Traced {
    const [place] = request.key.split('\u0000');
    const rest = path.slice(1);
    return { key: `${place}\u0000${path.join('.')}`, text: rest.length ? `${text}.${rest.join('.')}` : text };
  }

  /**
   * Whether a zod schema lets any value through at `path`: a member declared as a string (or a
   * record, `any`, `unknown`) does; an enum or a literal does not, nor does a schema that cannot
   * be read (it may well check).
   */
  private schemaAdmits(schemaExpr: ts.Expression, path: readonly string[]): boolean {
    let object = this.schemaObject(schemaExpr, 0);
    if (!object) return false;
    if (path.length === 0) return !object.methods.includes('strict');
    for (let i = 0; i < path.length; i++) {
      const member = objectMember(object.literal, path[i] ?? '');
      if (!member) return false;
      const methods = chainMethods(member);
      if (methods.some((m) => FIXED_SCHEMAS.has(m))) return false;
      if (i === path.length - 1) return methods.some((m) => OPEN_SCHEMAS.has(m));
      const next = this.schemaObject(member, 0);
      if (!next) return false;
      object = next;
    }
    return false;
  }

  /** The `z.object({...})` literal a schema expression is built on, with the methods chained after it (`strict`). */
  private schemaObject(expr: ts.Expression, depth: number): { literal: ts.ObjectLiteralExpression; methods: string[] } | undefined {
    if (depth > 5) return undefined;
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) {
      const binding = this.analyzer.program.resolve(e.text, e);
      if (binding?.kind === 'variable' && binding.path.length === 0 && binding.decl.initializer) return this.schemaObject(binding.decl.initializer, depth + 1);
      return undefined;
    }
    const methods: string[] = [];
    let node: ts.Expression = e;
    while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'object' && ts.isIdentifier(node.expression.expression)) {
        const arg = node.arguments[0] && unwrap(node.arguments[0]);
        return arg && ts.isObjectLiteralExpression(arg) ? { literal: arg, methods } : undefined;
      }
      if (ts.isPropertyAccessExpression(node)) methods.push(node.name.text);
      node = node.expression;
    }
    return undefined;
  }

  /**
   * Whether the value was checked against a fixed set of names where `expr` is read: in a
   * condition around it or before it in its function (`ALLOWED.includes(x)`, `EVENTS.has(x)`,
   * `x in Events`, `x === 'signup'`, `isAllowedEvent(x)`), or by a `switch (x)` around it.
   */
  private guarded(expr: ts.Expression, found: Traced): boolean {
    const fn = enclosingFunction(expr);
    if (!fn?.body) return false;
    let guard = false;
    const sameValue = (candidate: ts.Expression) => {
      if (this.depth > 30) return false;
      const other = this.traceInner(candidate, []);
      return other !== undefined && other.key === found.key;
    };
    const checks = (condition: ts.Expression): boolean => {
      let hit = false;
      const visit = (node: ts.Node) => {
        if (hit || isFunctionLike(node)) return;
        if (ts.isCallExpression(node)) {
          const method = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : calleeName(node.expression);
          const listed = (method === 'includes' || method === 'has' || method === 'indexOf' || method === 'hasOwnProperty') && node.arguments[0] !== undefined && sameValue(node.arguments[0]);
          const validated = VALIDATOR.test(method) && node.arguments.some((arg) => sameValue(arg));
          if (listed || validated) hit = true;
        } else if (ts.isBinaryExpression(node)) {
          const op = node.operatorToken.kind;
          if (op === ts.SyntaxKind.InKeyword && sameValue(node.left)) hit = true;
          const equality = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
          if (equality) {
            const [value, other] = ts.isStringLiteralLike(unwrap(node.right)) ? [node.left, node.right] : [node.right, node.left];
            if (ts.isStringLiteralLike(unwrap(other)) && !ts.isTypeOfExpression(unwrap(value)) && sameValue(value)) hit = true;
          }
        }
        if (!hit) ts.forEachChild(node, visit);
      };
      visit(condition);
      return hit;
    };
    const start = expr.getStart();
    const visit = (node: ts.Node) => {
      if (guard || (node !== fn && isFunctionLike(node))) return;
      if (node.getStart() >= start && !(node.pos <= expr.pos && node.end >= expr.end)) return;
      if (ts.isIfStatement(node) && checks(node.expression)) guard = true;
      else if (ts.isConditionalExpression(node) && node.pos <= expr.pos && node.end >= expr.end && checks(node.condition)) guard = true;
      else if (ts.isSwitchStatement(node) && node.pos <= expr.pos && node.end >= expr.end && sameValue(node.expression)) guard = true;
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && node.right.pos <= expr.pos && node.right.end >= expr.end && checks(node.left)) guard = true;
      else ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn.body, visit);
    return guard;
  }
}

/**
 * Whether a parameter is a handler's HTTP request (or a Koa/Hono context holding it), and what of
 * the request it is: a NestJS decorator (`@Body('event')`), a request type, a place in a route
 * registration (`app.post('/t', (req, res) => …)`), or a Next.js route handler (`export async
 * function POST(request)` in route.ts, the default export under pages/api/).
 */
function requestRoot(analyzer: Analyzer, binding: Extract<Binding, { kind: 'parameter' }>): { base: string[]; context: boolean } | undefined {
  const param = binding.decl;
  for (const decorator of ts.canHaveDecorators(param) ? (ts.getDecorators(param) ?? []) : []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call)) continue;
    const member = NEST_DECORATORS[calleeName(call.expression)];
    if (member === undefined) continue;
    if (member === null) return { base: [], context: false };
    const key = call.arguments[0] && unwrap(call.arguments[0]);
    return { base: key && ts.isStringLiteralLike(key) ? [member, key.text] : [member], context: false };
  }
  if (binding.path.length > 0 && binding.index !== 0) return undefined;
  const typeName = param.type && ts.isTypeReferenceNode(param.type) ? ts.isIdentifier(param.type.typeName) ? param.type.typeName.text : param.type.typeName.right.text : undefined;
  if (typeName && REQUEST_TYPES.test(typeName)) return { base: [], context: false };
  if (typeName && CONTEXT_TYPES.test(typeName)) return { base: [], context: true };
  if (!untyped(param.type) && !(typeName && /Req|Context|Ctx/.test(typeName))) return undefined;
  const fn = binding.fn;
  if (binding.index !== 0) return undefined;
  const name = ts.isIdentifier(param.name) ? param.name.text : '';
  const context = /^(c|ctx|context)$/.test(name);
  if (isRouteHandler(analyzer, fn)) return { base: [], context };
  // `async function track(req, res)`, exported and registered elsewhere: the handler's signature.
  const second = fn.parameters[1];
  const secondName = second && ts.isIdentifier(second.name) ? second.name.text : '';
  if (/^(req|request)$/.test(name) && /^(res|response|reply)$/.test(secondName) && untyped(second?.type)) return { base: [], context: false };
  return undefined;
}

function isRouteHandler(analyzer: Analyzer, fn: FunctionLike): boolean {
  // `app.post('/track', (req, res) => …)`, `router.post('/t', auth, async (c) => …)`.
  let parent = fn.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (parent && ts.isCallExpression(parent) && parent.arguments.some((a) => unwrap(a) === fn)) {
    const callee = unwrap(parent.expression);
    const first = parent.arguments[0] && unwrap(parent.arguments[0]);
    if (ts.isPropertyAccessExpression(callee) && ROUTE_METHODS.has(callee.name.text) && first !== fn && first !== undefined && ts.isStringLiteralLike(first)) return true;
  }
  const file = analyzer.program.fileName(fn);
  const fnName = functionNameOf(fn);
  const exported = ts.isFunctionDeclaration(fn) ? (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword) : isExportedConst(fn);
  if (exported && /(^|\/)route\.(ts|js|mts|mjs)$/.test(file) && /^(GET|POST|PUT|PATCH|DELETE)$/.test(fnName)) return true;
  if (/(^|\/)pages\/api\//.test(file) && ts.isFunctionDeclaration(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return true;
  return false;
}

function isExportedConst(fn: FunctionLike): boolean {
  const decl = fn.parent;
  if (!decl || !ts.isVariableDeclaration(decl)) return false;
  const statement = decl.parent?.parent;
  return statement !== undefined && ts.isVariableStatement(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The method names along a chain of calls (`z.string().min(1)` → min, string). */
function chainMethods(expr: ts.Expression): string[] {
  const names: string[] = [];
  let node: ts.Expression = unwrap(expr);
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) {
    if (ts.isPropertyAccessExpression(node)) names.push(node.name.text);
    node = node.expression;
  }
  return names;
}

function objectMember(literal: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const prop of literal.properties) {
    if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === key) return prop.initializer;
  }
  return undefined;
}

/** Source text as written, on one line, for messages. */
function sourceText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function placeOf(analyzer: Analyzer, node: ts.Node): string {
  return `${analyzer.program.fileName(node)}:${node.pos}`;
}

function textOf(name: ts.BindingName, bound: readonly string[], path: readonly string[]): string {
  const base = ts.isIdentifier(name) ? name.text : bound.length ? (bound[bound.length - 1] ?? '') : shortText(name);
  const rest = ts.isIdentifier(name) ? [...bound, ...path] : path;
  return [base, ...rest].join('.');
}
