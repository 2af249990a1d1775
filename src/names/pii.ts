import { findSequence, tokens } from './tokens.js';

/** What kind of personal data (or secret) a name stands for. */
export type PiiKind =
  | 'an email address'
  | 'a phone number'
  | "a person's name"
  | 'a postal address'
  | 'an IP address'
  | 'a date of birth'
  | 'a government id'
  | 'a secret or credential'
  | 'payment card or bank details'
  | 'free text about a person'
  | 'personal data (configured word)'
  | 'personal data (declared in the plan)';

/** People who have names; `<noun>_name` is a person's name, `project_name` is not. */
const PERSON_NOUNS = [
  'user', 'customer', 'contact', 'employee', 'person', 'owner', 'recipient', 'sender', 'author', 'member',
  'patient', 'guest', 'attendee', 'candidate', 'applicant', 'student', 'teacher', 'buyer', 'driver', 'rider',
  'parent', 'child', 'holder', 'cardholder', 'manager', 'invitee', 'inviter', 'assignee', 'reviewer', 'subscriber',
];

const LEXICON: ReadonlyArray<readonly [PiiKind, ReadonlyArray<readonly string[]>]> = [
  ['an email address', [['email'], ['e', 'mail'], ['emailaddress'], ['mail', 'address'], ['emails']]],
  ['an IP address', [['ip'], ['ipaddress'], ['ipv', '4'], ['ipv', '6'], ['ipv4'], ['ipv6'], ['remote', 'addr']]],
  ['a phone number', [['phone'], ['phonenumber'], ['telephone'], ['mobile', 'number'], ['mobile', 'phone'], ['cell', 'phone'], ['msisdn'], ['fax', 'number']]],
  [
    "a person's name",
    [
      ['first', 'name'], ['firstname'], ['last', 'name'], ['lastname'], ['full', 'name'], ['fullname'], ['given', 'name'],
      ['family', 'name'], ['middle', 'name'], ['maiden', 'name'], ['legal', 'name'], ['surname'], ['display', 'name'],
      ['displayname'], ['nickname'], ['username'], ...PERSON_NOUNS.map((noun) => [noun, 'name']),
    ],
  ],
  ['a date of birth', [['dob'], ['date', 'of', 'birth'], ['birth', 'date'], ['birthdate'], ['birthday'], ['birth', 'day']]],
  [
    'a government id',
    [['ssn'], ['social', 'security'], ['passport'], ['national', 'id'], ['tax', 'id'], ['driver', 'license'], ['drivers', 'license'],
      ['driver', 'licence'], ['driving', 'licence'], ['nino'], ['aadhaar'], ['cpf']],
  ],
  [
    'a secret or credential',
    [['password'], ['passwd'], ['pwd'], ['passphrase'], ['secret'], ['token'], ['api', 'key'], ['apikey'], ['private', 'key'],
      ['secret', 'key'], ['access', 'key'], ['credential'], ['credentials'], ['authorization'], ['cookie'], ['otp'], ['pin', 'code'],
      ['cvv'], ['cvc']],
  ],
  [
    'payment card or bank details',
    [['card', 'number'], ['cardnumber'], ['credit', 'card'], ['creditcard'], ['cc', 'number'], ['iban'], ['account', 'number'],
      ['routing', 'number'], ['bank', 'account']],
  ],
  [
    'a postal address',
    [['address'], ['street'], ['postal', 'code'], ['postcode'], ['zip'], ['zipcode'], ['zip', 'code']],
  ],
  ['free text about a person', [['note'], ['notes'], ['bio'], ['biography'], ['about', 'me'], ['memo']]],
];

/** Addresses that are not where a person lives. */
const NOT_POSTAL = [['zip', 'file'], ['zip', 'archive'], ['zip', 'files'], ['mac', 'address'], ['wallet', 'address'], ['contract', 'address'], ['server', 'address'], ['bind', 'address'], ['listen', 'address'], ['web', 'address'], ['url']];

/** Tokens that turn a personal word into a fact about it: `email_count`, `phone_verified`, `card_type`. */
const MODIFIERS = new Set([
  'count', 'counts', 'length', 'len', 'size', 'total', 'num', 'type', 'types', 'brand', 'kind', 'provider', 'status', 'verified',
  'verification', 'consent', 'consented', 'enabled', 'domain', 'format', 'present', 'exists', 'provided', 'valid', 'validated',
  'changed', 'updated', 'required', 'strength', 'score', 'policy', 'source', 'channel', 'method', 'expired', 'expires', 'expiry',
  'version', 'field', 'fields', 'step', 'error', 'errors', 'reset', 'opt', 'optin', 'optout', 'bounced', 'sent', 'subscribed',
]);

/** Words after `ip` that name a coarse place, derived from the address. */
const IP_DESCRIPTORS = new Set(['country', 'city', 'region', 'continent', 'geo', 'location', 'timezone', 'asn', 'isp', 'org', 'version']);

/** Words after a credential's name that describe it without holding it. */
const CREDENTIAL_DESCRIPTORS = new Set(['name', 'names', 'label', 'title', 'description', 'id', 'ids', 'scope', 'scopes', 'prefix', 'last4', 'suffix']);

/**
 * A key that says whose name it holds, and it is no person's (`entityFieldName`, `project_name`):
 * a value read from `displayName` there names a thing.
 */
export function namesAThing(key: string): boolean {
  const parts = tokens(key);
  if (parts.length < 2 || parts[parts.length - 1] !== 'name') return false;
  const owner = parts[parts.length - 2] ?? '';
  return !PERSON_NOUNS.includes(owner) && !['first', 'last', 'full', 'given', 'family', 'middle', 'maiden', 'legal', 'display', 'nick', 'user', 'real', 'contact'].includes(owner);
}

const HASH_TOKENS = new Set(['hash', 'hashed', 'sha', 'sha256', 'sha1', 'sha512', 'md5', 'digest', 'hmac']);

export interface PiiMatch {
  kind: PiiKind;
  /** The name says the value is hashed (`email_sha256`): a note, not a leak. */
  hashed: boolean;
}

export interface PiiOptions {
  /** Declared JSON types of the value, when known. */
  types?: readonly string[];
  /** Extra single-word tokens that mean personal data (config `pii.words`). */
  words?: readonly string[];
  /**
   * The name is a value being read (`form.emailField`), not a property being declared: words such
   * as `field` or `input` then describe where the personal data sits rather than a fact about it.
   */
  reading?: boolean;
}

/** Words that name the holder of a value, not a fact about it, when code reads them. */
const HOLDER_WORDS = new Set(['field', 'fields', 'input', 'value', 'text', 'raw']);

/** Answers by name and options: plans and code repeat the same names over and over. */
const nameCache = new Map<string, PiiMatch | null>();
const readCache = new Map<string, PiiMatch | null>();

function memoised(cache: Map<string, PiiMatch | null>, subject: string, options: PiiOptions, classify: () => PiiMatch | undefined): PiiMatch | undefined {
  const key = `${subject}\u0000${joined(options.types)}\u0000${joined(options.words)}\u0000${options.reading ? 1 : 0}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const result = classify();
  if (cache.size > 50_000) cache.clear();
  cache.set(key, result ?? null);
  return result;
}

/** Lists of types and words, joined once per list: the same few lists come with every question. */
const joinedLists = new WeakMap<readonly string[], string>();

function joined(list: readonly string[] | undefined): string {
  if (!list || list.length === 0) return '';
  let text = joinedLists.get(list);
  if (text === undefined) {
    text = list.join(',');
    joinedLists.set(list, text);
  }
  return text;
}

/** Whether a property or trait name carries personal data or a secret. */
export function piiInName(name: string, options: PiiOptions = {}): PiiMatch | undefined {
  return memoised(nameCache, name, options, () => classifyName(name, options));
}

function classifyName(name: string, options: PiiOptions): PiiMatch | undefined {
  const parts = tokens(name);
  if (parts.length === 0) return undefined;
  const types = options.types ?? [];
  if (types.length > 0 && types.every((t) => t === 'boolean' || t === 'null')) return undefined;
  const numeric = types.length > 0 && types.every((t) => t === 'integer' || t === 'number' || t === 'null');
  const hashed = parts.some((t) => HASH_TOKENS.has(t));

  for (const word of options.words ?? []) {
    if (parts.includes(word)) return { kind: 'personal data (configured word)', hashed };
  }
  for (const [kind, sequences] of LEXICON) {
    for (const sequence of sequences) {
      const at = findSequence(parts, sequence);
      if (at < 0) continue;
      const rest = [...parts.slice(0, at), ...parts.slice(at + sequence.length)];
      if (rest.some((t) => MODIFIERS.has(t) && !(options.reading && HOLDER_WORDS.has(t)))) continue;
      // `ip_country`, `ip_city`: where an address is, not the address.
      if (kind === 'an IP address' && rest.some((t) => IP_DESCRIPTORS.has(t))) continue;
      // `tokenName`, `api_key_label`: what a credential is called, not the credential.
      if (kind === 'a secret or credential' && rest.some((t) => CREDENTIAL_DESCRIPTORS.has(t))) continue;
      // A numeric `token` is a count of LLM tokens, not a credential.
      if (sequence.length === 1 && sequence[0] === 'token' && numeric) continue;
      // `cookie_banner_shown` is about a banner; only a bare or session/auth cookie is a credential.
      if (sequence[0] === 'cookie' && parts.length > 1 && !parts.some((t) => t === 'session' || t === 'auth' || t === 'value')) continue;
      if (kind === 'a postal address' && NOT_POSTAL.some((seq) => findSequence(parts, seq) >= 0)) continue;
      return { kind, hashed };
    }
  }
  return undefined;
}

/** String methods that keep the value what it was (`email.toLowerCase()` is still an email). */
const PRESERVING = new Set(['toLowerCase', 'toUpperCase', 'trim', 'trimStart', 'trimEnd', 'toString', 'normalize', 'valueOf', 'toLocaleLowerCase']);

/**
 * Whether code that reads `chain` (`account.email`, `form.emailField`, `user.name`) reads personal
 * data. The last member is checked, and with its owner for `<person>.name`.
 */
export function piiInRead(chain: string, options: PiiOptions = {}): PiiMatch | undefined {
  return memoised(readCache, chain, options, () => classifyRead(chain, options));
}

function classifyRead(chain: string, options: PiiOptions): PiiMatch | undefined {
  const segments = chain.split('.').filter((s) => s !== 'this');
  while (segments.length > 1 && PRESERVING.has(segments[segments.length - 1] ?? '')) segments.pop();
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  const own = piiInName(last, { ...options, reading: true });
  if (own) return own;
  const owner = segments[segments.length - 2];
  return owner ? piiInName(`${owner}_${last}`, { ...options, reading: true }) : undefined;
}

/** Reads that pass a whole person or request along (`user`, `req.body`, `ctx.state.user`). */
const WHOLE_OBJECTS = new Set([
  'user', 'customer', 'account', 'profile', 'person', 'member', 'employee', 'contact', 'patient', 'student', 'candidate',
  'currentuser', 'viewer', 'me', 'req', 'request', 'body', 'session', 'headers', 'cookies', 'formdata', 'form',
]);

export function isWholeObjectRead(chain: string): boolean {
  const last = chain.split('.').pop() ?? '';
  return WHOLE_OBJECTS.has(last.toLowerCase());
}

/**
 * Values that carry a raw URL, where tokens and emails travel. The command line and request
 * bodies and queries are `pii/raw-input`'s (`isRawInputRead`).
 */
const RAW_SOURCE = new RegExp(
  [
    /(window\.|document\.)?location\.(href|search|hash)/,
    /document\.(URL|referrer|documentURI)/,
    /(req|request|ctx\.request)\.(url|originalUrl|href)/,
  ]
    .map((pattern) => `(?:${pattern.source})`)
    .join('|')
    .replace(/^/, '^(?:')
    .concat(')$'),
);

export function isRawUrlRead(chain: string): boolean {
  return RAW_SOURCE.test(chain);
}

/** Reads `pii/raw-input` reports (the command line, a whole request body or query), so no other rule repeats it. */
export function isRawInputRead(chain: string): boolean {
  return /^(process\.argv|(req|request|ctx\.request)\.(body|query))$/.test(chain);
}

/** A call that hashes its input (`sha256(email)`, `hashEmail`, `crypto.createHash`). */
export function isHashCall(callee: string): boolean {
  const last = callee.split('.').pop() ?? '';
  return tokens(last).some((t) => HASH_TOKENS.has(t)) || /createHash|createHmac/.test(callee);
}
