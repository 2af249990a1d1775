import { coverageSentence } from './coverage.js';
import type { Rule } from '../engine/rule.js';
import type { Finding, Report, Severity } from '../engine/types.js';

const LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { P0: 'error', P1: 'error', P2: 'warning', P3: 'note' };
const DOCS = 'https://github.com/trackguard/trackguard/blob/main/docs/rules';

export interface SarifOptions {
  rules: readonly Rule[];
  version: string;
}

/** SARIF 2.1.0, for code-scanning uploads and editors. */
export function renderSarif(report: Report, options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.id, index]));
  const result = (finding: Finding, suppression?: { reason: string }) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: LEVELS[finding.severity],
    message: { text: finding.fix ? `${finding.message} Fix: ${finding.fix}` : finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            ...(finding.endLine !== undefined && finding.endLine >= finding.line ? { endLine: finding.endLine } : {}),
          },
        },
      },
    ],
    partialFingerprints: { 'trackguard/v1': finding.fingerprint },
    properties: {
      severity: finding.severity,
      category: finding.category,
      ...(finding.event !== undefined ? { event: finding.event } : {}),
      ...(finding.property !== undefined ? { property: finding.property } : {}),
    },
    ...(suppression ? { suppressions: [{ kind: 'inSource', justification: suppression.reason || 'trackguard-ignore comment' }] } : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trackguard',
            version: options.version,
            informationUri: 'https://github.com/trackguard/trackguard',
            rules: options.rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              help: { text: helpText(rule), markdown: helpText(rule) },
              helpUri: `${DOCS}/${rule.id}.md`,
              defaultConfiguration: { level: LEVELS[rule.severity] },
              properties: { category: rule.category, severity: rule.severity, tags: ['analytics', rule.category] },
            })),
          },
        },
        results: [...report.findings.map((f) => result(f)), ...report.suppressed.map((s) => result(s.finding, { reason: s.reason }))],
        properties: {
          coverage: { calls: report.coverage.calls, files: report.coverage.files, viaWrappers: report.coverage.viaWrappers, inferred: report.coverage.inferred, analysedFiles: report.coverage.analysedFiles },
        },
        invocations: [
          {
            executionSuccessful: report.incomplete.length === 0,
            toolExecutionNotifications: [
              ...report.incomplete.map((item) => ({ level: 'warning', message: { text: item.reason } })),
              ...[coverageSentence(report), ...report.notes].map((text) => ({ level: 'note', message: { text } })),
            ],
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function helpText(rule: Rule): string {
  const fix = typeof rule.fix === 'string' ? rule.fix : Object.values<string>(rule.fix).join(' ');
  return `${rule.description}\n\nHow to fix: ${fix.replace(/\{\{\s*\w+\s*\}\}/g, '…')}`;
}
