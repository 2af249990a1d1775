import { createHash } from 'node:crypto';

/**
 * Stable across unrelated edits: built from what the finding is about, never from its line, so a
 * finding keeps its identity when code above it moves and base and head findings can be matched.
 */
export function fingerprint(parts: { ruleId: string; file: string; event?: string; property?: string; messageId: string; key?: string }): string {
  return createHash('sha256')
    .update([parts.ruleId, parts.file, parts.event ?? '', parts.property ?? '', parts.messageId, parts.key ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 20);
}
