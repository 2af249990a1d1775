/**
 * Deterministic generator of realistic repositories and pull requests for the benchmark: a plan
 * with hundreds of events, an analytics module (constants, wrappers, a server client), feature
 * files in the styles the rules know (React components, server handlers, helpers), and plain
 * business code without analytics. The same seed always gives the same text.
 */

export interface GeneratedRepo {
  files: Map<string, string>;
  events: string[];
}

export interface GeneratedPullRequest {
  head: Map<string, string>;
  changed: string[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OBJECTS = ['report', 'dashboard', 'invoice', 'project', 'task', 'comment', 'file', 'team', 'member', 'workspace', 'order', 'cart', 'search', 'export', 'alert', 'integration', 'webhook', 'plan', 'coupon', 'survey'];
const ACTIONS = ['created', 'updated', 'deleted', 'viewed', 'shared', 'exported', 'archived', 'restored', 'renamed', 'duplicated', 'opened', 'closed', 'approved', 'rejected', 'completed'];
const DOMAINS = ['reports', 'billing', 'projects', 'settings', 'search', 'onboarding', 'admin', 'integrations', 'teams', 'checkout'];
const PROPS = ['source', 'item_count', 'duration_ms', 'is_filtered', 'plan_tier', 'format', 'position', 'variant'];

const pascal = (name: string) => name.split('_').map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');

export function generateRepo(fileCount: number, eventCount: number, seed = 42): GeneratedRepo {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const events: string[] = [];
  for (let i = 0; events.length < eventCount; i++) {
    const name = `${OBJECTS[i % OBJECTS.length]}_${ACTIONS[Math.floor(i / OBJECTS.length) % ACTIONS.length]}${i >= OBJECTS.length * ACTIONS.length ? `_v${Math.floor(i / (OBJECTS.length * ACTIONS.length)) + 1}` : ''}`;
    events.push(name);
  }
  const files = new Map<string, string>();
  const plan = ['version: 1', 'common_properties:', '  app_version: { type: string, description: Release that sent the event. }', 'events:'];
  for (const event of events) {
    plan.push(`  ${event}:`, `    description: ${event.replace(/_/g, ' ')} happened.`, '    owner: product', '    trigger: When it happens.', '    properties:');
    plan.push(`      ${event.split('_')[0]}_id: { type: string, format: uuid, required: true, description: The object. }`);
    for (const prop of PROPS.slice(0, 3 + (event.length % 4))) plan.push(`      ${prop}: { ${propType(prop)}, description: ${prop.replace(/_/g, ' ')}. }`);
  }
  files.set('tracking-plan.yaml', `${plan.join('\n')}\n`);
  files.set(
    'src/analytics/events.ts',
    `export const AnalyticsEvent = {\n${events.map((e) => `  ${pascal(e)}: '${e}',`).join('\n')}\n} as const;\n\nexport type AnalyticsEventName = (typeof AnalyticsEvent)[keyof typeof AnalyticsEvent];\n`,
  );
  files.set('src/analytics/client.ts', "import { AnalyticsBrowser } from '@segment/analytics-next';\n\nexport const analytics = AnalyticsBrowser.load({ writeKey: import.meta.env.VITE_SEGMENT_KEY });\n");
  files.set(
    'src/analytics/track.ts',
    "import { analytics } from './client';\nimport type { AnalyticsEventName } from './events';\n\nexport function trackEvent(event: AnalyticsEventName, properties: Record<string, unknown> = {}): void {\n  analytics.track(event, { ...properties, app_version: import.meta.env.VITE_VERSION }).catch(() => undefined);\n}\n",
  );
  files.set(
    'src/analytics/server.ts',
    "import { PostHog } from 'posthog-node';\n\nconst client = new PostHog(process.env.POSTHOG_KEY ?? '');\n\nexport function trackServer(userId: string, event: string, properties: Record<string, unknown>): void {\n  client.capture({ distinctId: userId, event, properties });\n}\n",
  );
  files.set('src/analytics/index.ts', "export * from './events';\nexport * from './track';\nexport * from './server';\n");
  let n = 0;
  while (files.size < fileCount) {
    const domain = DOMAINS[n % DOMAINS.length] as string;
    const kind = random();
    const path = kind < 0.35 ? `src/features/${domain}/Panel${n}.tsx` : kind < 0.6 ? `src/server/${domain}/handler${n}.ts` : `src/lib/${domain}/util${n}.ts`;
    files.set(path, kind < 0.35 ? component(n, pick, events) : kind < 0.6 ? handler(n, pick, events) : utility(n, random));
    n++;
  }
  return { files, events };
}

function propType(prop: string): string {
  if (prop.startsWith('is_')) return 'type: boolean';
  if (prop.endsWith('_count') || prop.endsWith('_ms') || prop === 'position') return 'type: integer, minimum: 0';
  return 'type: string';
}

function component(n: number, pick: <T>(l: readonly T[]) => T, events: readonly string[]): string {
  const a = pick(events);
  const b = pick(events);
  return `import { useState } from 'react';
import { AnalyticsEvent, trackEvent } from '../../analytics';
import { api } from '../../lib/api';

interface Props {
  id: string;
  items: Array<{ id: string; label: string }>;
  onDone?: () => void;
}

export function Panel${n}({ id, items, onDone }: Props) {
  const [filter, setFilter] = useState('');
  const visible = items.filter((item) => item.label.toLowerCase().includes(filter.toLowerCase()));

  async function handleSave() {
    await api.save${n}(id, visible.map((item) => item.id));
    trackEvent(AnalyticsEvent.${pascal(a)}, { ${a.split('_')[0]}_id: id, item_count: visible.length, is_filtered: filter !== '' });
    onDone?.();
  }

  return (
    <section>
      <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter" />
      <ul>
        {visible.map((item) => (
          <li key={item.id} onClick={() => trackEvent(AnalyticsEvent.${pascal(b)}, { ${b.split('_')[0]}_id: item.id, position: 1, source: 'panel' })}>
            {item.label}
          </li>
        ))}
      </ul>
      <button onClick={handleSave}>Save</button>
    </section>
  );
}
`;
}

function handler(n: number, pick: <T>(l: readonly T[]) => T, events: readonly string[]): string {
  const a = pick(events);
  return `import type { Request, Response } from 'express';
import { trackServer } from '../../analytics/server';
import { db } from '../../lib/db';

export async function handle${n}(req: Request, res: Response): Promise<void> {
  const record = await db.records.findById(req.params.id);
  if (!record) {
    res.status(404).json({ error: 'not found' });
    return;
  }
  const updated = await db.records.update(record.id, { status: req.body.status, updatedAt: new Date() });
  trackServer(req.user.id, '${a}', { ${a.split('_')[0]}_id: updated.id, source: 'api', duration_ms: Date.now() - req.startedAt });
  res.json(updated);
}

export async function list${n}(req: Request, res: Response): Promise<void> {
  const page = Number(req.query.page ?? 1);
  const rows = await db.records.list({ page, pageSize: 50, owner: req.user.id });
  res.json({ page, rows });
}
`;
}

function utility(n: number, random: () => number): string {
  const factor = Math.floor(random() * 90) + 10;
  return `export interface Range${n} {
  start: number;
  end: number;
}

export function clamp${n}(value: number, range: Range${n}): number {
  return Math.min(range.end, Math.max(range.start, value));
}

export function scale${n}(values: readonly number[]): number[] {
  const max = Math.max(...values, 1);
  return values.map((v) => Math.round((v / max) * ${factor}));
}

export function formatDuration${n}(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? \`\${minutes}m \${seconds % 60}s\` : \`\${seconds}s\`;
}
`;
}

/** A code-only pull request: most changed files edited (a call added or changed), some added. */
export function generatePullRequest(repo: GeneratedRepo, changedCount: number, seed = 7): GeneratedPullRequest {
  const random = rng(seed);
  const head = new Map(repo.files);
  const candidates = [...repo.files.keys()].filter((f) => f.startsWith('src/features/') || f.startsWith('src/server/') || f.startsWith('src/lib/'));
  const changed: string[] = [];
  const edits = Math.min(candidates.length, Math.round(changedCount * 0.7));
  for (let i = 0; i < edits; i++) {
    const file = candidates[Math.floor((i * candidates.length) / Math.max(edits, 1))] as string;
    if (changed.includes(file)) continue;
    const text = head.get(file) ?? '';
    const edited = file.endsWith('.tsx')
      ? text.replace("source: 'panel'", `source: 'panel-${Math.floor(random() * 100)}'`)
      : text.replace("source: 'api'", `source: 'api-v${Math.floor(random() * 3) + 2}'`);
    head.set(file, edited === text ? `${text}\nexport const revision${i} = ${Math.floor(random() * 1000)};\n` : edited);
    changed.push(file);
  }
  let i = 0;
  while (changed.length < changedCount) {
    const file = `src/features/new/Added${i}.tsx`;
    head.set(file, component(100_000 + i, (l) => l[Math.floor(random() * l.length)] as never, repo.events));
    changed.push(file);
    i++;
  }
  return { head, changed };
}
