import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/review.js';
import { MemorySnapshot } from '../../src/engine/snapshot.js';
import { mdProse, mdText } from '../../src/report/escape.js';
import { renderMarkdown } from '../../src/report/markdown.js';

describe('notes and reasons in the markdown comment', () => {
  it('are never cut mid-sentence at a name length', async () => {
    const report = await review({ head: new MemorySnapshot({ 'src/a.ts': "window.analytics.track('report_exported');\n" }), config: null });
    const md = renderMarkdown(report);
    const note = md.split('\n').find((l) => l.startsWith('> ') && l.includes('No tracking plan found'));
    expect(note).toBeDefined();
    expect(note).not.toContain('…');
    expect(note).toContain('plan rules did not run');
    expect(md).toContain('1 code file analysed');
  });

  it('cuts a repository name that is too long at a word, and prose only far later', () => {
    const long = `${'word '.repeat(40)}end`;
    expect(mdText(long).endsWith('…')).toBe(true);
    expect(mdText(long)).not.toContain('wor…');
    expect(mdProse(long)).toContain('end');
  });
});
