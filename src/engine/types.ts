/** The data model shared by the engine, the rules and the reporters. */

export const SEVERITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  P0: 'CRITICAL',
  P1: 'HIGH',
  P2: 'MEDIUM',
  P3: 'LOW',
};

export const CATEGORIES = [
  'pii',
  'registration',
  'identity',
  'reliability',
  'schema',
  'compatibility',
  'naming',
  'tests',
  'plan',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Conclusion = 'success' | 'failure' | 'neutral';

/** A 1-based position in a file of the reviewed repository. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** A name from the repository, shown as code (renderers escape it for their medium). */
export interface Code {
  code: string;
}
export type MessageValue = string | number | Code;
/** Values substituted into a rule's message and fix templates (`{{name}}`). */
export type MessageData = Readonly<Record<string, MessageValue>>;

export function code(value: string): Code {
  return { code: value };
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Key into the rule's `messages`; stable, unlike the rendered text. */
  messageId: string;
  /** The template with placeholders, so renderers can escape substituted values for their medium. */
  messageTemplate: string;
  fixTemplate: string;
  data: MessageData;
  /** Plain rendered text (values substituted verbatim). */
  message: string;
  fix: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  event?: string;
  property?: string;
  fingerprint: string;
}

export interface SuppressedFinding {
  finding: Finding;
  /** Where the suppression comment stands, and the reason given after `--`. */
  file: string;
  line: number;
  reason: string;
}

export type PlanChangeKind =
  | 'event-added'
  | 'event-removed'
  | 'event-deprecated'
  | 'event-undeprecated'
  | 'property-added'
  | 'property-removed'
  | 'type-changed'
  | 'required-changed'
  | 'enum-values-removed'
  | 'enum-values-added'
  | 'format-changed'
  | 'constraint-changed'
  | 'unplanned-allowed';

export type AcceptedBecause =
  | { reason: 'deprecated' }
  | { reason: 'removed-after-deprecation' }
  | { reason: 'versioned-successor'; successor: string }
  | { reason: 'new-schema-version'; version: string };

export function acceptedText(accepted: AcceptedBecause, asCode: (name: string) => string = (n) => `\`${n}\``): string {
  switch (accepted.reason) {
    case 'deprecated':
      return 'the event is deprecated';
    case 'removed-after-deprecation':
      return 'it was deprecated before removal';
    case 'versioned-successor':
      return `a versioned successor ${asCode(accepted.successor)} exists`;
    case 'new-schema-version':
      return `published as a new schema version (${accepted.version})`;
  }
}

export interface PlanChange {
  kind: PlanChangeKind;
  event: string;
  property?: string;
  /** Whether consumers of the data (warehouse models, dashboards) can break. */
  breaking: boolean;
  /** For a breaking change made the safe way: why it is accepted. */
  accepted?: AcceptedBecause;
  /** Human summary, e.g. "string → integer". */
  detail: string;
  /** A removed event that looks renamed: the likely new name. */
  renamedTo?: string;
  /** Where to point in the head plan (for removals: the nearest surviving node). */
  location: SourceLocation;
}

export interface PlanDiff {
  added: PlanChange[];
  removed: PlanChange[];
  changed: PlanChange[];
}

export interface CategorySummary {
  category: Category;
  /** `NOT RUN`: the category had nothing to review (no plan, no recognised call) or its rules are off; `reason` says which. */
  status: 'PASS' | 'FAIL' | 'NOT RUN';
  count: number;
  reason?: string;
}

/** A piece of the review that did not run or did not finish, and why. */
export interface Incompleteness {
  reason: string;
  file?: string;
}

export type ReviewMode = 'diff' | 'all';

/** One plan event and where the code sends it (empty: not implemented). */
export interface ImplementationRow {
  event: string;
  status: 'active' | 'deprecated';
  locations: SourceLocation[];
}

/** What the code analysis saw: so a review that recognised nothing says so instead of passing quietly. */
export interface Coverage {
  /** Tracking call sites recognised at head (forwarding calls inside wrappers not counted). */
  calls: number;
  /** Files those calls are in. */
  files: number;
  /** Calls made through a team's own helper, hook, service or generated client. */
  viaWrappers: number;
  /** Calls whose helper was found by inferred resolution (an import no resolver could follow). */
  inferred: number;
  /** Code files analysed. */
  analysedFiles: number;
  /** Where analytics SDKs are imported (import, require, dynamic import) in the analysed files. */
  sdkImports: Array<{ file: string; line: number; module: string }>;
  /** Every recognised call site, in file order. */
  sites: Array<{ file: string; line: number; endLine: number; sdk: string; kind: string; method: string; event?: string; via: string[]; inferred?: boolean }>;
}

export interface Report {
  version: 1;
  mode: ReviewMode;
  conclusion: Conclusion;
  failOn: Severity | 'never';
  summary: Record<Severity, number>;
  categories: CategorySummary[];
  planDiff: PlanDiff;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  incomplete: Incompleteness[];
  /** Facts about the review worth a line (e.g. no plan found, so plan rules did not run). */
  notes: string[];
  /** Plan files read at head, relative to the repository root. */
  planFiles: string[];
  /** Findings present at head that already existed at base (not reported in diff mode). */
  preexisting: number;
  /** Plan events and their call sites: in audit mode, and in a change that touches the plan. */
  implementation?: ImplementationRow[];
  /** What the analysis recognised at head. */
  coverage: Coverage;
  /** Where the time went, in milliseconds (both sides together). */
  timings?: { planMs: number; codeMs: number; rulesMs: number; totalMs: number };
}
