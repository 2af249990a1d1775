import { describe, expect, it } from 'vitest';
import { runLoad } from '../../scripts/load/run.js';

describe('load (short version of npm run load)', () => {
  it('answers every signed delivery fast, and ends with one comment and one completed check run each', async () => {
    const result = await runLoad({ deliveries: 60, concurrency: 10, pullRequests: 6, slowArchiveMs: 500 });
    expect(result.statuses).toEqual({ 200: 60 });
    expect(result.commentProblems).toEqual([]);
    expect(result.checkProblems).toEqual([]);
    expect(result.latencyMs.max).toBeLessThan(10_000);
  }, 180_000);
});
