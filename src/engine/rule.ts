import type { PlanDiff, Category, MessageData, ReviewMode, Severity, SourceLocation } from './types.js';
import type { Config } from './config.js';
import type { Snapshot } from './snapshot.js';
import type { SourceProblem } from './source.js';
import type { TrackingPlan } from '../plan/model.js';
import type { CodeIndex } from '../code/model.js';
import type { CodeListener } from '../code/listeners.js';

export interface FindingDescriptor<M extends string = string> {
  messageId: M;
  data?: MessageData;
  location: Pick<SourceLocation, 'file' | 'line' | 'column'> & Partial<SourceLocation>;
  event?: string;
  property?: string;
  /** Distinguishes findings that share rule, file, event, property and message (kept out of line numbers). */
  key?: string;
}

export interface RuleContext<M extends string = string, F = unknown> {
  readonly mode: ReviewMode;
  /** The plan being reviewed (head), if the repository has one. */
  readonly plan: TrackingPlan | undefined;
  /** The plan at base, in diff mode. */
  readonly basePlan: TrackingPlan | undefined;
  /** Base → head plan changes, in diff mode. */
  readonly diff: PlanDiff | undefined;
  readonly snapshot: Snapshot;
  /** Head files to analyse (after `paths` and `ignore`), plan files excluded. */
  readonly files: readonly string[];
  readonly config: Config;
  readonly planProblems: readonly SourceProblem[];
  readonly configProblems: readonly SourceProblem[];
  /**
   * The suppression comments of the files the review looked at, once every other rule has run and
   * the comments were applied (empty before that): for the rule that reviews the comments.
   */
  readonly suppressions: readonly SuppressionComment[];
  /** Tracking calls, helpers and event constants found in the code. */
  readonly code: CodeIndex;
  /** What the rule's own `listen` recorded during the code walk. */
  readonly facts: readonly F[];
  /** `all`: every file was analysed; `changed`: only the files this change touches. */
  readonly codeScope: 'all' | 'changed';
  /** True for an event this change adds (every event in audit mode). */
  isNewEvent(name: string): boolean;
  isTestFile(path: string): boolean;
  report(descriptor: FindingDescriptor<M>): void;
}

/** A `trackguard-ignore-…` comment, as the review found and used it. */
export interface SuppressionComment {
  file: string;
  line: number;
  scope: 'line' | 'next-line' | 'file';
  /** Rule ids and categories it names (empty: every rule). */
  ruleIds: string[];
  /** Names in `ruleIds` that are neither a rule id nor a category, with the nearest known one. */
  unknownIds: Array<{ id: string; suggestion?: string }>;
  /** It silenced at least one finding of this review. */
  used: boolean;
}

export interface Rule<M extends string = string, F = unknown> {
  /** `category/name`, the same as the file's path under rules/. */
  readonly id: string;
  readonly category: Category;
  readonly severity: Severity;
  /** Messages whose severity differs from the rule's (e.g. a P3 note from a P0 rule). */
  readonly messageSeverity?: Partial<Record<M, Severity>>;
  readonly description: string;
  /**
   * The rule reads the plan and nothing else: in a change that leaves the plan untouched it cannot
   * find anything new, so the engine does not run it.
   */
  readonly planOnly?: boolean;
  /** The rule reviews the suppression comments: it runs once the others have, and its findings cannot be silenced. */
  readonly afterSuppressions?: boolean;
  readonly messages: Readonly<Record<M, string>>;
  /** How to fix: one text, or one per message. */
  readonly fix: string | Readonly<Record<M, string>>;
  /**
   * What the rule needs from the syntax beyond the recognised calls: called where the one code walk
   * already is, it records plain facts that come back as `ctx.facts`.
   */
  readonly listen?: CodeListener<F>;
  check(context: RuleContext<M, F>): void | Promise<void>;
}

export function defineRule<M extends string, F = unknown>(rule: Rule<M, F>): Rule<M, F> {
  return rule;
}

export interface TemplateRenderer {
  /** A name from the repository, shown as code. */
  code(value: string): string;
  /** Any other text from the repository. */
  text(value: string): string;
  /** The template's own words around the placeholders. */
  literal(value: string): string;
}

const PLAIN: TemplateRenderer = { code: (v) => `\`${v}\``, text: (v) => v, literal: (v) => v };

/**
 * Fills `{{name}}` placeholders. Backtick spans of the template are code: their placeholders are
 * filled verbatim and the whole span goes to `renderer.code`. Elsewhere a `Code` value is rendered as
 * code and any other value as text; the renderer makes each safe for its medium.
 */
export function fillTemplate(template: string, data: MessageData, renderer: TemplateRenderer = PLAIN): string {
  const raw = (key: string) => {
    const value = data[key] ?? '';
    return typeof value === 'object' ? value.code : String(value);
  };
  const out: string[] = [];
  let last = 0;
  for (const span of template.matchAll(/`([^`]*)`/g)) {
    out.push(fillText(template.slice(last, span.index), data, renderer));
    out.push(renderer.code((span[1] ?? '').replace(PLACEHOLDER, (_, key: string) => raw(key))));
    last = span.index + span[0].length;
  }
  out.push(fillText(template.slice(last), data, renderer));
  return out.join('');
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function fillText(text: string, data: MessageData, renderer: TemplateRenderer): string {
  const out: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    out.push(renderer.literal(text.slice(last, match.index)));
    const value = data[match[1] as string] ?? '';
    out.push(typeof value === 'object' ? renderer.code(value.code) : renderer.text(String(value)));
    last = match.index + match[0].length;
  }
  out.push(renderer.literal(text.slice(last)));
  return out.join('');
}
