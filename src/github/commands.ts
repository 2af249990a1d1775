import type { GitHub, RepoRef } from './types.js';

export type Command = 'review' | 'help';

/** `/trackguard review` (or `recheck`) and `/trackguard help`, at the start of a line of the comment. */
export function parseCommand(body: string): Command | undefined {
  for (const line of body.split(/\r?\n/)) {
    const match = /^\s*\/trackguard(?:\s+(\w+))?\s*$/i.exec(line);
    if (!match) continue;
    const word = (match[1] ?? 'help').toLowerCase();
    if (word === 'review' || word === 'recheck') return 'review';
    if (word === 'help') return 'help';
  }
  return undefined;
}

export const HELP_TEXT = [
  'trackguard reviews the tracking plan and the analytics instrumentation in this pull request.',
  '',
  '| Command | What it does |',
  '|---|---|',
  '| `/trackguard review` (or `/trackguard recheck`) | Review the pull request again and update the check and the comment. |',
  '| `/trackguard help` | Show this help. |',
  '',
  'Commands are accepted from the pull request author and from people with write access.',
].join('\n');

/** The PR author and anyone with write access may command the bot; bots never can (no loops). */
export async function mayCommand(
  octokit: GitHub,
  repo: RepoRef,
  commenter: { login: string; type?: string },
  prAuthor: string,
): Promise<boolean> {
  if (commenter.type === 'Bot' || commenter.login.endsWith('[bot]')) return false;
  if (commenter.login === prAuthor) return true;
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: commenter.login });
    return data.permission === 'admin' || data.permission === 'write' || data.permission === 'maintain';
  } catch {
    return false;
  }
}
