import { acceptedText, type PlanChange, type Report } from '../engine/types.js';

/** The JSON contract of `trackguard review --format json` (documented in docs/cli.md; keep it stable). */
export interface JsonReport {
  version: 1;
  mode: Report['mode'];
  conclusion: Report['conclusion'];
  failOn: Report['failOn'];
  summary: Report['summary'];
  categories: Report['categories'];
  planDiff: { added: JsonPlanChange[]; removed: JsonPlanChange[]; changed: JsonPlanChange[] };
  findings: JsonFinding[];
  suppressed: Array<JsonFinding & { suppressedAt: { file: string; line: number }; reason: string }>;
  incomplete: Report['incomplete'];
  notes: string[];
  /** What the analysis recognised: counts, SDK imports and every recognised call site. */
  coverage: Report['coverage'];
  /** Plan events and where the code tracks them (audit mode, or a change that touches the plan). */
  implementation: Array<{ event: string; status: string; locations: Array<{ file: string; line: number }> }> | null;
}

export interface JsonFinding {
  ruleId: string;
  category: string;
  severity: string;
  message: string;
  fix: string;
  file: string;
  line: number;
  column: number;
  endLine: number | null;
  event: string | null;
  property: string | null;
  fingerprint: string;
}

export interface JsonPlanChange {
  kind: string;
  event: string;
  property: string | null;
  breaking: boolean;
  accepted: string | null;
  detail: string;
  renamedTo: string | null;
  file: string;
  line: number;
}

export function toJson(report: Report): JsonReport {
  const finding = (f: Report['findings'][number]): JsonFinding => ({
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    fix: f.fix,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine ?? null,
    event: f.event ?? null,
    property: f.property ?? null,
    fingerprint: f.fingerprint,
  });
  const change = (c: PlanChange): JsonPlanChange => ({
    kind: c.kind,
    event: c.event,
    property: c.property ?? null,
    breaking: c.breaking,
    accepted: c.accepted ? acceptedText(c.accepted) : null,
    detail: c.detail,
    renamedTo: c.renamedTo ?? null,
    file: c.location.file,
    line: c.location.line,
  });
  return {
    version: 1,
    mode: report.mode,
    conclusion: report.conclusion,
    failOn: report.failOn,
    summary: report.summary,
    categories: report.categories,
    planDiff: { added: report.planDiff.added.map(change), removed: report.planDiff.removed.map(change), changed: report.planDiff.changed.map(change) },
    findings: report.findings.map(finding),
    suppressed: report.suppressed.map((s) => ({ ...finding(s.finding), suppressedAt: { file: s.file, line: s.line }, reason: s.reason })),
    incomplete: report.incomplete,
    notes: report.notes,
    coverage: report.coverage,
    implementation: report.implementation
      ? report.implementation.map((row) => ({ event: row.event, status: row.status, locations: row.locations.map((l) => ({ file: l.file, line: l.line })) }))
      : null,
  };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(toJson(report), null, 2)}\n`;
}
