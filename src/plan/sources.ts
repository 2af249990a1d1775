import { posix } from 'node:path';
import { readAll, type Snapshot } from '../engine/snapshot.js';
import type { PlanFormat } from './model.js';
import { IGLU_PATH } from './formats/snowplow.js';

/** A configured plan: a file or folder, and optionally its format (detected otherwise). */
export interface PlanLocation {
  path: string;
  format?: PlanFormat;
}

export interface PlanSource {
  format: PlanFormat;
  files: string[];
  /** Where it was configured or found, for messages. */
  location: string;
}

export const DEFAULT_PLAN_PATHS = ['tracking-plan.yaml', 'tracking-plan.yml', 'tracking-plan.json', 'tracking-plan/'] as const;
const YAML_OR_JSON = /\.(ya?ml|json)$/i;
/** Folders where a set of `*.schema.json` files is taken for a plan without being configured. */
const SCHEMA_FOLDER = /(^|\/)(tracking[-_]?plans?|event[-_]?schemas|events|analytics)\//i;

/**
 * Finds the plan(s) of a repository. Configured locations are read in the given (or detected)
 * format. Otherwise trackguard's own plan is looked for first (tracking-plan.yaml|.yml|.json, or
 * tracking-plan/), then every plan of another format found in the tree: Segment `plan.json`,
 * rudder-cli YAML, Iglu schema folders, and folders of `*.schema.json`.
 */
export async function resolvePlanSources(snapshot: Snapshot, allFiles: readonly string[], configured: readonly PlanLocation[] | undefined): Promise<PlanSource[]> {
  if (configured && configured.length > 0) {
    const out: PlanSource[] = [];
    for (const location of configured) {
      const files = filesAt(allFiles, location.path);
      if (files.length === 0) continue;
      const format = location.format ?? (await detect(snapshot, files));
      out.push({ format, files: files.filter((f) => fitsFormat(f, format)), location: location.path });
    }
    return out.filter((s) => s.files.length > 0);
  }
  for (const path of DEFAULT_PLAN_PATHS) {
    const files = filesAt(allFiles, path).filter((f) => YAML_OR_JSON.test(f));
    if (files.length === 0) continue;
    // A tracking-plan/ folder may hold another format (a folder of event schemas, say).
    const format = path.endsWith('/') ? await detect(snapshot, files) : 'trackguard';
    return [{ format, files: files.filter((f) => fitsFormat(f, format)), location: path }];
  }
  const found: PlanSource[] = [];
  const segment = allFiles.filter((f) => posix.basename(f) === 'plan.json');
  const yaml = allFiles.filter((f) => /\.ya?ml$/i.test(f) && !f.startsWith('.github/'));
  const texts = await readAll(snapshot, [...segment, ...yaml]);
  const segmentFiles = segment.filter((f) => /"rules"\s*:/.test(texts.get(f) ?? ''));
  if (segmentFiles.length) found.push({ format: 'segment', files: segmentFiles, location: segmentFiles.join(', ') });
  const rudderFiles = yaml.filter((f) => /^\s*version:\s*["']?rudder\/v/m.test(texts.get(f) ?? ''));
  if (rudderFiles.length) found.push({ format: 'rudderstack', files: rudderFiles, location: commonFolder(rudderFiles) });
  const iglu = allFiles.filter((f) => IGLU_PATH.test(f));
  if (iglu.length) found.push({ format: 'snowplow', files: iglu, location: commonFolder(iglu) });
  const schemas = allFiles.filter((f) => f.endsWith('.schema.json') && SCHEMA_FOLDER.test(f));
  if (schemas.length) found.push({ format: 'jsonschema', files: schemas, location: commonFolder(schemas) });
  return found;
}

function filesAt(allFiles: readonly string[], raw: string): string[] {
  const path = raw.replace(/^\.\//, '');
  if (allFiles.includes(path)) return [path];
  const dir = `${path.replace(/\/+$/, '')}/`;
  return allFiles.filter((f) => f.startsWith(dir)).sort();
}

function fitsFormat(file: string, format: PlanFormat): boolean {
  switch (format) {
    case 'trackguard':
    case 'rudderstack':
      return YAML_OR_JSON.test(file);
    case 'segment':
    case 'jsonschema':
      return file.endsWith('.json');
    case 'snowplow':
      return IGLU_PATH.test(file);
    case 'typescript':
      // Event types are read from code, never as a plan file.
      return false;
  }
}

async function detect(snapshot: Snapshot, files: readonly string[]): Promise<PlanFormat> {
  if (files.some((f) => IGLU_PATH.test(f))) return 'snowplow';
  const texts = await readAll(snapshot, files.slice(0, 50));
  const all = [...texts.values()];
  if (all.some((t) => /^\s*version:\s*["']?rudder\/v/m.test(t))) return 'rudderstack';
  if (files.some((f) => f.endsWith('.json')) && all.some((t) => /"rules"\s*:/.test(t))) return 'segment';
  if (files.every((f) => f.endsWith('.json')) && all.some((t) => /"\$schema"\s*:\s*"[^"]*json-schema/.test(t) && !/"version"\s*:\s*1\b/.test(t))) return 'jsonschema';
  return 'trackguard';
}

function commonFolder(files: readonly string[]): string {
  const parts = files.map((f) => f.split('/').slice(0, -1));
  const first = parts[0] ?? [];
  let n = 0;
  while (n < first.length && parts.every((p) => p[n] === first[n])) n++;
  return first.slice(0, n).join('/') || '.';
}
