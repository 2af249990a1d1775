import type { EventNaming, NamingInference, PropertyNaming } from '../engine/config.js';
import { compileUserPattern } from '../engine/config.js';
import picomatch from 'picomatch';
import { tokens } from './tokens.js';

const IRREGULAR_PAST = new Map([
  ['send', 'sent'], ['sell', 'sold'], ['show', 'shown'], ['see', 'seen'], ['do', 'done'], ['begin', 'begun'], ['build', 'built'],
  ['buy', 'bought'], ['choose', 'chosen'], ['give', 'given'], ['hide', 'hidden'], ['keep', 'kept'], ['leave', 'left'],
  ['lose', 'lost'], ['make', 'made'], ['meet', 'met'], ['pay', 'paid'], ['read', 'read'], ['run', 'run'], ['set', 'set'],
  ['spend', 'spent'], ['take', 'taken'], ['throw', 'thrown'], ['win', 'won'], ['write', 'written'], ['get', 'got'],
  ['put', 'put'], ['cut', 'cut'], ['shut', 'shut'], ['split', 'split'], ['quit', 'quit'], ['reset', 'reset'], ['upset', 'upset'],
  ['undo', 'undone'], ['redo', 'redone'], ['rebuild', 'rebuilt'], ['resend', 'resent'], ['reread', 'reread'], ['rerun', 'rerun'],
  ['find', 'found'], ['hold', 'held'], ['lead', 'led'], ['bring', 'brought'], ['tell', 'told'], ['forget', 'forgotten'],
  ['draw', 'drawn'], ['drive', 'driven'], ['fly', 'flown'], ['grow', 'grown'], ['know', 'known'], ['ride', 'ridden'],
  ['speak', 'spoken'], ['steal', 'stolen'], ['swear', 'sworn'], ['tear', 'torn'], ['wear', 'worn'], ['withdraw', 'withdrawn'],
  ['shake', 'shaken'], ['bid', 'bid'], ['broadcast', 'broadcast'], ['upload', 'uploaded'], ['sign', 'signed'],
]);
/** Simple-past forms that differ from the participle (`cleanup_ran`, `onboarding_began`): past already. */
const SIMPLE_PAST = [
  'ran', 'began', 'wrote', 'took', 'gave', 'saw', 'chose', 'drove', 'flew', 'grew', 'knew', 'rode', 'spoke', 'stole', 'swore',
  'tore', 'wore', 'withdrew', 'shook', 'drew', 'forgot', 'hid', 'did', 'threw', 'caught', 'taught', 'thought', 'felt', 'slept',
  'swept', 'spun', 'stuck', 'struck', 'sang', 'rang', 'drank', 'swam', 'fell', 'froze', 'woke', 'broke', 'spoke', 'chose', 'became',
  'came', 'went', 'gone', 'broken', 'frozen', 'woken', 'fallen', 'become', 'come',
];
const PAST_WORDS = new Set([...IRREGULAR_PAST.values(), ...SIMPLE_PAST]);
/**
 * Verbs a past tense can be suggested for. A name that ends in a noun (`kitchen_sink`,
 * `logout_event`) gets no invented word (`kitchen_sinked`): the finding says what is wrong and
 * leaves the wording to the author.
 */
const SUGGESTABLE_VERBS = new Set([
  'add', 'apply', 'approve', 'archive', 'assign', 'book', 'cancel', 'change', 'check', 'claim', 'click', 'close', 'comment',
  'complete', 'confirm', 'connect', 'copy', 'create', 'decline', 'delete', 'deploy', 'disable', 'disconnect', 'dismiss',
  'download', 'duplicate', 'edit', 'enable', 'end', 'enter', 'export', 'fail', 'favorite', 'fill', 'filter', 'finish',
  'follow', 'import', 'install', 'invite', 'join', 'launch', 'like', 'link', 'load', 'lock', 'merge', 'move', 'open', 'order',
  'play', 'press', 'preview', 'print', 'publish', 'purchase', 'receive', 'redeem', 'refresh', 'register', 'reject', 'release',
  'remove', 'rename', 'reorder', 'reply', 'report', 'request', 'restore', 'resume', 'retry', 'return', 'review', 'save',
  'schedule', 'scroll', 'search', 'select', 'share', 'skip', 'sort', 'start', 'stop', 'submit', 'subscribe', 'succeed',
  'switch', 'sync', 'tap', 'test', 'toggle', 'track', 'trigger', 'unlock', 'unsubscribe', 'update', 'upgrade', 'downgrade',
  'use', 'verify', 'view', 'visit', 'vote', 'watch', 'accept', 'activate', 'deactivate', 'attach', 'block', 'browse', 'calculate',
  'capture', 'clear', 'collapse', 'expand', 'focus', 'generate', 'hover', 'initialize', 'mark', 'mute', 'pause', 'pin', 'post',
  'rate', 'recover', 'resize', 'revoke', 'rotate', 'submit', 'tag', 'transfer', 'translate', 'type', 'unpin', 'upload', 'zoom',
]);

/** Whether a past tense of `word` can be suggested without inventing a word. */
function suggestable(word: string): boolean {
  return SUGGESTABLE_VERBS.has(word) || IRREGULAR_PAST.has(word) || COMPOUND_PAST.has(word) || /(ize|ise|ify)$/.test(word);
}
/** Compounds written as one word whose past tense is two: `login` → `logged_in`. */
const COMPOUND_PAST = new Map([
  ['login', 'logged_in'], ['logout', 'logged_out'], ['signup', 'signed_up'], ['signin', 'signed_in'], ['signout', 'signed_out'],
  ['checkout', 'checked_out'], ['setup', 'set_up'], ['optin', 'opted_in'], ['optout', 'opted_out'], ['pageview', 'page_viewed'],
]);
const PARTICLES = new Set(['up', 'in', 'out', 'on', 'off', 'over', 'back', 'down', 'through', 'away', 'into', 'via']);
/** Trailing segments that qualify an action rather than name one (`survey_delivered.error`). */
const OUTCOME_SUFFIXES = new Set(['error', 'failed', 'failure']);

export function isSnakeCase(name: string): boolean {
  return /^\$?[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(name);
}

export function isCamelCase(name: string): boolean {
  return /^\$?[a-z][a-zA-Z0-9]*$/.test(name);
}

export function toSnakeCase(name: string): string {
  return tokens(name).join('_');
}

/** Whether the last verb of a token list is in the past tense (`signed_up`, `report_exported`). */
export function endsInPastTense(words: readonly string[]): boolean {
  let i = words.length - 1;
  while (i > 0 && PARTICLES.has(words[i] ?? '')) i--;
  const word = words[i] ?? '';
  return (word.length > 3 && word.endsWith('ed')) || PAST_WORDS.has(word);
}

/** A best guess at the past tense of a verb: export → exported, create → created, stop → stopped. */
export function pastTenseOf(word: string): string {
  const compound = COMPOUND_PAST.get(word);
  if (compound) return compound;
  const irregular = IRREGULAR_PAST.get(word);
  if (irregular) return irregular;
  if (word.endsWith('e')) return `${word}d`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ied`;
  if (/^[^aeiou]*[aeiou][bdgmnpt]$/.test(word) && word.length <= 4) return `${word}${word.slice(-1)}ed`;
  return `${word}ed`;
}

export type EventPreset = Exclude<EventNaming, { pattern: string }>;
/** Where a name puts its action: last (`report_exported`, `Order Completed`) or first (`clicked_signup`). */
export type WordOrder = 'object-action' | 'action-object';

export type EventNameProblem =
  | { kind: 'shape'; expected: string; suggestion?: string }
  | { kind: 'prefix'; suggestion: string }
  | { kind: 'single-word' }
  /** `suggestion`: absent when the name ends in a noun, where any past tense would be an invented word. */
  | { kind: 'tense'; suggestion?: string }
  /** The action at the other end of the name than the repository's own order puts it. */
  | { kind: 'order'; suggestion?: string }
  | { kind: 'unknown-prefix'; prefixes: string }
  | { kind: 'pattern'; pattern: string };

export interface EventNameOptions {
  pastTense: boolean;
  prefixes: readonly string[];
  /** Where the action goes; `object-action` when not given. */
  order?: WordOrder;
  /** The order is the repository's own (inferred from its names): names the other way round are reported. */
  orderInferred?: boolean;
  /** A system or lifecycle event (heartbeat, page view, error): not a user action, so no action is required. */
  system?: boolean;
}

interface PresetShape {
  test: RegExp;
  expected: string;
  /** How messages name the convention. */
  label: string;
  example: string;
}

/** In preference order: on a tie, the earlier one is taken (the default first). */
const PRESET_SHAPES: Record<EventPreset, PresetShape> = {
  snake_case: { test: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, expected: 'snake_case object_action, e.g. report_exported', label: 'snake_case', example: 'report_exported' },
  title_case: {
    test: /^[A-Z][A-Za-z0-9]*( [A-Z0-9][A-Za-z0-9]*)+$/,
    expected: 'Title Case "Object Actioned", e.g. Report Exported',
    label: 'Title Case',
    example: 'Report Exported',
  },
  'object.action': { test: /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, expected: 'object.action, e.g. project.created', label: 'object.action', example: 'report.exported' },
  'prefix.object.action': {
    test: /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){2,4}$/,
    expected: 'prefix.object.action, e.g. svc.surveys.survey_delivered',
    label: 'prefix.object.action',
    example: 'app.report.exported',
  },
  'object:action': { test: /^[a-z][a-z0-9_-]*(:[a-z][a-z0-9_-]*)+$/, expected: 'object:action, e.g. slice:created', label: 'object:action', example: 'report:exported' },
  camelCase: { test: /^[a-z][a-z0-9]*([A-Z][a-z0-9]*)*$/, expected: 'camelCase objectAction, e.g. reportExported', label: 'camelCase', example: 'reportExported' },
  PascalCase: { test: /^[A-Z][a-z0-9]+([A-Z][a-z0-9]*)*$/, expected: 'PascalCase ObjectAction, e.g. ReportExported', label: 'PascalCase', example: 'ReportExported' },
  'kebab-case': { test: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, expected: 'kebab-case object-action, e.g. report-exported', label: 'kebab-case', example: 'report-exported' },
  SCREAMING_SNAKE: { test: /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, expected: 'SCREAMING_SNAKE OBJECT_ACTION, e.g. REPORT_EXPORTED', label: 'SCREAMING_SNAKE', example: 'REPORT_EXPORTED' },
};
export const EVENT_PRESETS = Object.keys(PRESET_SHAPES) as EventPreset[];

/** Presets whose whole name is words, one of which must be the action. */
const WORD_PRESETS = new Set<EventPreset>(['snake_case', 'camelCase', 'PascalCase', 'kebab-case', 'SCREAMING_SNAKE']);

export function fitsPreset(name: string, preset: EventPreset): boolean {
  return PRESET_SHAPES[preset].test.test(name);
}

export function presetLabel(preset: EventPreset): string {
  return PRESET_SHAPES[preset].label;
}

/** Checks an event name against the configured convention; `undefined` when it conforms. */
export function checkEventName(name: string, naming: EventNaming, options: EventNameOptions): EventNameProblem | undefined {
  if (typeof naming === 'object') {
    return compileUserPattern(naming.pattern).matches(name) ? undefined : { kind: 'pattern', pattern: naming.pattern };
  }
  const shape = PRESET_SHAPES[naming];
  if (!shape.test.test(name)) return { kind: 'shape', expected: shape.expected, suggestion: suggestName(name, naming, options) };
  const prefixed = EVENT_PREFIX[naming]?.exec(name);
  if (prefixed) return { kind: 'prefix', suggestion: name.slice(prefixed[0].length) };
  if (naming === 'prefix.object.action' && options.prefixes.length > 0 && !options.prefixes.includes(name.split('.')[0] ?? '')) {
    return { kind: 'unknown-prefix', prefixes: options.prefixes.join(', ') };
  }
  // A heartbeat or a page view is not something a user did: it needs no action, past or otherwise.
  if (options.system) return undefined;
  const action = actionWords(name, naming);
  if (WORD_PRESETS.has(naming) && action.length < 2) return { kind: 'single-word' };
  const order = options.order ?? 'object-action';
  if (options.orderInferred) {
    const at = actionPosition(tokens(name), options.pastTense);
    if (at && at !== (order === 'object-action' ? 'last' : 'first')) return { kind: 'order', suggestion: reordered(name, naming, order) };
  }
  if (options.pastTense && action.length > 0 && !(order === 'object-action' ? endsInPastTense(action) : isPast(action[0] ?? ''))) {
    const suggestion = suggestName(name, naming, options);
    return suggestion && suggestion !== name ? { kind: 'tense', suggestion } : { kind: 'tense' };
  }
  return undefined;
}

const EVENT_PREFIX: Partial<Record<EventPreset, RegExp>> = { snake_case: /^events?_/, SCREAMING_SNAKE: /^EVENTS?_/, 'kebab-case': /^events?-/ };

/** The words that carry the action: the whole name in word presets, the last segment in dotted ones. */
function actionWords(name: string, naming: EventPreset): readonly string[] {
  if (WORD_PRESETS.has(naming) || naming === 'title_case') return tokens(name);
  const segments = name.split(naming === 'object:action' ? ':' : '.');
  if (segments.length > 2 && OUTCOME_SUFFIXES.has(segments[segments.length - 1] ?? '')) segments.pop();
  return tokens(segments[segments.length - 1] ?? '');
}

function isPast(word: string): boolean {
  return endsInPastTense([word]);
}

function isVerb(word: string): boolean {
  return suggestable(word);
}

function lastWord(words: readonly string[]): string {
  let i = words.length - 1;
  while (i > 0 && PARTICLES.has(words[i] ?? '')) i--;
  return words[i] ?? '';
}

/**
 * Which end of a name holds its action, when that can be told: a past tense at one end only
 * (`clicked_signup`, `signup_clicked`), else (when `byVerb`) a known verb at one end only
 * (`send_whatsapp_template`). `undefined` when both or neither end say so.
 */
export function actionPosition(words: readonly string[], byVerb = true): 'first' | 'last' | undefined {
  if (words.length < 2) return undefined;
  const first = words[0] ?? '';
  const lastPast = endsInPastTense(words);
  const firstPast = isPast(first);
  if (firstPast && !lastPast) return 'first';
  // A past participle at the end can be a state (`submit_webhook_update_enabled`, `click_menu_get_started`):
  // with a verb at the start, the start is as likely the action.
  if (lastPast && !firstPast) return isVerb(first) ? undefined : 'last';
  if (lastPast || !byVerb) return undefined;
  const firstVerb = isVerb(first);
  const lastVerb = isVerb(lastWord(words));
  if (firstVerb !== lastVerb) return firstVerb ? 'first' : 'last';
  return undefined;
}

const PREPOSITIONS = new Set(['from', 'to', 'on', 'in', 'of', 'for', 'with', 'at', 'by', 'as', 'via', 'into', 'and', 'or']);

/** The name with its action moved to where the order puts it, in the past tense; none when the words would not read. */
function reordered(name: string, naming: EventPreset, order: WordOrder): string | undefined {
  const words = [...tokens(name)];
  if (words.some((w) => PREPOSITIONS.has(w))) return undefined;
  if (order === 'object-action') {
    const verb = words.shift() ?? '';
    const past = isPast(verb) ? [verb] : suggestable(verb) ? pastTenseOf(verb).split('_') : undefined;
    return past ? render([...words, ...past], naming) : undefined;
  }
  const verb = words.pop() ?? '';
  const past = isPast(verb) ? [verb] : suggestable(verb) ? pastTenseOf(verb).split('_') : undefined;
  return past ? render([...past, ...words], naming) : undefined;
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Words written in a preset; `undefined` where the preset needs segments the words do not give. */
function render(words: readonly string[], naming: EventPreset): string | undefined {
  switch (naming) {
    case 'snake_case':
      return words.join('_');
    case 'SCREAMING_SNAKE':
      return words.join('_').toUpperCase();
    case 'kebab-case':
      return words.join('-');
    case 'camelCase':
      return words.map((w, i) => (i === 0 ? w : capitalised(w))).join('');
    case 'PascalCase':
      return words.map(capitalised).join('');
    case 'title_case':
      return words.map(capitalised).join(' ');
    case 'object.action':
      return words.length >= 2 ? `${words.slice(0, -1).join('_')}.${words[words.length - 1]}` : undefined;
    case 'object:action':
      return words.length >= 2 ? `${words.slice(0, -1).join('-')}:${words[words.length - 1]}` : undefined;
    case 'prefix.object.action':
      // The prefix and the object are segments the words alone do not give back.
      return undefined;
  }
}

/** The name rewritten in the convention with a past-tense action, when one can be guessed. */
export function suggestName(name: string, naming: EventNaming, options: { pastTense: boolean; order?: WordOrder }): string | undefined {
  if (typeof naming === 'object') return undefined;
  if (naming === 'prefix.object.action') return suggestDotted(name, options);
  if (naming === 'object:action' && name.includes(':')) {
    const segments = name.split(':');
    const last = withPastAction([...tokens(segments.pop() ?? '')], options);
    return last && segments.length ? [...segments.map((s) => tokens(s).join('-')), last.join('-')].join(':') : undefined;
  }
  const words = withPastAction(tokens(name).filter((w, i) => !(i === 0 && (w === 'event' || w === 'events'))), options);
  return words && words.length ? render(words, naming) : undefined;
}

/** The words with their action (at the end the order gives) in the past tense; `undefined` when no past tense can be guessed. */
function withPastAction(input: readonly string[], options: { pastTense: boolean; order?: WordOrder }): string[] | undefined {
  const words = [...input];
  if (words.length === 0 || !options.pastTense) return words;
  if ((options.order ?? 'object-action') === 'action-object') {
    const first = words[0] ?? '';
    if (isPast(first)) return words;
    // A past tense later in the name (`signup_clicked`): which word is the action is not for us to guess.
    if (!suggestable(first) || words.slice(1).some(isPast)) return undefined;
    return [...pastTenseOf(first).split('_'), ...words.slice(1)];
  }
  if (endsInPastTense(words)) return words;
  // The action is mid-name (`emoji_inserted_in_comment`): a past tense at the end would invent one.
  if (words.slice(0, -1).some(isPast)) return undefined;
  const last = words.pop() ?? '';
  if (!suggestable(last)) return undefined;
  return [...words, ...pastTenseOf(last).split('_')];
}

function suggestDotted(name: string, options: { pastTense: boolean; order?: WordOrder }): string | undefined {
  const segments = name.split('.');
  if (segments.length < 3) return undefined;
  const last = withPastAction(tokens(segments.pop() ?? ''), options);
  return last ? [...segments.map(toSnakeCase), last.join('_')].join('.') : undefined;
}

export function checkPropertyName(name: string, naming: PropertyNaming): boolean {
  if (typeof naming === 'object') return compileUserPattern(naming.pattern).matches(name);
  return naming === 'camelCase' ? isCamelCase(name) : isSnakeCase(name);
}

export function propertySuggestion(name: string, naming: PropertyNaming): string | undefined {
  if (typeof naming === 'object') return undefined;
  const words = tokens(name);
  if (naming === 'snake_case') return (name.startsWith('$') ? '$' : '') + words.join('_');
  return (name.startsWith('$') ? '$' : '') + words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** A repository's own convention is taken from at least this many distinct event names… */
export const INFERENCE_MIN_NAMES = 5;
/** …of which at least this share follows it. */
export const INFERENCE_SHARE = 0.7;

export interface ConventionCount<T> {
  value: T;
  /** Distinct names that follow it. */
  fits: number;
  /** Distinct names judged: all of them for the shape, those whose word order can be told for the order. */
  total: number;
}

export interface InferredConvention {
  /** The preset most names follow, when it is a clear majority. */
  events?: ConventionCount<EventPreset>;
  /** The most common preset, clear majority or not (for saying why none was taken). */
  best?: ConventionCount<EventPreset>;
  order?: ConventionCount<WordOrder>;
}

/**
 * The convention a repository's event names already follow, ignoring tense: the preset that at
 * least 70 % of at least five distinct names fit, and, separately, the word order (action last or
 * first) that 70 % of at least five names whose order can be told follow.
 */
export function inferConvention(names: Iterable<string>): InferredConvention {
  const distinct = [...new Set(names)];
  const result: InferredConvention = {};
  let best: ConventionCount<EventPreset> | undefined;
  for (const preset of EVENT_PRESETS) {
    const fits = distinct.filter((n) => PRESET_SHAPES[preset].test.test(n)).length;
    if (!best || fits > best.fits) best = { value: preset, fits, total: distinct.length };
  }
  if (best && best.fits > 0) result.best = best;
  const clear = (count: ConventionCount<unknown>) => count.total >= INFERENCE_MIN_NAMES && count.fits >= count.total * INFERENCE_SHARE;
  if (best && clear(best)) result.events = best;
  let first = 0;
  let last = 0;
  for (const name of distinct) {
    const at = actionPosition(tokens(name));
    if (at === 'first') first++;
    else if (at === 'last') last++;
  }
  const order: ConventionCount<WordOrder> = first > last ? { value: 'action-object', fits: first, total: first + last } : { value: 'object-action', fits: last, total: first + last };
  if (clear(order)) result.order = order;
  return result;
}

/** How a name is written, for a message that sets it against the repository's convention. */
export function styleOf(name: string): string {
  const styles = EVENT_PRESETS.filter((p) => PRESET_SHAPES[p].test.test(name));
  if (styles.length > 1 && /^[a-z0-9]+$/.test(name)) return 'one lower-case word';
  if (styles.length > 0) return PRESET_SHAPES[styles[0] as EventPreset].label;
  if (/^[A-Za-z0-9]+( [A-Za-z0-9]+)+$/.test(name)) return 'words with spaces, not all capitalised';
  if (name.includes(' ')) return 'words with spaces and punctuation';
  return 'a mixture of styles';
}

/** The property convention nearly all (80 %) of at least five names follow, if any. */
export function prevailingPropertyConvention(names: readonly string[]): 'snake_case' | 'camelCase' | undefined {
  if (names.length < 5) return undefined;
  // One-word names (`url`, `duration`) fit both conventions: they decide nothing.
  const deciding = names.filter((n) => !/^[a-z][a-z0-9]*$/.test(n));
  if (deciding.length < 5) return undefined;
  for (const convention of ['snake_case', 'camelCase'] as const) {
    if (deciding.filter((n) => checkPropertyName(n, convention)).length >= deciding.length * 0.8) return convention;
  }
  return undefined;
}

/** A conforming name in a preset, for a fix that cannot suggest a rename of the name itself. */
export function exampleName(naming: EventNaming, order?: WordOrder): string {
  if (typeof naming === 'object') return 'report_exported';
  if (order === 'action-object' && (WORD_PRESETS.has(naming) || naming === 'title_case')) return render(['exported', 'report'], naming) ?? PRESET_SHAPES[naming].example;
  return PRESET_SHAPES[naming].example;
}

/**
 * System and lifecycle events, which report no user action and so need none: the name ends in one
 * of these (`telemetry_heartbeat`, `PING`, `page-view`, `SliceMachine Page View`, `client_error`).
 */
const SYSTEM_ENDINGS: readonly (readonly string[])[] = [
  ['heartbeat'], ['ping'], ['pageview'], ['page', 'view'], ['screenview'], ['screen', 'view'], ['session', 'start'], ['session', 'end'],
  ['app', 'open'], ['app', 'close'], ['app', 'install'], ['app', 'uninstall'], ['install'], ['uninstall'], ['error'], ['errors'],
  ['exception'], ['crash'], ['performance', 'timing'], ['timing'],
];
/** Endings that make a system event only as the whole name: `plugin_install` is something a user did. */
const WHOLE_NAME_ONLY = new Set(['install', 'uninstall']);

/** Whether a name is a system or lifecycle event, by the default list or the configured names and globs. */
export function isSystemEvent(name: string, configured: readonly string[] = []): boolean {
  const words = tokens(name);
  const byDefault = SYSTEM_ENDINGS.some((ending) => {
    if (WHOLE_NAME_ONLY.has(ending[0] ?? '') && ending.length === 1 && words.length !== 1) return false;
    return words.length >= ending.length && ending.every((w, i) => words[words.length - ending.length + i] === w);
  });
  return byDefault || (configured.length > 0 && systemMatcher(configured)(name));
}

const systemMatchers = new Map<string, (name: string) => boolean>();
function systemMatcher(patterns: readonly string[]): (name: string) => boolean {
  const key = patterns.join('\u0000');
  let match = systemMatchers.get(key);
  if (!match) {
    // A name without a wildcard is matched whole; case is not what makes an event a system one.
    match = picomatch([...patterns], { dot: true, nocase: true });
    systemMatchers.set(key, match);
  }
  return match;
}

/** The naming settings of a configuration, as the event-name rules read them. */
export interface EventNamingSettings {
  events: EventNaming;
  pastTense: boolean;
  prefixes: readonly string[];
  systemEvents: readonly string[];
  inferred?: NamingInference;
}

/** How a name is judged under the settings: the repository's own word order, whether it is a system event. */
export function eventNameOptions(settings: EventNamingSettings, name: string): EventNameOptions {
  const order = settings.inferred?.order?.order;
  return {
    pastTense: settings.pastTense,
    prefixes: settings.prefixes,
    ...(order ? { order, orderInferred: true } : {}),
    system: isSystemEvent(name, settings.systemEvents),
  };
}

const FORMS: Record<EventPreset, [string, string]> = {
  snake_case: ['snake_case object_action', 'snake_case action_object'],
  title_case: ['Title Case Object Action', 'Title Case Action Object'],
  'object.action': ['object.action', 'object.action'],
  'prefix.object.action': ['prefix.object.action', 'prefix.object.action'],
  'object:action': ['object:action', 'object:action'],
  camelCase: ['camelCase objectAction', 'camelCase actionObject'],
  PascalCase: ['PascalCase ObjectAction', 'PascalCase ActionObject'],
  'kebab-case': ['kebab-case object-action', 'kebab-case action-object'],
  SCREAMING_SNAKE: ['SCREAMING_SNAKE OBJECT_ACTION', 'SCREAMING_SNAKE ACTION_OBJECT'],
};

/**
 * What a message says about a name that is off the repository's inferred convention
 * (`signupClicked` is camelCase; the events are snake_case object_action, 41 of 44), or
 * `undefined` when the convention was configured or is the default.
 */
export function outlierData(name: string, settings: EventNamingSettings): Record<string, string> | undefined {
  const events = settings.inferred?.events;
  if (!events || typeof settings.events === 'object') return undefined;
  const order = settings.inferred?.order?.order === 'action-object' ? 1 : 0;
  return { style: styleOf(name), convention: FORMS[events.preset][order], fits: String(events.fits), total: String(events.total) };
}

/** What a message says about a name whose action is at the other end than the repository's order puts it. */
export function orderData(settings: EventNamingSettings): Record<string, string> {
  const order = settings.inferred?.order;
  const last = (order?.order ?? 'object-action') === 'object-action';
  return { at: last ? 'first' : 'last', expected: last ? 'last' : 'first', fits: String(order?.fits ?? 0), total: String(order?.total ?? 0) };
}

/** Where a message says the past-tense verb belongs. */
export function tenseData(settings: EventNamingSettings): Record<string, string> {
  return settings.inferred?.order?.order === 'action-object'
    ? { where: 'start with', noun: 'does not start with a past-tense verb' }
    : { where: 'end in', noun: 'ends in a noun' };
}
