import type { EventNaming, PropertyNaming } from '../engine/config.js';
import { compileUserPattern } from '../engine/config.js';
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

export type EventNameProblem =
  | { kind: 'shape'; expected: string; suggestion?: string }
  | { kind: 'prefix'; suggestion: string }
  | { kind: 'single-word' }
  /** `suggestion`: absent when the name ends in a noun, where any past tense would be an invented word. */
  | { kind: 'tense'; suggestion?: string }
  | { kind: 'unknown-prefix'; prefixes: string }
  | { kind: 'pattern'; pattern: string };

const PRESET_SHAPES: Record<Exclude<EventNaming, { pattern: string }>, { test: RegExp; expected: string }> = {
  snake_case: { test: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, expected: 'snake_case object_action, e.g. report_exported' },
  'object.action': { test: /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, expected: 'object.action, e.g. project.created' },
  'prefix.object.action': {
    test: /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){2,4}$/,
    expected: 'prefix.object.action, e.g. svc.surveys.survey_delivered',
  },
  title_case: { test: /^[A-Z][A-Za-z0-9]*( [A-Z0-9][A-Za-z0-9]*)+$/, expected: 'Title Case "Object Actioned", e.g. Report Exported' },
};

/** Checks an event name against the configured convention; `undefined` when it conforms. */
export function checkEventName(
  name: string,
  naming: EventNaming,
  options: { pastTense: boolean; prefixes: readonly string[] },
): EventNameProblem | undefined {
  if (typeof naming === 'object') {
    return compileUserPattern(naming.pattern).matches(name) ? undefined : { kind: 'pattern', pattern: naming.pattern };
  }
  const shape = PRESET_SHAPES[naming];
  if (!shape.test.test(name)) return { kind: 'shape', expected: shape.expected, suggestion: suggestName(name, naming, options) };
  if (naming === 'snake_case' && /^events?_/.test(name)) return { kind: 'prefix', suggestion: name.replace(/^events?_/, '') };
  if (naming === 'prefix.object.action' && options.prefixes.length > 0 && !options.prefixes.includes(name.split('.')[0] ?? '')) {
    return { kind: 'unknown-prefix', prefixes: options.prefixes.join(', ') };
  }
  const action = actionWords(name, naming);
  if (naming === 'snake_case' && action.length < 2) return { kind: 'single-word' };
  if (options.pastTense && action.length > 0 && !endsInPastTense(action)) {
    const suggestion = suggestName(name, naming, options);
    return suggestion && suggestion !== name ? { kind: 'tense', suggestion } : { kind: 'tense' };
  }
  return undefined;
}

/** The words that carry the action: the whole name in snake_case, the last segment in dotted presets. */
function actionWords(name: string, naming: Exclude<EventNaming, { pattern: string }>): readonly string[] {
  if (naming === 'snake_case' || naming === 'title_case') return tokens(name);
  const segments = name.split('.');
  if (segments.length > 2 && OUTCOME_SUFFIXES.has(segments[segments.length - 1] ?? '')) segments.pop();
  return tokens(segments[segments.length - 1] ?? '');
}

/** The name rewritten in the convention with a past-tense action, when one can be guessed. */
export function suggestName(name: string, naming: EventNaming, options: { pastTense: boolean }): string | undefined {
  if (typeof naming === 'object') return undefined;
  const words = tokens(name).filter((w, i) => !(i === 0 && (w === 'event' || w === 'events')));
  if (words.length === 0) return undefined;
  if (options.pastTense && !endsInPastTense(words)) {
    const last = words.pop() ?? '';
    if (!suggestable(last)) return undefined;
    words.push(...pastTenseOf(last).split('_'));
  }
  switch (naming) {
    case 'snake_case':
      return words.join('_');
    case 'title_case':
      return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
    case 'object.action':
      return words.length >= 2 ? `${words.slice(0, -1).join('_')}.${words[words.length - 1]}` : undefined;
    case 'prefix.object.action': {
      const segments = name.split('.');
      if (segments.length < 3) return undefined;
      const last = [...tokens(segments.pop() ?? '')];
      if (options.pastTense && !endsInPastTense(last)) {
        const verb = last.pop() ?? '';
        if (!suggestable(verb)) return undefined;
        last.push(...pastTenseOf(verb).split('_'));
      }
      return [...segments.map(toSnakeCase), last.join('_')].join('.');
    }
  }
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

/**
 * The preset nearly every name follows (four in five, of at least five names), ignoring tense:
 * a plan's own convention, taken when none is configured, so a Segment plan in Title Case is not
 * reported event by event against snake_case.
 */
export function prevailingConvention(names: readonly string[]): Exclude<EventNaming, { pattern: string }> | undefined {
  if (names.length < 5) return undefined;
  const presets = Object.keys(PRESET_SHAPES) as Array<Exclude<EventNaming, { pattern: string }>>;
  let best: { preset: Exclude<EventNaming, { pattern: string }>; count: number } | undefined;
  for (const preset of presets) {
    const count = names.filter((n) => PRESET_SHAPES[preset].test.test(n)).length;
    if (!best || count > best.count) best = { preset, count };
  }
  return best && best.count >= names.length * 0.8 ? best.preset : undefined;
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
export function exampleName(naming: EventNaming): string {
  if (typeof naming === 'object') return 'report_exported';
  return { snake_case: 'report_exported', 'object.action': 'report.exported', 'prefix.object.action': 'app.report.exported', title_case: 'Report Exported' }[naming];
}
