import { defineRule } from '../../src/engine/rule.js';
import type { SourceLocation } from '../../src/engine/types.js';
import type { Analyzer, Value } from '../../src/code/analyzer.js';
import type { SdkName, Side } from '../../src/code/model.js';
import { ts } from '../../src/code/program.js';
import { SDK_MODULES, type SdkFlavour } from '../../src/code/sdks.js';
import { propertyNameText, shortText, unwrap } from '../../src/code/syntax.js';
import { own } from '../../src/code/values.js';

type Message = 'geoip' | 'inputs' | 'text' | 'textContent' | 'clientIp';

/** An option of an SDK's set-up (or of one call) that makes it collect personal data. */
interface OptionFact {
  messageId: Message;
  sdk: string;
  option: string;
  value: string;
  location: SourceLocation;
}

export default defineRule<Message, OptionFact>({
  id: 'pii/sdk-options',
  category: 'pii',
  severity: 'P1',
  description:
    "An analytics SDK is not set up to collect personal data its defaults leave out: IP geolocation on a server SDK, unmasked inputs or text in session replays, element text in autocapture, the client's IP forwarded in the event context.",
  messages: {
    geoip: '`{{option}}` turns on {{sdk}} IP geolocation: every event is located by the IP address of the machine that sends it.',
    inputs: '`{{option}}` records what users type into form fields in {{sdk}} session replays.',
    text: '`{{option}}` leaves page text unmasked in {{sdk}} session replays (`{{value}}`): names, addresses and messages on screen are recorded.',
    textContent: '`{{option}}` sends the text of the elements users click with every autocaptured {{sdk}} event.',
    clientIp: "`context.ip` forwards the client's IP address (`{{value}}`) to {{sdk}}.",
  },
  fix: {
    geoip:
      'Leave geolocation off, the server SDK default (`disableGeoip: true`, no `geolocate`): on a server it locates the data centre, on a user\'s machine it records where the user is. If location is needed, ask for consent and send a coarse one you derive (country).',
    inputs: 'Mask inputs (`maskAllInputs: true`, the default; Amplitude `defaultMaskLevel: \'medium\'` or `\'conservative\'`) and unmask only fields known to be safe.',
    text: "Keep all text masked (Mixpanel's default `record_mask_text_selector: '*'`) and unmask only elements known to be safe.",
    textContent: 'Turn `capture_text_content` off (the default), or mark elements whose text is safe and send that text as an explicit property.',
    clientIp: "Drop `context.ip`, or send `'0.0.0.0'` so the destination does not record the request's IP either.",
  },
  listen: {
    onFileEnd({ file, analyzer }, record) {
      const sf = analyzer.program.sources.get(file);
      if (!sf) return;
      const seen = (fact: OptionFact) => record(fact);
      for (const call of analyzer.program.callsIn(file)) inspectCall(analyzer, call, seen);
      // `new PostHog(key, {...})` is no call expression: the file's constructions are walked here.
      if (/\bnew\s/.test(sf.text)) {
        const visit = (node: ts.Node): void => {
          if (ts.isNewExpression(node)) inspectNew(analyzer, node, seen);
          ts.forEachChild(node, visit);
        };
        visit(sf);
      }
    },
  },
  check(ctx) {
    const reported = new Set<string>();
    for (const fact of ctx.facts) {
      if (ctx.isTestFile(fact.location.file)) continue;
      const at = `${fact.option}|${fact.location.file}:${fact.location.line}:${fact.location.column}`;
      if (reported.has(at)) continue;
      reported.add(at);
      ctx.report({ messageId: fact.messageId, data: { option: fact.option, sdk: fact.sdk, value: fact.value }, location: fact.location, key: at });
    }
  },
});

/** Methods that set an SDK up, whose object arguments are its options. */
const SETUP_METHODS = new Set(['init', 'load', 'set_config']);
/** Segment/RudderStack calls whose object arguments can carry an event `context`. */
const CONTEXT_METHODS = new Set(['track', 'identify', 'page', 'screen', 'group', 'alias']);
/** posthog-node methods that take `disableGeoip` per call. */
const POSTHOG_NODE_CALLS = new Set(['capture', 'captureImmediate', 'identify', 'identifyImmediate', 'alias', 'aliasImmediate', 'groupIdentify', 'getFeatureFlag', 'getAllFlags', 'isFeatureEnabled']);
/** Amplitude's session replay packages: `sessionReplayPlugin({ privacyConfig })`, `sessionReplay.init(key, {...})`, `initAll(key, { sessionReplay })`. */
const AMPLITUDE_REPLAY = /^@amplitude\/(plugin-session-replay-browser|session-replay-browser|unified|analytics-browser)$/;

interface Target {
  sdk: SdkName;
  side: Side;
}

function inspectCall(analyzer: Analyzer, call: ts.CallExpression, record: (fact: OptionFact) => void): void {
  const callee = unwrap(call.expression);
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (!method) return;
  // Evaluating every receiver of a file costs more than all else the walk does: only methods that
  // can take options are looked at.
  if (!SETUP_METHODS.has(method) && !CONTEXT_METHODS.has(method) && !POSTHOG_NODE_CALLS.has(method) && !ts.isIdentifier(callee)) return;
  const replay = amplitudeReplayImport(analyzer, callee);
  if (replay) {
    for (const arg of call.arguments) inspectOptions(analyzer, arg, { sdk: 'amplitude', side: 'browser' }, 'replay', record);
    return;
  }
  const target = ts.isPropertyAccessExpression(callee) ? targetOf(analyzer.evaluate(callee.expression)) : importedTarget(analyzer, callee);
  if (!target) return;
  if (SETUP_METHODS.has(method)) {
    for (const arg of call.arguments) inspectOptions(analyzer, arg, target, 'setup', record);
  } else if (target.sdk === 'posthog' && target.side === 'server') {
    // posthog-node takes `disableGeoip` per call too.
    for (const arg of call.arguments) inspectOptions(analyzer, arg, target, 'call', record);
  } else if ((target.sdk === 'segment' || target.sdk === 'rudderstack') && CONTEXT_METHODS.has(method)) {
    for (const arg of call.arguments) inspectOptions(analyzer, arg, target, 'call', record);
  }
}

/** Class names of analytics SDKs (and of aliases teams give them): other constructions are not evaluated. */
const SDK_CLASS_NAME = /posthog|analytics|mixpanel|amplitude|rudder|segment|snowplow|tracker|telemetry|client/i;

/** `new PH(…)` where `PH` (or the root of `sdk.PostHog`) is imported from an SDK package. */
function importedFromSdk(analyzer: Analyzer, callee: ts.Expression): boolean {
  let root = unwrap(callee);
  while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
  if (!ts.isIdentifier(root)) return false;
  const binding = analyzer.program.resolve(root.text, root);
  return binding?.kind === 'import' && own(SDK_MODULES, binding.module) !== undefined;
}

function inspectNew(analyzer: Analyzer, node: ts.NewExpression, record: (fact: OptionFact) => void): void {
  if (!node.arguments?.length || !(SDK_CLASS_NAME.test(shortText(node.expression)) || importedFromSdk(analyzer, node.expression))) return;
  const target = targetOf(analyzer.evaluate(node));
  if (!target) return;
  for (const arg of node.arguments ?? []) inspectOptions(analyzer, arg, target, 'setup', record);
}

/** The SDK an evaluated receiver is: an instance, or a class or namespace of an SDK package. */
function targetOf(value: Value): Target | undefined {
  const flavour: SdkFlavour | undefined = value.kind === 'sdk' ? value.flavour : value.kind === 'sdk-export' && 'flavour' in value.exp ? value.exp.flavour : undefined;
  return flavour && flavour.sdk !== 'custom' ? { sdk: flavour.sdk, side: flavour.side } : undefined;
}

/** `import { init } from '@amplitude/analytics-browser'`: a named function of an SDK package, even one the call catalogue does not list. */
function importedTarget(analyzer: Analyzer, callee: ts.Expression): Target | undefined {
  if (!ts.isIdentifier(callee)) return undefined;
  const binding = analyzer.program.resolve(callee.text, callee);
  if (binding?.kind !== 'import') return undefined;
  const module = own(SDK_MODULES, binding.module);
  if (!module) return undefined;
  for (const exp of Object.values(module.exports)) if ('flavour' in exp && exp.flavour.sdk !== 'custom') return { sdk: exp.flavour.sdk, side: exp.flavour.side };
  return undefined;
}

function amplitudeReplayImport(analyzer: Analyzer, callee: ts.Expression): boolean {
  let root = callee;
  while (ts.isPropertyAccessExpression(root)) root = unwrap(root.expression);
  if (!ts.isIdentifier(root)) return false;
  const binding = analyzer.program.resolve(root.text, root);
  if (binding?.kind !== 'import' || !AMPLITUDE_REPLAY.test(binding.module)) return false;
  // The analytics SDK itself is read as a replay source only for its replay plugin's options.
  return binding.module !== '@amplitude/analytics-browser';
}

type Where = 'setup' | 'call' | 'replay';

function inspectOptions(analyzer: Analyzer, arg: ts.Expression, target: Target, where: Where, record: (fact: OptionFact) => void): void {
  const options = objectOf(analyzer, arg);
  if (!options) return;
  const sdk = sdkLabel(target);
  const report = (messageId: Message, found: Found, name: string) =>
    record({ messageId, sdk, option: name, value: shortText(found.expr), location: analyzer.program.location(found.at) });
  if (target.sdk === 'posthog') {
    if (target.side === 'server') {
      const geoip = option(analyzer, options, ['disableGeoip']);
      if (geoip && literalOf(analyzer, geoip.expr) === false) report('geoip', geoip, 'disableGeoip: false');
      return;
    }
    if (where !== 'setup') return;
    const inputs = option(analyzer, options, ['session_recording', 'maskAllInputs']);
    if (inputs && literalOf(analyzer, inputs.expr) === false) report('inputs', inputs, 'session_recording.maskAllInputs: false');
    return;
  }
  if (target.sdk === 'mixpanel' && where === 'setup') {
    if (target.side === 'server') {
      const geolocate = option(analyzer, options, ['geolocate']);
      if (geolocate && isTruthy(literalOf(analyzer, geolocate.expr))) report('geoip', geolocate, 'geolocate: true');
      return;
    }
    const textContent = option(analyzer, options, ['autocapture', 'capture_text_content']);
    if (textContent && literalOf(analyzer, textContent.expr) === true) report('textContent', textContent, 'autocapture.capture_text_content: true');
    const mask = option(analyzer, options, ['record_mask_text_selector']);
    const selector = mask ? literalOf(analyzer, mask.expr) : undefined;
    // The default `'*'` masks all text; any other selector masks only what it matches.
    if (mask && typeof selector === 'string' && selector.trim() !== '*') report('text', mask, 'record_mask_text_selector');
    return;
  }
  if (target.sdk === 'amplitude') {
    // `sessionReplayPlugin({ privacyConfig })`, `sessionReplay.init(key, { privacyConfig })`, `initAll(key, { sessionReplay: { privacyConfig } })`.
    for (const path of [['privacyConfig', 'defaultMaskLevel'], ['sessionReplay', 'privacyConfig', 'defaultMaskLevel']]) {
      const level = option(analyzer, options, path);
      if (level && literalOf(analyzer, level.expr) === 'light') report('inputs', level, `${path.join('.')}: 'light'`);
    }
    return;
  }
  if ((target.sdk === 'segment' || target.sdk === 'rudderstack') && where === 'call') {
    const ip = option(analyzer, options, ['context', 'ip']);
    if (ip && forwardsAnAddress(analyzer, ip.expr)) report('clientIp', ip, 'context.ip');
  }
}

function sdkLabel(target: Target): string {
  const name = { segment: 'Segment', rudderstack: 'RudderStack', mixpanel: 'Mixpanel', posthog: 'PostHog', amplitude: 'Amplitude', snowplow: 'Snowplow', custom: 'the SDK' }[target.sdk];
  if (target.sdk === 'posthog') return target.side === 'server' ? 'PostHog (posthog-node)' : 'PostHog (posthog-js)';
  if (target.sdk === 'mixpanel') return target.side === 'server' ? 'Mixpanel (mixpanel node)' : 'Mixpanel (mixpanel-browser)';
  return name;
}

/** The object literal an argument stands for: written there, or built in a const or another module. */
function objectOf(analyzer: Analyzer, expr: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) return e;
  const value = analyzer.evaluate(e);
  return value.kind === 'object' ? value.node : undefined;
}

interface Found {
  /** The value written for the option. */
  expr: ts.Expression;
  /** Where it is written: the `key: value` member. */
  at: ts.Node;
}

/** The value an options object gives at a nested path; a member written later, or spread in later, wins. */
function option(analyzer: Analyzer, object: ts.ObjectLiteralExpression, path: readonly string[], depth = 0): Found | undefined {
  const [key, ...rest] = path;
  if (key === undefined || depth > 8) return undefined;
  for (const prop of [...object.properties].reverse()) {
    if (ts.isSpreadAssignment(prop)) {
      const spread = objectOf(analyzer, prop.expression);
      const found = spread && option(analyzer, spread, path, depth + 1);
      if (found) return found;
      continue;
    }
    let value: ts.Expression | undefined;
    if (ts.isPropertyAssignment(prop) && propertyNameText(prop.name) === key) value = prop.initializer;
    else if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === key) value = prop.name;
    if (!value) continue;
    if (rest.length === 0) return { expr: value, at: prop };
    const inner = objectOf(analyzer, value);
    return inner ? option(analyzer, inner, rest, depth + 1) : undefined;
  }
  return undefined;
}

/** A boolean, number or string written for an option, here or in a const it names. */
function literalOf(analyzer: Analyzer, expr: ts.Expression, depth = 0): boolean | number | string | undefined {
  const e = unwrap(expr);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  // `!0`, `!1`: minified booleans.
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && ts.isNumericLiteral(e.operand)) return Number(e.operand.text) === 0;
  if (ts.isIdentifier(e) && depth < 4) {
    const binding = analyzer.program.resolve(e.text, e);
    const decl = binding?.kind === 'variable' && binding.path.length === 0 ? binding.decl : undefined;
    const isConst = decl && ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
    if (isConst && decl.initializer) return literalOf(analyzer, decl.initializer, depth + 1);
  }
  return undefined;
}

function isTruthy(value: boolean | number | string | undefined): boolean {
  return value === true || (typeof value === 'number' && value !== 0);
}

/** A value read from somewhere (the request, a header), not a literal placeholder such as `'0.0.0.0'`. */
function forwardsAnAddress(analyzer: Analyzer, expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (literalOf(analyzer, e) !== undefined) return false;
  if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')) return false;
  return true;
}
