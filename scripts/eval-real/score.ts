import type { JsonReport } from '../../src/report/json.js';

/** One line of fixtures/real-world/LABELS.jsonl. */
export interface Label {
  repo: string;
  commit: string;
  file?: string;
  lines?: [number, number];
  /** A rule id, `site` for a tracking call site, or `meta` for the repository's summary line. */
  rule: string;
  label: 'flag' | 'negative' | 'meta';
  note?: string;
  /** On the meta line: path prefixes whose sites were all counted (`""`: the whole repository). */
  counted?: string[];
  shape?: string;
  /**
   * On the meta line: the `.github/trackguard.yml` the repository's owner would write, when the
   * labels assume a convention of the repository (its naming preset) rather than the defaults.
   */
  config?: string;
}

export interface RepoScore {
  repo: string;
  sites: number;
  sitesRecognised: number;
  negativeSites: number;
  negativeSitesRecognised: number;
  flags: number;
  truePositives: number;
  /** Findings that landed on a place labelled negative for their rule. */
  falsePositiveCount: number;
  /** Findings with no label either way (neither confirmed nor refuted). */
  unjudged: number;
  recall: number | undefined;
  precision: number | undefined;
  missedSites: string[];
  /** Places labelled as no tracking call that the review took for one. */
  wrongSites: string[];
  missedFlags: string[];
  falsePositives: string[];
  unjudgedFindings: string[];
  /** The same figures per rule id. */
  byRule: Map<string, RuleScore>;
}

export interface RuleScore {
  flags: number;
  found: number;
  negatives: number;
  falsePositives: number;
  confirmed: number;
  unjudged: number;
}

/** Adds one repository's per-rule figures into a running total. */
export function addRuleScores(total: Map<string, RuleScore>, add: ReadonlyMap<string, RuleScore>): void {
  for (const [rule, s] of add) {
    const t = total.get(rule) ?? { flags: 0, found: 0, negatives: 0, falsePositives: 0, confirmed: 0, unjudged: 0 };
    t.flags += s.flags;
    t.found += s.found;
    t.negatives += s.negatives;
    t.falsePositives += s.falsePositives;
    t.confirmed += s.confirmed;
    t.unjudged += s.unjudged;
    total.set(rule, t);
  }
}

const within = (line: number, label: Label) => label.lines !== undefined && line >= label.lines[0] && line <= label.lines[1];
const overlaps = (from: number, to: number, label: Label) => label.lines !== undefined && from <= label.lines[1] && to >= label.lines[0];
const where = (label: Label) => `${label.file}:${label.lines?.[0]}${label.lines && label.lines[1] !== label.lines[0] ? `-${label.lines[1]}` : ''} ${label.rule}${label.note ? ` (${label.note})` : ''}`;

/** Scores one repository's report against its labels; only paths under the counted prefixes are judged. */
export function score(repo: string, labels: readonly Label[], report: JsonReport): RepoScore {
  const meta = labels.find((l) => l.label === 'meta');
  const counted = meta?.counted?.length ? meta.counted : [''];
  const inScope = (file: string) => counted.some((prefix) => file.startsWith(prefix));
  const located = labels.filter((l) => l.label !== 'meta' && l.file !== undefined && l.lines !== undefined && inScope(l.file));
  const siteFlags = located.filter((l) => l.rule === 'site' && l.label === 'flag');
  const siteNegatives = located.filter((l) => l.rule === 'site' && l.label === 'negative');
  const sites = report.coverage.sites.filter((s) => inScope(s.file));
  const recognised = (l: Label) => sites.some((s) => s.file === l.file && overlaps(s.line, s.endLine, l));
  const missedSites = siteFlags.filter((l) => !recognised(l)).map(where);

  const ruleFlags = located.filter((l) => l.rule !== 'site' && l.label === 'flag');
  const ruleNegatives = located.filter((l) => l.rule !== 'site' && l.label === 'negative');
  const findings = report.findings.filter((f) => inScope(f.file));
  const matches = (f: JsonReport['findings'][number], l: Label) => f.ruleId === l.rule && f.file === l.file && within(f.line, l);
  const found = ruleFlags.filter((l) => findings.some((f) => matches(f, l)));
  let confirmed = 0;
  const falsePositives: string[] = [];
  const unjudgedFindings: string[] = [];
  const byRule = new Map<string, RuleScore>();
  const of = (rule: string) => {
    let s = byRule.get(rule);
    if (!s) byRule.set(rule, (s = { flags: 0, found: 0, negatives: 0, falsePositives: 0, confirmed: 0, unjudged: 0 }));
    return s;
  };
  for (const l of ruleFlags) {
    of(l.rule).flags++;
    if (found.includes(l)) of(l.rule).found++;
  }
  for (const l of ruleNegatives) of(l.rule).negatives++;
  for (const f of findings) {
    if (ruleFlags.some((l) => matches(f, l))) {
      confirmed++;
      of(f.ruleId).confirmed++;
    } else if (ruleNegatives.some((l) => matches(f, l))) {
      falsePositives.push(`${f.file}:${f.line} ${f.ruleId}: ${f.message}`);
      of(f.ruleId).falsePositives++;
    } else {
      unjudgedFindings.push(`${f.file}:${f.line} ${f.ruleId}: ${f.message}`);
      of(f.ruleId).unjudged++;
    }
  }
  return {
    repo,
    sites: siteFlags.length,
    sitesRecognised: siteFlags.length - missedSites.length,
    negativeSites: siteNegatives.length,
    negativeSitesRecognised: siteNegatives.filter(recognised).length,
    flags: ruleFlags.length,
    truePositives: found.length,
    falsePositiveCount: falsePositives.length,
    unjudged: unjudgedFindings.length,
    recall: ruleFlags.length ? found.length / ruleFlags.length : undefined,
    precision: confirmed + falsePositives.length ? confirmed / (confirmed + falsePositives.length) : undefined,
    missedSites,
    wrongSites: siteNegatives.filter(recognised).map(where),
    missedFlags: ruleFlags.filter((l) => !found.includes(l)).map(where),
    falsePositives,
    unjudgedFindings,
    byRule,
  };
}
