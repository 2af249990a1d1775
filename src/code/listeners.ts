import type { Analyzer } from './analyzer.js';
import type { TrackCall } from './model.js';
import type { FunctionLike, ts } from './program.js';
import type { CallSite } from './syntax.js';

/**
 * What a rule can listen to during the one extraction walk, ESLint-style: the walk calls each
 * rule's listener where it already is, and the rule keeps the facts it needs as plain data (the
 * syntax trees are dropped file by file, so a fact must not hold a node). The rule reads its facts
 * back as `ctx.facts` when it runs.
 */
export interface CodeListener<F> {
  /** Every tracking call the walk recognises, with its syntax. */
  onCall?(visit: CallVisit, record: (fact: F) => void): void;
  /** The end of each analysed file: its tracking helpers and their tracking-only try statements. */
  onFileEnd?(visit: FileVisit, record: (fact: F) => void): void;
}

export interface CallVisit {
  readonly call: TrackCall;
  readonly node: CallSite;
  readonly analyzer: Analyzer;
}

export interface FileVisit {
  readonly file: string;
  readonly analyzer: Analyzer;
  /** Top-level functions of the file that hold a tracking call: the file's tracking helpers. */
  readonly helpers: readonly FunctionLike[];
  /** Try statements whose block only tracks: their catch belongs to the tracking. */
  readonly trackingTries: readonly ts.TryStatement[];
}

/** A rule's listener, under the rule's id: where the walk files the facts it records. */
export interface RuleListener {
  readonly id: string;
  readonly listener: CodeListener<unknown>;
  /** Whether the rule reviews calls through a customer's own client (an integration); by default only product analytics. */
  readonly integrations?: boolean;
}
