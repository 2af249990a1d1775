import type { Report } from '../engine/types.js';

/** One sentence on what the analysis recognised, shown by every reporter. */
export function coverageSentence(report: Pick<Report, 'coverage' | 'mode'>): string {
  const c = report.coverage;
  const where = report.mode === 'diff' ? 'in the changed code' : 'in the repository';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const details = [`${c.viaWrappers} through helpers`, `${c.inferred} by inferred resolution`].join(', ');
  return `Recognised ${plural(c.calls, 'tracking call')} in ${plural(c.files, 'file')} ${where} (${details}); ${plural(c.analysedFiles, 'code file')} analysed.`;
}
