import { defineRule } from '../../src/engine/rule.js';
import type { MessageValue, SourceLocation } from '../../src/engine/types.js';
import { eventLabel, eventOf } from '../../src/code/events.js';
import type { Analyzer } from '../../src/code/analyzer.js';
import type { ResolvedCall } from '../../src/code/calls.js';
import { isFunctionLike, ts, type FunctionLike } from '../../src/code/program.js';
import { calleeName, enclosingFunction, functionNameOf, propertyNameText, shortText, unwrap } from '../../src/code/syntax.js';
import { tokens } from '../../src/names/tokens.js';

type MessageId = 'errorObject' | 'commandLine' | 'shellCommand' | 'credentialUrl' | 'requestInput';

/** A value a tracking call sends that is raw input: what it is, and where. */
interface RawInput {
  messageId: MessageId;
  key: string;
  expr: string;
  what: string;
  location: SourceLocation;
  event: MessageValue;
  eventName?: string;
  /** Seen at a call site of the wrapper that adds it, rather than at the wrapper's own call. */
  viaWrapper: boolean;
}

export default defineRule<MessageId, RawInput>({
  id: 'pii/raw-input',
  category: 'pii',
  severity: 'P0',
  messageSeverity: { errorObject: 'P1' },
  description: 'Tracking calls send facts, not raw input: no error objects or stack traces, no raw command lines or configured shell commands, no credential-bearing URLs, no whole request bodies or queries.',
  messages: {
    errorObject: 'Property `{{key}}` sent with {{event}} carries `{{expr}}`, {{what}}: stack traces and error messages carry file paths, user input and tokens.',
    commandLine: 'Property `{{key}}` sent with {{event}} carries `{{expr}}`, {{what}}, where `--token=…` values and file paths travel.',
    shellCommand: 'Property `{{key}}` sent with {{event}} carries `{{expr}}`, a shell command the user configured, which can hold tokens, hosts and paths.',
    credentialUrl: 'Property `{{key}}` sent with {{event}} carries `{{expr}}`, a URL the user supplied, which can embed credentials (`https://token@…`, `postgres://user:pass@…`).',
    requestInput: 'Property `{{key}}` sent with {{event}} carries `{{expr}}`, {{what}}: every field the client sends leaves with it.',
  },
  fix: {
    errorObject: 'Send `error.name` or `error.code` (or a short fixed category) instead, and keep stack traces in the error tracker.',
    commandLine: 'Send the subcommand and the names of the flags used (`flags: ["--json"]`), never their values.',
    shellCommand: 'Send whether a command is configured, or the program name alone (`npm`, `docker`), never the command line.',
    credentialUrl: 'Send whether one was given, or its host or a salted hash; never the URL itself.',
    requestInput: 'Pick the fields you need (`{ plan: req.body.plan }`) instead of the whole body or query.',
  },
  listen: {
    onCall({ call, node, analyzer }, record) {
      if (call.context.isTestFile) return;
      const resolved = ts.isCallExpression(node) ? analyzer.resolveCall(node) : analyzer.resolveElement(node);
      if (!resolved) return;
      // PostHog's error tracking event: the stack trace is what it is for.
      if (eventOf(call) === '$exception') return;
      const event = eventLabel(call);
      // Inside a wrapper whose callers name the event: what it sends, it sends with every event.
      const own = ts.isCallExpression(node) ? enclosingFunction(node) : undefined;
      const wrapper = call.internal && own ? functionNameOf(own) : (call.via[0] ?? call.method);
      const eventName = eventOf(call);
      const found = (messageId: MessageId, key: string, expr: ts.Expression, what: string, fromWrapper: boolean) =>
        record({
          messageId,
          key,
          expr: shortText(expr),
          what,
          location: analyzer.program.location(expr),
          event: fromWrapper ? `every event \`${wrapper}\` sends` : event,
          ...(eventName && !fromWrapper ? { eventName } : {}),
          viaWrapper: fromWrapper,
        });
      const inspect = (key: string, expr: ts.Expression, fromWrapper: boolean) => {
        const hit = classify(analyzer, expr);
        if (hit) found(hit.messageId, key, expr, hit.what, fromWrapper);
        else if (!key.startsWith('...')) {
          const named = byName(analyzer, key, expr);
          if (named) found(named, key, expr, '', fromWrapper);
        }
      };
      for (const [key, expr, fromWrapper] of sentValues(analyzer, resolved)) inspect(key, expr, fromWrapper || call.internal === true);
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    // A value seen both in the wrapper's own call and at its call sites: the wrapper's call names the event.
    const facts = [...ctx.facts].sort((a, b) => Number(a.viaWrapper) - Number(b.viaWrapper));
    for (const fact of facts) {
      const where = `${fact.location.file}:${fact.location.line}:${fact.location.column}`;
      if (seen.has(where)) continue;
      seen.add(where);
      ctx.report({
        messageId: fact.messageId,
        data: { key: fact.key, expr: fact.expr, what: fact.what, event: fact.event },
        location: fact.location,
        ...(fact.eventName ? { event: fact.eventName } : {}),
        property: fact.key,
        key: `${fact.messageId}:${fact.key}:${fact.expr}`,
      });
    }
  },
});

/** Each value the call sends, keyed as sent (`context.error`, `...req.body`), and whether a wrapper adds it. */
function sentValues(analyzer: Analyzer, resolved: ResolvedCall): Array<[string, ts.Expression, boolean]> {
  const out: Array<[string, ts.Expression, boolean]> = [];
  const walk = (elements: readonly ts.ObjectLiteralElementLike[], prefix: string, fromWrapper: boolean, depth: number) => {
    for (const prop of elements) {
      if (ts.isSpreadAssignment(prop)) {
        const value = analyzer.evaluate(prop.expression);
        if (value.kind === 'object' && depth < 4) walk(value.node.properties, prefix, fromWrapper, depth + 1);
        else out.push([`...${shortText(prop.expression)}`, prop.expression, fromWrapper]);
        continue;
      }
      const key = propertyNameText(prop.name);
      if (key === undefined) continue;
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
      if (!value) continue;
      const inner = unwrap(value);
      if (ts.isObjectLiteralExpression(inner) && depth < 4) walk(inner.properties, `${prefix}${key}.`, fromWrapper, depth + 1);
      else out.push([`${prefix}${key}`, value, fromWrapper]);
    }
  };
  const props = resolved.properties && 'expr' in resolved.properties && !resolved.properties.path?.length ? resolved.properties.expr : undefined;
  if (props) {
    const e = unwrap(props);
    const value = ts.isObjectLiteralExpression(e) ? undefined : analyzer.evaluate(e);
    if (ts.isObjectLiteralExpression(e)) walk(e.properties, '', false, 0);
    else if (value?.kind === 'object') walk(value.node.properties, '', false, 1);
    else out.push(['(properties)', props, false]);
  }
  walk(resolved.extraProperties, '', true, 0);
  return out;
}

type Hit = { messageId: MessageId; what: string };

/** Whether a sent value is raw input, read through the Analyzer's view of names and bindings. */
function classify(analyzer: Analyzer, expr: ts.Expression, depth = 0): Hit | undefined {
  if (depth > 5) return undefined;
  const e = unwrap(expr);
  if (ts.isAwaitExpression(e)) return classify(analyzer, e.expression, depth + 1);
  // `a ?? b`, `a || b`, `ok ? a : b`: what is sent is one of them.
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) {
    return classify(analyzer, e.left, depth + 1) ?? classify(analyzer, e.right, depth + 1);
  }
  if (ts.isConditionalExpression(e)) return classify(analyzer, e.whenTrue, depth + 1) ?? classify(analyzer, e.whenFalse, depth + 1);
  const error = errorDump(analyzer, e, depth);
  if (error) return { messageId: 'errorObject', what: error };
  const argv = commandLine(analyzer, e, depth);
  if (argv) return { messageId: 'commandLine', what: argv };
  const request = requestInput(analyzer, e, depth);
  if (request) return { messageId: 'requestInput', what: request };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Error objects

const ERROR_NAMES = new Set(['err', 'error', 'exception', 'exc', 'cause']);
const DUMPS = /^(String|JSON\.stringify|inspect|util\.inspect|serializeError|toString)$/;

/** What an expression sends of an error: the whole object, its stack, or a dump of it to text. */
function errorDump(analyzer: Analyzer, e: ts.Expression, depth: number): string | undefined {
  if (isError(analyzer, e, depth)) return 'a whole error object';
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'stack' && isError(analyzer, unwrap(e.expression), depth, true)) return "an error's stack trace";
  // `err.stack.slice(0, 500)`, `String(err).substring(…)`: still the dump, shorter.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && STRING_METHODS.has(e.expression.name.text)) {
    return errorDump(analyzer, unwrap(e.expression.expression), depth + 1);
  }
  const dumped = dumpedOperand(e);
  if (dumped && isError(analyzer, dumped, depth) && !guardedByInstanceof(e, dumped)) return 'an error dumped to text';
  if (ts.isIdentifier(e)) {
    const init = initializerOf(analyzer, e);
    if (init) return errorDump(analyzer, unwrap(init), depth + 1);
  }
  return undefined;
}

/** What a name bound to a value (not a member of one) was initialised with. */
function initializerOf(analyzer: Analyzer, id: ts.Identifier): ts.Expression | undefined {
  const binding = analyzer.program.resolve(id.text, id);
  return binding?.kind === 'variable' && binding.path.length === 0 && !ts.isCatchClause(binding.decl.parent) ? binding.decl.initializer : undefined;
}

const STRING_METHODS = new Set(['slice', 'substring', 'substr', 'trim', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll', 'split']);

/** `String(x)`, `JSON.stringify(x)`, `inspect(x)`, `x.toString()`, `` `${x}` ``: the operand dumped. */
function dumpedOperand(e: ts.Expression): ts.Expression | undefined {
  if (ts.isCallExpression(e)) {
    const callee = shortText(e.expression);
    if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'toString' && e.arguments.length === 0) return unwrap(e.expression.expression);
    if (DUMPS.test(callee) && e.arguments[0]) return unwrap(e.arguments[0]);
  }
  if (ts.isTemplateExpression(e) && e.templateSpans.length === 1) return unwrap(e.templateSpans[0]?.expression as ts.Expression);
  return undefined;
}

/** `err instanceof Error ? err.message : String(err)`: the dump is of what is no Error, the usual message idiom. */
function guardedByInstanceof(dump: ts.Node, operand: ts.Expression): boolean {
  for (let n: ts.Node = dump; n.parent && !isFunctionLike(n.parent); n = n.parent) {
    const p = n.parent;
    if (ts.isConditionalExpression(p) && p.whenFalse === n) {
      const cond = unwrap(p.condition);
      if (ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && shortText(unwrap(cond.left)) === shortText(operand)) return true;
    }
  }
  return false;
}

/**
 * Whether an expression stands for an error object: a catch binding (whatever its name), the
 * parameter of a `.catch` handler or of a `.then` rejection handler, a parameter or variable
 * declared with an error type, an untyped parameter named as one, `new XError(…)`, or a name
 * bound to one of these. `loose`: for a member read (`x.stack`), a name alone is enough.
 */
function isError(analyzer: Analyzer, e: ts.Expression, depth: number, loose = false): boolean {
  if (depth > 6) return false;
  if (ts.isNewExpression(e)) return /(Error|Exception)$/.test(shortText(e.expression));
  if (!ts.isIdentifier(e)) return false;
  const binding = analyzer.program.resolve(e.text, e);
  if (!binding) return loose && ERROR_NAMES.has(e.text);
  if (binding.kind === 'variable') {
    const decl = binding.decl;
    if (ts.isCatchClause(decl.parent)) return binding.path.length === 0;
    if (binding.path.length > 0) return false;
    if (errorType(decl.type)) return true;
    const init = decl.initializer && unwrap(decl.initializer);
    if (init && (ts.isNewExpression(init) || ts.isIdentifier(init))) return isError(analyzer, init, depth + 1);
    if (init && ts.isConditionalExpression(init)) return isError(analyzer, unwrap(init.whenTrue), depth + 1) && isError(analyzer, unwrap(init.whenFalse), depth + 1);
    return loose && ERROR_NAMES.has(e.text);
  }
  if (binding.kind === 'parameter') {
    if (binding.path.length > 0) return false;
    if (rejectionHandler(binding.fn, binding.index)) return true;
    const type = binding.decl.type;
    if (errorType(type)) return true;
    return ERROR_NAMES.has(e.text) && (!type || type.kind === ts.SyntaxKind.AnyKeyword || type.kind === ts.SyntaxKind.UnknownKeyword);
  }
  return false;
}

function errorType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (ts.isUnionTypeNode(type)) return type.types.some(errorType);
  return ts.isTypeReferenceNode(type) && /(^|\.)\w*(Error|Exception)$/.test(type.typeName.getText());
}

/** The first parameter of a `.catch(…)` handler, or of the second function given to `.then(…)`. */
function rejectionHandler(fn: FunctionLike, index: number): boolean {
  if (index !== 0) return false;
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  return (method === 'catch' && call.arguments[0] === fn) || (method === 'then' && call.arguments[1] === fn);
}

// ---------------------------------------------------------------------------------------------
// Command lines

/** Transformations of an argument list that keep every value in it. */
const KEEPS_ARGS = new Set(['slice', 'splice', 'join', 'concat', 'filter', 'toString', 'reverse', 'flat']);

/** `process.argv` (or a commander command's `args`), whole, sliced, filtered or joined. */
function commandLine(analyzer: Analyzer, e: ts.Expression, depth: number): string | undefined {
  if (depth > 6) return undefined;
  const text = shortText(e).replace(/\?\./g, '.');
  if (/^(process\.argv|Deno\.args|Bun\.argv)$/.test(text)) return 'the raw command line';
  if (ts.isPropertyAccessExpression(e) && (e.name.text === 'args' || e.name.text === 'rawArgs') && isCommander(analyzer, unwrap(e.expression))) {
    return "the command's raw arguments";
  }
  if (ts.isCallExpression(e)) {
    // `command.args.slice(0, 2).join('.')`: a fixed few leading words, the subcommand's name.
    if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'slice' && e.arguments.length === 2 && e.arguments.every((a) => ts.isNumericLiteral(unwrap(a)))) return undefined;
    if (ts.isPropertyAccessExpression(e.expression) && KEEPS_ARGS.has(e.expression.name.text)) return commandLine(analyzer, unwrap(e.expression.expression), depth + 1);
    if (/^(String|JSON\.stringify|Array\.from)$/.test(shortText(e.expression)) && e.arguments[0]) return commandLine(analyzer, unwrap(e.arguments[0]), depth + 1);
    return undefined;
  }
  if (ts.isArrayLiteralExpression(e)) {
    for (const element of e.elements) if (ts.isSpreadElement(element) && commandLine(analyzer, unwrap(element.expression), depth + 1)) return 'the raw command line';
    return undefined;
  }
  if (ts.isTemplateExpression(e)) {
    for (const span of e.templateSpans) {
      const found = commandLine(analyzer, unwrap(span.expression), depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (ts.isIdentifier(e)) {
    for (const source of writesOf(analyzer, e)) {
      const found = commandLine(analyzer, unwrap(source), depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** A commander `Command`: a parameter of a `.hook(…)`/`.action(…)` callback, `new Command()`, or `program` from commander. */
function isCommander(analyzer: Analyzer, e: ts.Expression): boolean {
  if (!ts.isIdentifier(e)) return false;
  const binding = analyzer.program.resolve(e.text, e);
  if (!binding) return false;
  if (binding.kind === 'import') return binding.module === 'commander';
  if (binding.kind === 'variable') {
    const init = binding.decl.initializer && unwrap(binding.decl.initializer);
    return init !== undefined && ts.isNewExpression(init) && calleeName(init.expression) === 'Command';
  }
  if (binding.kind === 'parameter') {
    if (binding.path.length > 0) return false;
    const type = binding.decl.type;
    if (type && ts.isTypeReferenceNode(type) && /(^|\.)Command$/.test(type.typeName.getText())) return true;
    const call = binding.fn.parent;
    return call !== undefined && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && ['hook', 'action'].includes(call.expression.name.text) && call.arguments.includes(binding.fn as ts.Expression);
  }
  return false;
}

/**
 * What a name was given: its initializer, every `name = …` in its file, and the list a rest
 * element took it from (`[commandName, ...args] = command.args`). A single element
 * (`[commandName] = …`, `const [cmd] = process.argv.slice(2)`) is not the list.
 */
function writesOf(analyzer: Analyzer, id: ts.Identifier): ts.Expression[] {
  const binding = analyzer.program.resolve(id.text, id);
  const out: ts.Expression[] = [];
  const sf = id.getSourceFile();
  if (binding?.kind === 'variable') {
    if (binding.path.length > 0) return out;
    if (binding.decl.initializer) out.push(binding.decl.initializer);
    if (binding.decl.initializer && ts.isVariableDeclarationList(binding.decl.parent) && binding.decl.parent.flags & ts.NodeFlags.Const) return out;
  } else if (binding) return out;
  const name = id.text;
  const sameName = (node: ts.Node) => {
    if (!ts.isIdentifier(node) || node.text !== name) return false;
    const there = analyzer.program.resolve(name, node);
    return binding ? there?.kind === 'variable' && binding.kind === 'variable' && there.decl === binding.decl : there === undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(node.left);
      if (sameName(left)) out.push(node.right);
      else if (ts.isArrayLiteralExpression(left) && left.elements.some((el) => ts.isSpreadElement(el) && sameName(unwrap(el.expression)))) out.push(node.right);
    }
    // `const [cmd, ...args] = process.argv.slice(2)`: the rest is no binding the resolver declares.
    if (!binding && ts.isVariableDeclaration(node) && ts.isArrayBindingPattern(node.name) && node.initializer) {
      if (node.name.elements.some((el) => ts.isBindingElement(el) && el.dotDotDotToken && ts.isIdentifier(el.name) && el.name.text === name)) out.push(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** `req.body`, `request.query`, `ctx.request.body`, `await request.json()`, or a name bound to one. */
function requestInput(analyzer: Analyzer, expr: ts.Expression, depth: number): string | undefined {
  if (depth > 6) return undefined;
  const e = ts.isAwaitExpression(expr) ? unwrap(expr.expression) : expr;
  if (ts.isPropertyAccessExpression(e) && (e.name.text === 'body' || e.name.text === 'query') && isRequest(analyzer, unwrap(e.expression))) {
    return e.name.text === 'body' ? 'the raw request body' : 'the raw request query';
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['json', 'formData'].includes(e.expression.name.text) && e.arguments.length === 0 && isRequest(analyzer, unwrap(e.expression.expression))) {
    return 'the raw request body';
  }
  // `Object.fromEntries(request.nextUrl.searchParams)`: the whole query as an object.
  if (ts.isCallExpression(e) && shortText(e.expression) === 'Object.fromEntries' && e.arguments[0] && /searchParams$/.test(shortText(e.arguments[0]))) return 'the raw request query';
  if (ts.isIdentifier(e)) {
    const binding = analyzer.program.resolve(e.text, e);
    // `const { password, ...rest } = req.body`: the rest of it is still the body.
    if (binding?.kind === 'variable' && binding.decl.initializer && (binding.path.length === 0 || binding.omit)) {
      const init = unwrap(binding.decl.initializer);
      return requestInput(analyzer, init, depth + 1);
    }
  }
  return undefined;
}

const REQUEST_NAMES = /^(req|request|incomingRequest)$/i;

function isRequest(analyzer: Analyzer, e: ts.Expression): boolean {
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'request' || e.name.text === 'req';
  if (!ts.isIdentifier(e)) return false;
  if (REQUEST_NAMES.test(e.text)) return true;
  const binding = analyzer.program.resolve(e.text, e);
  const type = binding?.kind === 'parameter' && binding.path.length === 0 ? binding.decl.type : binding?.kind === 'variable' ? binding.decl.type : undefined;
  return type !== undefined && ts.isTypeReferenceNode(type) && /(^|\.)\w*Request$/.test(type.typeName.getText());
}

// ---------------------------------------------------------------------------------------------
// By name: configured commands and credential-bearing URLs

/** Verbs that make a `…Command` a command line to run, not the name of a subcommand. */
const RUN_VERBS = new Set(['run', 'start', 'build', 'install', 'exec', 'shell', 'dev', 'test', 'serve', 'server', 'launch', 'deploy', 'setup', 'capture', 'pre', 'post', 'script', 'proxy', 'startup']);
/** Owners of a URL that commonly embed credentials in it. */
const CREDENTIAL_URL_OWNERS = new Set(['repo', 'repository', 'git', 'remote', 'clone', 'origin', 'db', 'database', 'postgres', 'postgresql', 'pg', 'mongo', 'mongodb', 'redis', 'mysql', 'connection', 'amqp', 'broker']);

/**
 * A read (a name or member chain, with `??`/`||` fallbacks) whose name says it holds a configured
 * shell command (`captureCmd`, `run.command`) or a URL that commonly embeds credentials
 * (`repoUrl`, `databaseUrl`, `connectionString`): the property key or the read's last members.
 */
function byName(analyzer: Analyzer, key: string, expr: ts.Expression): MessageId | undefined {
  const read = plainRead(expr);
  if (!read) return undefined;
  const segments = shortText(read).replace(/\?\./g, '.').split('.');
  const last = tokens(segments[segments.length - 1] ?? '');
  const owner = tokens(segments[segments.length - 2] ?? '');
  const keyTokens = tokens(key.split('.').pop() ?? '');
  const found: MessageId | undefined =
    isShellCommand(keyTokens) || isShellCommand(last) || (isCommandWord(last) && owner.some((t) => RUN_VERBS.has(t)))
      ? 'shellCommand'
      : isCredentialUrl(keyTokens) || isCredentialUrl(last)
        ? 'credentialUrl'
        : undefined;
  // The names decide first: evaluating every value sent costs more than the rest of the rule.
  if (!found) return undefined;
  const value = analyzer.evaluate(read);
  return value.kind === 'string' || value.kind === 'strings' ? undefined : found;
}

function isCommandWord(parts: readonly string[]): boolean {
  const tail = parts[parts.length - 1];
  return tail === 'command' || tail === 'cmd';
}

function isShellCommand(parts: readonly string[]): boolean {
  if (parts.join('') === 'commandline' || parts.join('') === 'cmdline') return true;
  return isCommandWord(parts) && parts.slice(0, -1).some((t) => RUN_VERBS.has(t));
}

function isCredentialUrl(parts: readonly string[]): boolean {
  const joined = parts.join('');
  if (joined === 'dsn' || joined === 'connectionstring' || joined === 'connectionuri') return true;
  const tail = parts[parts.length - 1];
  return (tail === 'url' || tail === 'uri') && parts.slice(0, -1).some((t) => CREDENTIAL_URL_OWNERS.has(t));
}

/** The name or member chain a value reads as is, through `??`, `||` and `!`/`as`; nothing derived from it. */
function plainRead(expr: ts.Expression): ts.Identifier | ts.PropertyAccessExpression | undefined {
  let e = unwrap(expr);
  while (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(e.operatorToken.kind)) e = unwrap(e.left);
  if (ts.isIdentifier(e)) return e;
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  let root: ts.Expression = e;
  while (ts.isPropertyAccessExpression(root) || ts.isNonNullExpression(root)) root = root.expression;
  return ts.isIdentifier(root) || root.kind === ts.SyntaxKind.ThisKeyword ? e : undefined;
}

