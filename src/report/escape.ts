/**
 * Everything named in a report comes from the reviewed repository and may be hostile: it must not
 * break the layout, inject markdown, HTML or links, close our hidden markers, or ping people.
 */

const MAX_NAME = 120;

function flatten(value: string): string {
  // Newlines and control characters would end a list item or table row.
  // eslint-disable-next-line no-control-regex
  const flat = value
    .replace(/\r\n|\r|\n/g, ' ⏎ ')
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
    // Hidden markers (ours included) stay inert even as raw text in the comment body.
    .replace(/<!--/g, '<!-\u200b-')
    .replace(/-->/g, '-\u200b->');
  return flat.length > MAX_NAME ? `${flat.slice(0, MAX_NAME)}…` : flat;
}

/** A code span that holds any text: the fence is longer than any backtick run inside it. */
export function mdCode(value: string, inTable = false): string {
  let text = flatten(value);
  if (inTable) text = text.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') || text.endsWith(' ') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Plain text with every markdown/HTML-significant character neutralised and mentions defused. */
export function mdText(value: string): string {
  return flatten(value)
    .replace(/[\\`*_{}[\]()#+\-.!|<>~:"'=]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/@/g, '@\u200b');
}
