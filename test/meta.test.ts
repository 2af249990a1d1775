import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { CATEGORIES, SEVERITIES } from '../src/engine/types.js';

function ruleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return ruleFiles(full);
    return full.endsWith('.ts') && entry !== 'index.ts' ? [full] : [];
  });
}

describe('the rule catalogue', () => {
  const files = ruleFiles('rules').map((f) => f.replace(/^rules\//, '').replace(/\.ts$/, '')).sort();

  it('registers exactly the rule files, and each id is its file path', () => {
    expect(allRules.map((r) => r.id).sort()).toEqual(files);
  });

  it('has unique ids, a known category matching the folder, and a severity', () => {
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length);
    for (const rule of allRules) {
      expect(CATEGORIES).toContain(rule.category);
      expect(rule.id.split('/')[0]).toBe(rule.category);
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(20);
    }
  });

  it('gives every message a fix', () => {
    for (const rule of allRules) {
      for (const messageId of Object.keys(rule.messages)) {
        const fix = typeof rule.fix === 'string' ? rule.fix : rule.fix[messageId];
        expect(fix, `${rule.id} ${messageId}`).toBeTruthy();
      }
    }
  });

  it('documents every rule under docs/rules/, and nothing else', () => {
    const docs = listDocs('docs/rules');
    expect(docs).toEqual(files);
    for (const rule of allRules) {
      const doc = readFileSync(join('docs/rules', `${rule.id}.md`), 'utf8');
      expect(doc.startsWith(`# ${rule.id}\n`), rule.id).toBe(true);
      expect(doc).toContain(`**Severity** ${rule.severity}`);
    }
  });

  it('has a test file for every rule', () => {
    for (const rule of allRules) expect(existsSync(join('test/rules', `${rule.id}.test.ts`)), rule.id).toBe(true);
  });
});

function listDocs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.replace(/\.md$/, ''))
    .sort();
}
