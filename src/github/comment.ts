import type { GitHub, Identity, RepoRef } from './types.js';
import { truncate } from './check-run.js';

/** Hidden marker of the one comment trackguard keeps per pull request. */
export const MARKER = '<!-- trackguard:sticky-comment -->';
const MAX_COMMENT = 65_536;

interface CommentLike {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
  performed_via_github_app?: { id?: number } | null;
}

/**
 * Our comment: it carries the marker *and* was written by us. Anyone can paste the marker into a
 * comment of their own; that comment is never edited.
 */
export function isOwnComment(comment: CommentLike, identity: Identity): boolean {
  if (!comment.body?.includes(MARKER)) return false;
  if (identity.appId !== undefined && comment.performed_via_github_app?.id === identity.appId) return true;
  return comment.user?.type === 'Bot' && comment.user.login === identity.login;
}

export async function findOwnComment(octokit: GitHub, repo: RepoRef, number: number, identity: Identity): Promise<CommentLike | undefined> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
  return (comments as CommentLike[]).find((c) => isOwnComment(c, identity));
}

export type CommentMode = 'always' | 'findings' | 'never';

/**
 * Creates or updates the sticky comment. Unchanged text is not rewritten; with `findings`, a
 * comment is only started when there is something to say, but an existing one is always brought up
 * to date (so it never keeps stale findings).
 */
export async function upsertComment(
  octokit: GitHub,
  repo: RepoRef,
  number: number,
  identity: Identity,
  markdown: string,
  options: { mode: CommentMode; hasFindings: boolean; existing?: CommentLike | null },
): Promise<'created' | 'updated' | 'unchanged' | 'skipped'> {
  if (options.mode === 'never') return 'skipped';
  const body = truncate(`${MARKER}\n${markdown}`, MAX_COMMENT);
  const existing = options.existing === undefined ? await findOwnComment(octokit, repo, number, identity) : (options.existing ?? undefined);
  if (existing) {
    if (existing.body === body) return 'unchanged';
    await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
    return 'updated';
  }
  if (options.mode === 'findings' && !options.hasFindings) return 'skipped';
  await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
  return 'created';
}
