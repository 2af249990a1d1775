import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../../src/engine/config.js';

const ids = ['pii/plan-property-name', 'schema/missing-description'];

describe('loadConfig', () => {
  it('applies every documented key', () => {
    const { config, problems } = loadConfig(
      '.github/trackguard.yml',
      [
        'plan: [plans/web.yaml, plans/server/]',
        'paths: ["src/**"]',
        'ignore: ["src/generated/**"]',
        'tests: ["**/*.it.ts"]',
        'fail_on: P2',
        'comment: findings',
        'naming: { events: object.action, past_tense: false, prefixes: [svc], properties: camelCase, system_events: [cli_ping, "*_health_check"] }',
        'rules: { schema/missing-description: off, pii/plan-property-name: P1 }',
        'pii: { allow: [organization_name], words: [Diagnosis] }',
        'limits: { max_file_bytes: 1000, max_files: 10, max_findings: 5, max_alias_count: 0 }',
      ].join('\n'),
      ids,
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      plan: [{ path: 'plans/web.yaml' }, { path: 'plans/server/' }],
      paths: ['src/**'],
      tests: ['**/*.it.ts'],
      failOn: 'P2',
      comment: 'findings',
      naming: { events: 'object.action', pastTense: false, prefixes: ['svc'], properties: 'camelCase', systemEvents: ['cli_ping', '*_health_check'] },
      rules: { 'schema/missing-description': 'off', 'pii/plan-property-name': 'P1' },
      pii: { allow: ['organization_name'], words: ['diagnosis'] },
      limits: { maxFileBytes: 1000, maxFiles: 10, maxFindings: 5, maxAliasCount: 0 },
    });
    expect(config.ignore).toContain('src/generated/**');
    expect(config.ignore).toContain('**/node_modules/**');
  });

  it('uses the defaults for an empty file', () => {
    expect(loadConfig('c.yml', '', ids)).toEqual({ config: defaultConfig(), problems: [] });
  });

  it('falls back to the defaults, with problems, when the config is invalid', () => {
    const { config, problems } = loadConfig('c.yml', 'fail_on: sometimes\n', ids);
    expect(config.failOn).toBe('P1');
    expect(problems).toEqual([expect.objectContaining({ file: 'c.yml', line: 1, column: 10 })]);
  });

  it('keeps the rest of the file when one value is wrong, and reports unknown rules in the same pass', () => {
    const { config, problems } = loadConfig(
      'c.yml',
      ['fail_on: p1', 'comment: findings', 'rules:', '  schema/missing-descriptio: off', '  pii/plan-property-name: P0', 'naming:', '  past_tense: maybe', '  events: title_case', 'fail_onn: P2'].join('\n'),
      ids,
    );
    expect(config.failOn).toBe('P1');
    expect(config.comment).toBe('findings');
    expect(config.rules).toEqual({ 'pii/plan-property-name': 'P0' });
    expect(config.naming).toMatchObject({ events: 'title_case', pastTense: true });
    expect(problems.map((p) => p.line).sort((a, b) => a - b)).toEqual([1, 4, 7, 9]);
    expect(problems.find((p) => p.line === 4)?.fix).toContain('Did you mean `schema/missing-description`?');
  });

  it('takes the new event presets and rejects a system_events that is not a list of names', () => {
    expect(loadConfig('c.yml', 'naming:\n  events: kebab-case\n', ids).config.naming).toMatchObject({ events: 'kebab-case', eventsConfigured: true });
    const { config, problems } = loadConfig('c.yml', 'naming:\n  system_events: cli_ping\n', ids);
    expect(config.naming.systemEvents).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it('suggests the nearest key for a typo', () => {
    const { problems } = loadConfig('c.yml', 'fail_onn: P1\n', ids);
    expect(problems[0]?.fix).toContain('Did you mean `fail_on`?');
  });

  it('rejects a ReDoS-shaped pattern that RE2 cannot run, and keeps the default', () => {
    const { config, problems } = loadConfig('c.yml', 'naming:\n  properties:\n    pattern: "(?=x)"\n', ids);
    expect(config.naming.properties).toBe('snake_case');
    expect(problems[0]?.message).toContain('does not compile');
  });
});
