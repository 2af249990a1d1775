/**
 * Everything named in a report comes from the reviewed repository and may be hostile: it must not
 * break the layout, inject markdown, HTML or links, close our hidden markers, or ping people.
 */

const MAX_NAME = 120;

/** Sentences of the report's own (notes, reasons) hold repository names but are ours: kept whole up to this. */
const MAX_PROSE = 2_000;

function flatten(value: string, max = MAX_NAME): string {
  // Newlines and control characters would end a list item or table row.
  // eslint-disable-next-line no-control-regex
  const flat = value
    .replace(/\r\n|\r|\n/g, ' ⏎ ')
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
    // Hidden markers (ours included) stay inert even as raw text in the comment body.
    .replace(/<!--/g, '<!-\u200b-')
    .replace(/-->/g, '-\u200b->');
  if (flat.length <= max) return flat;
  // Cut at a word, never inside one.
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
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

/** A note or reason of the report (which may quote repository names): escaped as `mdText`, but not cut at a name's length. */
export function mdProse(value: string): string {
  return neutralise(flatten(value, MAX_PROSE));
}

/** Plain text with every markdown/HTML-significant character neutralised and mentions defused. */
export function mdText(value: string): string {
  return neutralise(flatten(value));
}

function neutralise(flat: string): string {
  return flat
    .replace(/[\\`*_{}[\]()#+\-.!|<>~:"'=]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/@/g, '@\u200b');
}
