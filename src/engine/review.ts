import { allRules } from '../../rules/index.js';
import { planFromTypes } from '../plan/typed.js';
import { buildCodeIndex } from '../code/index.js';
import { mayHoldRegistry } from '../code/registries.js';
import { eventOf, eventValues, siteCalls } from '../code/events.js';
import type { CodeIndex, TrackCall } from '../code/model.js';
import { diffPlans } from '../plan/diff.js';
import { loadPlan, type LoadedPlan } from '../plan/load.js';
import { resolvePlanSources } from '../plan/sources.js';
import { planProperties, type TrackingPlan } from '../plan/model.js';
import { CONFIG_PATH, defaultConfig, loadConfig, type Config } from './config.js';
import { INFERENCE_MIN_NAMES, inferConvention, presetLabel, prevailingPropertyConvention } from '../names/naming.js';
import { isSdkReservedName, SDK_EVENT_NAMES } from '../code/sdks.js';
import { fingerprint } from './fingerprint.js';
import { applySuppressions, isBlocking, parseSuppressions, severityRank } from './policy.js';
import { closest } from './source.js';
import { fillTemplate, type FindingDescriptor, type Rule, type RuleContext, type SuppressionComment } from './rule.js';
import { matcher, readAll, type Snapshot } from './snapshot.js';
import type { SourceProblem } from './source.js';
import {
  type Category,
  type CategorySummary,
  type Coverage,
  CATEGORIES,
  SEVERITIES,
  type Finding,
  type ImplementationRow,
  type Incompleteness,
  type SourceLocation,
  type PlanDiff,
  type Report,
  type ReviewMode,
  type Severity,
} from './types.js';

export interface ReviewInput {
  head: Snapshot;
  /** Present in diff mode: findings that already exist here are not reported. */
  base?: Snapshot;
  /** `all` reports every finding at head; `diff` (the default when `base` is given) only new ones. */
  mode?: ReviewMode;
  /**
   * The configuration text and where it came from. `undefined`: read `.github/trackguard.yml` from
   * head. `null`: no configuration (defaults). The app passes the default branch's copy.
   */
  config?: { file: string; text: string } | null;
  /** Overrides the plan locations of the config (the CLI's --plan). */
  planPaths?: string[];
  /** Overrides `fail_on` (the CLI's --fail-on). */
  failOn?: Severity | 'never';
  /** The rules to run; the full registry by default. */
  rules?: readonly Rule[];
  /**
   * Paths the change touches (added, modified, removed, renamed: both names), when the adapter
   * knows them (git diff, the PR's file list). Without it they are found by comparing contents.
   */
  changedFiles?: readonly string[];
  /** What the adapter already knows it could not review (e.g. GitHub listed only part of a PR). */
  incomplete?: readonly Incompleteness[];
}

export async function review(input: ReviewInput): Promise<Report> {
  const started = performance.now();
  const rules = input.rules ?? allRules;
  const mode: ReviewMode = input.mode ?? (input.base ? 'diff' : 'all');
  const incomplete: Incompleteness[] = [...(input.incomplete ?? [])];
  const notes: string[] = [];

  const { config, problems: configProblems, source: configSource } = await readConfig(input, rules);
  if (input.planPaths?.length) config.plan = input.planPaths.map((path) => ({ path }));
  if (input.failOn) config.failOn = input.failOn;

  const headFiles = await input.head.list();
  const head = await loadSide(input.head, headFiles, config, incomplete);
  const base = mode === 'diff' && input.base ? await loadSide(input.base, await input.base.list(), config, []) : undefined;
  const planDone = performance.now();
  if (head.typedPlan && head.loaded.plan) {
    const plan = head.loaded.plan;
    notes.push(`No plan file: the tracking plan is read from ${plan.events.length} event type${plan.events.length === 1 ? '' : 's'} in ${plan.files.slice(0, 3).join(', ')}${plan.files.length > 3 ? ` and ${plan.files.length - 3} more` : ''}.`);
  } else if (!head.loaded.plan) {
    notes.push(
      config.plan
        ? `No tracking plan found at ${config.plan.map((p) => p.path).join(', ')}.`
        : 'No tracking plan found (looked for tracking-plan.yaml, .yml, .json, tracking-plan/, Segment plan.json, rudder-cli YAML, Iglu schemas and *.schema.json event folders); plan rules did not run.',
    );
  }
  const diff = mode === 'diff' && base ? diffPlans(base.loaded.plan, head.loaded.plan) : undefined;
  const propertyConvention =
    !config.naming.propertiesConfigured && head.loaded.plan ? prevailingPropertyConvention([...new Set(planProperties(head.loaded.plan).map((p) => p.property.name))]) : undefined;
  if (propertyConvention && propertyConvention !== config.naming.properties) {
    config.naming.properties = propertyConvention;
    notes.push(`Property names are checked against the plan's own convention (${propertyConvention}), as \`naming.properties\` is not configured.`);
  }

  // Code: in audit mode, or when the plan changes, every file (an event leaving the plan may still
  // be sent anywhere); otherwise only what the change touches. Both sides use the same scope.
  let scope: CodeScope = 'all';
  let changed: Set<string> | undefined;
  if (mode === 'diff' && base && input.base) {
    changed = new Set(input.changedFiles ?? (await changedPaths(input.base, input.head, base.files, head.files)));
    const planTouched = Boolean(diff && (diff.added.length || diff.removed.length || diff.changed.length)) ||
      [...head.planFiles, ...base.planFiles].some((f) => changed?.has(f));
    scope = planTouched ? 'all' : 'changed';
  }
  const codeOptions = {
    deadline: started + config.limits.maxReviewSeconds * 1000,
    isTestFile: matcher(config.tests),
    maxFileBytes: config.limits.maxFileBytes,
    wrappers: config.wrappers,
    listeners: rules.flatMap((r) => (r.listen && config.rules[r.id] !== 'off' ? [{ id: r.id, listener: r.listen, integrations: reviewsIntegrations(r) }] : [])),
    ...(config.registry ? { registry: { file: config.registry.module.replace(/^\.\//, ''), ...(config.registry.export ? { name: config.registry.export } : {}) } } : {}),
  };
  const inScope = (side: Side) => (scope === 'all' || !changed ? side.files : side.files.filter((f) => changed?.has(f)));
  head.code = await buildCodeIndex(input.head, inScope(head), head.allFiles, codeOptions);
  incomplete.push(...summariseSkipped(head.code.skipped));
  const coverage = coverageOf(head.code);
  const blind = nothingSeenNote(coverage);
  if (blind) notes.push(blind);
  const integration = integrationNote(head.code);
  if (integration) notes.push(integration);
  if (!config.naming.eventsConfigured) {
    const note = adoptOwnConvention(config, conventionNames(head.loaded.plan, head.code.calls));
    if (note) notes.push(note);
  }
  let codeDone = performance.now();
  if (!head.loaded.plan && !head.code.constants.length && head.code.calls.some((c) => !c.internal && c.kind === 'track')) {
    notes.push('Neither a tracking plan nor an event-constants module was found, so registration rules did not run.');
  }

  const planUnchanged = mode === 'diff' && base !== undefined && base.loaded === head.loaded && head.loaded.plan !== undefined;
  const headFindings = await runRules(rules.filter((r) => !r.afterSuppressions), {
    mode,
    snapshot: input.head,
    side: head,
    basePlan: base?.loaded.plan,
    diff,
    config,
    configProblems,
    scope,
    planUnchanged,
  });
  let reported = headFindings;
  let preexisting = 0;
  let baseCodeMs = 0;
  if (mode === 'diff' && base && input.base) {
    // The base is read only where it can matter: findings are matched by file, so base code is
    // analysed only in the files where the head has findings.
    const findingFiles = new Set(headFindings.map((f) => f.file));
    const baseStart = performance.now();
    base.code = await buildCodeIndex(input.base, inScope(base).filter((f) => findingFiles.has(f)), base.allFiles, codeOptions);
    baseCodeMs = performance.now() - baseStart;
    // A base finding cancels a head finding with the same fingerprint, which names the rule: rules
    // that found nothing at head have nothing to cancel, so only the others run on the base.
    const firing = new Set(headFindings.map((f) => f.ruleId));
    const baseFindings = await runRules(rules.filter((r) => firing.has(r.id) && !r.afterSuppressions), {
      mode,
      snapshot: input.base,
      side: base,
      basePlan: undefined,
      diff: undefined,
      config,
      // The configuration is one file for both sides: its problems are always the head's to report.
      configProblems: [],
      scope,
      planUnchanged,
    });
    reported = newOnly(headFindings, baseFindings);
    preexisting = headFindings.length - reported.length;
  }

  const rulesDone = performance.now();
  codeDone += baseCodeMs;
  const texts = await readAll(input.head, [...new Set(reported.map((f) => f.file))].filter((f) => f !== configSource?.file));
  if (configSource) texts.set(configSource.file, configSource.text);
  const { kept, suppressed, used: usedByReported } = applySuppressions(reported, texts);
  // The comments themselves: in audit mode every analysed file's, in a change only the changed
  // files' (where a comment can be new). Used-ness is judged against every head finding, since a
  // comment that silences a finding the base had too is still doing its job.
  const commentRules = rules.filter((r) => r.afterSuppressions && config.rules[r.id] !== 'off');
  if (commentRules.length) {
    const commentFiles = mode === 'all' || !changed ? [...head.code.files, ...head.planFiles] : head.files.filter((f) => changed?.has(f));
    const commentTexts = await readAll(input.head, [...new Set([...commentFiles, ...headFindings.map((f) => f.file)])].filter((f) => !texts.has(f)));
    for (const [file, text] of texts) commentTexts.set(file, text);
    // Without a base every head finding is reported: the comments were applied to them already.
    const used = reported === headFindings ? usedByReported : applySuppressions(headFindings, commentTexts).used;
    const known = [...new Set([...CATEGORIES, ...allRules.map((r) => r.id), ...rules.map((r) => r.id)])];
    const suppressions: SuppressionComment[] = [];
    for (const file of new Set(commentFiles)) {
      const text = commentTexts.get(file);
      if (!text?.includes('trackguard-ignore-')) continue;
      for (const s of parseSuppressions(text)) {
        const unknownIds = s.ruleIds.filter((id) => !known.includes(id)).map((id) => {
          const suggestion = closest(id, known);
          return suggestion ? { id, suggestion } : { id };
        });
        suppressions.push({ file, line: s.line, scope: s.scope, ruleIds: s.ruleIds, unknownIds, used: used.has(`${file}:${s.line}`) });
      }
    }
    const commentFindings = await runRules(commentRules, { mode, snapshot: input.head, side: head, basePlan: base?.loaded.plan, diff, config, configProblems, scope, planUnchanged, suppressions });
    kept.push(...commentFindings);
  }
  for (const finding of kept) render(finding);
  for (const { finding } of suppressed) render(finding);
  kept.sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  let findings = kept;
  if (findings.length > config.limits.maxFindings) {
    incomplete.push({
      reason: `${findings.length} findings; only the first ${config.limits.maxFindings} (most severe first) are reported (limits.max_findings).`,
    });
    findings = findings.slice(0, config.limits.maxFindings);
  }
  const implementation = head.loaded.plan && scope === 'all' && (mode === 'all' || diff) ? implementationStatus(head.loaded.plan, head.code.calls) : undefined;
  const notRun = (category: Category): string | undefined => {
    const active = rules.filter((r) => r.category === category && config.rules[r.id] !== 'off');
    if (active.length === 0) return 'its rules are switched off';
    const plan = head.loaded.plan !== undefined;
    const calls = coverage.calls > 0;
    switch (category) {
      case 'schema':
      case 'compatibility':
        return plan ? undefined : 'no tracking plan was found';
      case 'registration':
        return plan || head.code.constants.length > 0 ? undefined : 'neither a tracking plan nor an event registry was found';
      case 'identity':
      case 'reliability':
        return calls ? undefined : 'no tracking call was recognised';
      case 'pii':
      case 'naming':
      case 'tests':
        return plan || calls ? undefined : 'neither a tracking plan nor a tracking call was found';
      default:
        return undefined;
    }
  };
  const report = buildReport({ mode, config, findings, suppressed, incomplete, diff, head, preexisting, notes, implementation, coverage, notRun });
  // Tenths of a millisecond: small reviews take a few milliseconds, where whole ones would be coarse.
  const ms = (value: number) => Math.round(value * 10) / 10;
  report.timings = {
    planMs: ms(planDone - started),
    codeMs: ms(codeDone - planDone),
    rulesMs: ms(rulesDone - codeDone),
    totalMs: ms(performance.now() - started),
  };
  return report;
}

/**
 * The distinct event names the repository chose itself, written in the plan or in code (tests and
 * names an SDK defines or reserves left out): what its own naming convention is read from.
 */
function conventionNames(plan: TrackingPlan | undefined, calls: readonly TrackCall[]): Set<string> {
  const names = new Set<string>();
  for (const event of plan?.events ?? []) if (!isSdkReservedName(event.name)) names.add(event.name);
  for (const call of siteCalls(calls)) {
    if (call.kind !== 'track' || call.context.isTestFile) continue;
    // The name as the code writes it, when a wrapper maps it to another: the developers' convention.
    const written = call.event?.kind === 'literal' ? call.event.written : undefined;
    for (const name of written !== undefined ? [written] : eventValues(call)) if (!isSdkReservedName(name) && !SDK_EVENT_NAMES[call.sdk]?.includes(name)) names.add(name);
  }
  return names;
}

/**
 * With no `naming.events` configured, the naming rules judge names by the convention the
 * repository's own names already follow, when a clear majority does; the note says which, or why
 * none was taken.
 */
function adoptOwnConvention(config: Config, names: ReadonlySet<string>): string | undefined {
  if (names.size === 0) return undefined;
  const inferred = inferConvention(names);
  config.naming.inferred = { names: names.size };
  const order = inferred.order;
  if (order) config.naming.inferred.order = { order: order.value, fits: order.fits, total: order.total };
  const orderNote = order
    ? `, with the action ${order.value === 'object-action' ? 'last' : 'first'} (${order.fits} of the ${order.total} names whose order is clear)`
    : '';
  if (inferred.events) {
    const { value, fits, total } = inferred.events;
    config.naming.events = value;
    config.naming.inferred.events = { preset: value, fits, total };
    return `Event names are checked against this repository's own convention, ${presetLabel(value)} (${fits} of its ${total} event names)${orderNote}, as \`naming.events\` is not configured.`;
  }
  const best = inferred.best;
  const why = names.size < INFERENCE_MIN_NAMES ? `only ${names.size} event name${names.size === 1 ? '' : 's'}, too few to tell` : best ? `the most common, ${presetLabel(best.value)}, covers ${best.fits} of ${best.total}` : 'none follows a known convention';
  return `No event-name convention prevails in this repository (${why}); names are checked against the default, ${typeof config.naming.events === 'string' ? presetLabel(config.naming.events) : 'pattern'}${orderNote}.`;
}

async function readConfig(
  input: ReviewInput,
  rules: readonly Rule[],
): Promise<{ config: Config; problems: SourceProblem[]; source: { file: string; text: string } | undefined }> {
  let source = input.config;
  if (source === undefined) {
    const text = await input.head.read(CONFIG_PATH);
    source = text === undefined ? null : { file: CONFIG_PATH, text };
  }
  if (!source) return { config: defaultConfig(), problems: [], source: undefined };
  const known = [...new Set([...allRules, ...rules].map((r) => r.id))];
  const { config, problems } = loadConfig(source.file, source.text, known);
  return { config, problems, source };
}

interface Side {
  loaded: LoadedPlan;
  /** Files to analyse: `paths` minus `ignore`, plan files excluded. */
  files: string[];
  allFiles: readonly string[];
  planFiles: string[];
  code: CodeIndex;
  /** The plan is read from event types in code (no plan file). */
  typedPlan: boolean;
}

const EMPTY_CODE: CodeIndex = { calls: [], constants: [], facts: new Map(), files: [], skipped: [], sdkImports: [], packages: [''], typedEvents: [] };

/** What the code analysis recognised, for every report. */
export function coverageOf(code: CodeIndex): Coverage {
  // A flush or shutdown sends no event of its own: no call site.
  const sites = siteCalls(code.calls).filter((c) => c.kind !== 'track' || c.event !== undefined);
  return {
    calls: sites.length,
    files: new Set(sites.map((c) => c.file)).size,
    viaWrappers: sites.filter((c) => c.via.length > 0).length,
    inferred: sites.filter((c) => c.inferred).length,
    analysedFiles: code.files.length,
    sdkImports: code.sdkImports,
    sites: sites.map((c) => {
      const event = eventOf(c);
      return {
        file: c.file,
        line: c.location.line,
        endLine: c.location.endLine ?? c.location.line,
        sdk: c.sdk,
        kind: c.kind,
        method: c.method,
        ...(event !== undefined ? { event } : {}),
        via: c.via,
        ...(c.inferred ? { inferred: true } : {}),
      };
    }),
  };
}

/** Why calls through a customer's own client were reviewed for personal data only. */
function integrationNote(code: CodeIndex): string | undefined {
  const calls = siteCalls(code.calls).filter((c) => c.integration && (c.kind !== 'track' || c.event !== undefined));
  if (calls.length === 0) return undefined;
  const reasons = [...new Set(calls.map((c) => c.integration))];
  return `${calls.length} tracking call${calls.length === 1 ? '' : 's'} send${calls.length === 1 ? 's' : ''} to a customer's own account: ${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? ` (and ${reasons.length - 2} more clients)` : ''}. That is an integration exporting their data, not this product's analytics: those calls are reviewed for personal data and tests, not for naming, identity, registration or reliability.`;
}

/** The note that keeps a review that saw nothing from reading as a pass. */
function nothingSeenNote(coverage: Coverage): string | undefined {
  if (coverage.calls > 0 || coverage.sdkImports.length === 0) return undefined;
  const places = coverage.sdkImports.slice(0, 5).map((i) => `${i.file}:${i.line} (${i.module})`);
  const more = coverage.sdkImports.length > 5 ? ` and ${coverage.sdkImports.length - 5} more` : '';
  return `Analytics SDKs are imported at ${places.join(', ')}${more}, but no tracking call was recognised: the code rules had nothing to check. If your calls go through a helper trackguard cannot follow, declare it under \`wrappers:\` in .github/trackguard.yml.`;
}

async function loadSide(snapshot: Snapshot, allFiles: readonly string[], config: Config, incomplete: Incompleteness[]): Promise<Side> {
  const sources = await resolvePlanSources(snapshot, allFiles, config.plan);
  const planFiles = sources.flatMap((s) => s.files);
  let loaded = await loadPlan(snapshot, sources, {
    maxFileBytes: config.limits.maxFileBytes,
    maxAliasCount: config.limits.maxAliasCount,
  });
  // No plan file (and none configured): event types in analytics modules are the plan. Only the
  // few files that can declare them are read (see `code/registries.ts`), whatever the scope.
  let typedPlan = false;
  if (!loaded.plan && sources.length === 0 && !config.plan && allFiles.some(mayHoldRegistry)) {
    const found = await buildCodeIndex(snapshot, [], allFiles, { isTestFile: matcher(config.tests), maxFileBytes: config.limits.maxFileBytes, wrappers: config.wrappers });
    const plan = planFromTypes(found.typedEvents);
    if (plan) {
      loaded = { ...loaded, plan };
      typedPlan = true;
    }
  }
  for (const skip of loaded.skipped) incomplete.push({ file: skip.file, reason: `Plan file ${skip.file} was not reviewed: ${skip.reason}.` });
  const included = matcher(config.paths);
  const ignored = matcher(config.ignore);
  const planSet = new Set(planFiles);
  let files = allFiles.filter((f) => !planSet.has(f) && included(f) && !ignored(f));
  if (files.length > config.limits.maxFiles) {
    incomplete.push({ reason: `${files.length} files to analyse; only the first ${config.limits.maxFiles} were (limits.max_files).` });
    files = files.slice(0, config.limits.maxFiles);
  }
  return { loaded, files, allFiles, planFiles, code: EMPTY_CODE, typedPlan };
}

/** Skipped files as report lines: one per file, or one per reason when many share it. */
function summariseSkipped(skipped: CodeIndex['skipped']): Incompleteness[] {
  const byReason = new Map<string, string[]>();
  for (const skip of skipped) byReason.set(skip.reason, [...(byReason.get(skip.reason) ?? []), skip.file]);
  const out: Incompleteness[] = [];
  for (const [reason, files] of byReason) {
    if (files.length <= 5) for (const file of files) out.push({ file, reason: `${file} was not analysed: ${reason}.` });
    else out.push({ reason: `${files.length} files were not analysed (${reason}), among them ${files.slice(0, 3).join(', ')}.` });
  }
  return out;
}

/** Paths whose content differs between the two snapshots (for adapters that do not say). */
async function changedPaths(base: Snapshot, head: Snapshot, baseFiles: readonly string[], headFiles: readonly string[]): Promise<string[]> {
  const before = new Set(baseFiles);
  const after = new Set(headFiles);
  const out = [...baseFiles.filter((f) => !after.has(f)), ...headFiles.filter((f) => !before.has(f))];
  const common = headFiles.filter((f) => before.has(f));
  const [a, b] = await Promise.all([readAll(base, common), readAll(head, common)]);
  for (const file of common) if (a.get(file) !== b.get(file)) out.push(file);
  return out;
}

/** Where each plan event is tracked: the plan's instrumentation checklist. */
function implementationStatus(plan: TrackingPlan, calls: readonly TrackCall[]): ImplementationRow[] {
  const sites = new Map<string, SourceLocation[]>();
  for (const call of calls) {
    if (call.internal || call.kind !== 'track') continue;
    for (const name of eventValues(call)) {
      const list = sites.get(name) ?? [];
      list.push(call.location);
      sites.set(name, list);
    }
  }
  return plan.events.map((event) => ({ event: event.name, status: event.status, locations: sites.get(event.name) ?? [] }));
}

type CodeScope = 'all' | 'changed';

interface RunOptions {
  scope: CodeScope;
  /** Base and head read the very same plan: plan-only rules have nothing new to say. */
  planUnchanged?: boolean;
  mode: ReviewMode;
  snapshot: Snapshot;
  side: Side;
  basePlan: TrackingPlan | undefined;
  diff: PlanDiff | undefined;
  config: Config;
  configProblems: readonly SourceProblem[];
  /** For rules that run after the suppression comments were applied. */
  suppressions?: readonly SuppressionComment[];
}

/**
 * Rules that review calls through a customer's own client too: personal data is personal wherever
 * it goes, and an export the product ships deserves tests; naming, identity, registration and
 * reliability judge the product's own analytics, which an integration is not.
 */
function reviewsIntegrations(rule: Rule): boolean {
  return rule.category === 'pii' || rule.category === 'plan' || rule.category === 'tests';
}

/** The index without calls through a customer's own client (see `code/integrations.ts`). */
function withoutIntegrations(code: CodeIndex): CodeIndex {
  return code.calls.some((c) => c.integration) ? { ...code, calls: code.calls.filter((c) => !c.integration) } : code;
}

async function runRules(rules: readonly Rule[], options: RunOptions): Promise<Finding[]> {
  const { config, diff } = options;
  const added = diff ? new Set(diff.added.map((c) => c.event)) : undefined;
  const isTest = matcher(config.tests);
  const findings: Finding[] = [];
  const productCode = withoutIntegrations(options.side.code);
  for (const rule of rules) {
    const level = config.rules[rule.id];
    if (level === 'off') continue;
    if (rule.planOnly && options.planUnchanged) continue;
    const context: RuleContext = {
      mode: options.mode,
      plan: options.side.loaded.plan,
      basePlan: options.basePlan,
      diff,
      snapshot: options.snapshot,
      files: options.side.files,
      config,
      planProblems: options.side.loaded.problems,
      configProblems: options.configProblems,
      suppressions: options.suppressions ?? [],
      // A customer's own client (an integration) is reviewed for personal data and tests only.
      code: reviewsIntegrations(rule) ? options.side.code : productCode,
      facts: options.side.code.facts.get(rule.id) ?? [],
      codeScope: options.scope,
      // Audit: every event is new. Diff, head side: the events the change adds. Diff, base side:
      // none (nothing at base is new, and head findings about new events cannot match base ones).
      isNewEvent: (name) => (options.mode === 'all' ? true : added ? added.has(name) : false),
      isTestFile: isTest,
      report: (descriptor) => findings.push(toFinding(rule, descriptor, level)),
    };
    await rule.check(context);
  }
  return findings;
}

function toFinding(rule: Rule, d: FindingDescriptor, override: Severity | undefined): Finding {
  const data = d.data ?? {};
  const messageTemplate = rule.messages[d.messageId] ?? d.messageId;
  const fixTemplate = typeof rule.fix === 'string' ? rule.fix : (rule.fix[d.messageId] ?? '');
  const own = rule.messageSeverity?.[d.messageId];
  const finding: Finding = {
    ruleId: rule.id,
    category: rule.category,
    severity: own ?? override ?? rule.severity,
    messageId: d.messageId,
    messageTemplate,
    fixTemplate,
    data,
    // Rendered by `render` for the findings that are reported: most base findings never are.
    message: '',
    fix: '',
    file: d.location.file,
    line: d.location.line,
    column: d.location.column,
    fingerprint: fingerprint({ ruleId: rule.id, file: d.location.file, event: d.event, property: d.property, messageId: d.messageId, key: d.key }),
  };
  if (d.location.endLine !== undefined) finding.endLine = d.location.endLine;
  if (d.event !== undefined) finding.event = d.event;
  if (d.property !== undefined) finding.property = d.property;
  return finding;
}

function render(finding: Finding): void {
  finding.message = fillTemplate(finding.messageTemplate, finding.data);
  finding.fix = fillTemplate(finding.fixTemplate, finding.data);
}

/** Head findings minus base findings, matched by fingerprint as a multiset (two new copies of an old problem: one is new). */
export function newOnly(head: readonly Finding[], base: readonly Finding[]): Finding[] {
  const remaining = new Map<string, number>();
  for (const f of base) remaining.set(f.fingerprint, (remaining.get(f.fingerprint) ?? 0) + 1);
  return head.filter((f) => {
    const left = remaining.get(f.fingerprint) ?? 0;
    if (left === 0) return true;
    remaining.set(f.fingerprint, left - 1);
    return false;
  });
}

function buildReport(args: {
  mode: ReviewMode;
  config: Config;
  findings: Finding[];
  suppressed: Report['suppressed'];
  incomplete: Incompleteness[];
  diff: PlanDiff | undefined;
  head: Side;
  preexisting: number;
  notes: string[];
  implementation: ImplementationRow[] | undefined;
  coverage: Coverage;
  /** Why a category had nothing to review, if it had not. */
  notRun: (category: Category) => string | undefined;
}): Report {
  const { config, findings } = args;
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) summary[f.severity]++;
  const categories = CATEGORIES.map((category): CategorySummary => {
    const mine = findings.filter((f) => f.category === category);
    if (mine.some((f) => isBlocking(f.severity, config.failOn))) return { category, status: 'FAIL', count: mine.length };
    const why = mine.length ? undefined : args.notRun(category);
    return why ? { category, status: 'NOT RUN', count: 0, reason: why } : { category, status: 'PASS', count: mine.length };
  });
  const blocking = findings.some((f) => isBlocking(f.severity, config.failOn));
  return {
    version: 1,
    mode: args.mode,
    conclusion: blocking ? 'failure' : args.incomplete.length > 0 ? 'neutral' : 'success',
    failOn: config.failOn,
    summary,
    categories,
    planDiff: args.diff ?? { added: [], removed: [], changed: [] },
    findings,
    suppressed: args.suppressed,
    incomplete: args.incomplete,
    notes: args.notes,
    planFiles: args.head.loaded.plan?.files ?? [],
    preexisting: args.preexisting,
    ...(args.implementation ? { implementation: args.implementation } : {}),
    coverage: args.coverage,
  };
}
