/**
 * Splits an identifier into lower-case word tokens: `billing_email`, `userEmail`, `e-mail`,
 * `IPAddress`, `user.id` → [billing, email], [user, email], [e, mail], [ip, address], [user, id].
 * Rules match on tokens, never on substrings, so `has_email_consent` is about consent, and
 * `filename` is not a `name`.
 */
const tokenCache = new Map<string, string[]>();

export function tokens(identifier: string): readonly string[] {
  const cached = tokenCache.get(identifier);
  if (cached) return cached;
  const result = split(identifier);
  if (tokenCache.size > 50_000) tokenCache.clear();
  tokenCache.set(identifier, result);
  return result;
}

function split(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

/** The identifier with case and separators removed: `user_id`, `userId`, `UserID` → `userid`. */
export function concept(identifier: string): string {
  return identifier.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Index of the first occurrence of `needle` as consecutive tokens in `haystack`, or -1. */
export function findSequence(haystack: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
