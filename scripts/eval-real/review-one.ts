/**
 * Reviews one checked-out tree in audit mode and prints the JSON report with the time and peak
 * memory of this process: run as a child so that each repository's peak RSS is its own.
 */
import { allRules } from '../../rules/index.js';
import { DirectorySnapshot } from '../../src/local/directory.js';
import { review } from '../../src/engine/review.js';
import { toJson } from '../../src/report/json.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: review-one DIR\n');
  process.exit(2);
}
const started = performance.now();
const report = await review({ head: new DirectorySnapshot(dir), mode: 'all', rules: allRules });
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, report: toJson(report) }));
