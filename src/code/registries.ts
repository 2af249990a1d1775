/**
 * Where event registries live when nobody configured one: an exported string enum or `as const`
 * object of event names (`export enum TelemetryEvent`, `export const PRODUCT_ANALYTICS_EVENTS`) in
 * an analytics module. A name that says "event" is not enough on its own (event buses, webhooks
 * and GraphQL enums are full of them), and neither is the folder: both must point at analytics,
 * or the export's own name must say analytics events outright.
 */
import { CODE_FILE } from './program.js';

/** A path segment naming product analytics. `segment` only as a file name: as a folder it is often something else. */
const ANALYTICS_PATH = /(^|[/._-])(analytics|telemetry|tracking|tracker|posthog|mixpanel|amplitude|rudderstack|snowplow)([/._-]|$)|(^|\/)segment\.[cm]?[jt]sx?$/i;
/** Test code, mocks and generated clients hold look-alikes of registries, never the registry. */
const NOT_A_REGISTRY_PATH = /(^|\/)(__tests__|__mocks__|mocks?|tests?|e2e|fixtures?|generated|__generated__|stories)\/|\.(test|spec|stories|d)\.[cm]?[jt]sx?$/i;
/** An export named for events. */
const EVENT_NAME = /events?(_?types?|_?names?|_?keys?)?$/i;
/** An export whose own name says analytics events, wherever it lives (`PRODUCT_ANALYTICS_EVENTS`, `PostHogEvent`). */
const ANALYTICS_EVENT_NAME = /(analytics|telemetry|tracking|posthog|mixpanel|amplitude|segment|rudder\w*|snowplow)_?\w*events?(_?types?|_?names?)?$/i;
/** A text that can declare such an export (`export enum …Event`, `export const …EVENTS =`). */
const DECLARES = /\bexport\s+(?:declare\s+)?(?:const\s+)?(?:enum|const)\s+[\w$]*event/i;

/** Whether a file is worth reading to look for a registry, by its path alone. */
export function mayHoldRegistry(path: string): boolean {
  return CODE_FILE.test(path) && ANALYTICS_PATH.test(path) && !NOT_A_REGISTRY_PATH.test(path);
}

/** A type with an `event` member of a literal, enum or `typeof` type: a typed event (see `typed-events.ts`). */
const TYPED_EVENT = /\bevent(?:Name|_name)?\??\s*:\s*(?:typeof\s|['"][^'"\n]+['"]\s*[;,}\n]|[A-Z][\w$]*\.[\w$]+\s*[;,}\n]|T[A-Z]?\w*\s*[;,}\n])/;

/**
 * Whether a read file declares what could be a registry or typed events (a cheap look at the text
 * before any parse): an export named for events, or a type with an `event` member, in an
 * analytics module; or, anywhere, an export named for analytics events.
 */
export function declaresRegistry(path: string, text: string): boolean {
  if (!CODE_FILE.test(path) || NOT_A_REGISTRY_PATH.test(path)) return false;
  if (ANALYTICS_PATH.test(path)) return DECLARES.test(text) || TYPED_EVENT.test(text);
  if (!DECLARES.test(text)) return false;
  for (const match of text.matchAll(/\bexport\s+(?:declare\s+)?(?:const\s+)?(?:enum|const)\s+([\w$]+)/g)) {
    if (ANALYTICS_EVENT_NAME.test(match[1] ?? '')) return true;
  }
  return false;
}

/** Whether an export of `file` is, by its name and where it lives, an event registry. */
export function isRegistryName(file: string, name: string): boolean {
  if (NOT_A_REGISTRY_PATH.test(file)) return false;
  if (ANALYTICS_EVENT_NAME.test(name)) return true;
  return EVENT_NAME.test(name) && ANALYTICS_PATH.test(file);
}

/** Folders holding a package.json, longest first (the root is `''`). */
export function packageRoots(files: readonly string[]): string[] {
  const roots = new Set<string>(['']);
  for (const file of files) {
    if (file === 'package.json') continue;
    if (file.endsWith('/package.json') && !/(^|\/)node_modules\//.test(file)) roots.add(file.slice(0, -'/package.json'.length));
  }
  return [...roots].sort((a, b) => b.length - a.length);
}

/** The package a file belongs to: the deepest package folder above it. */
export function packageOf(file: string, roots: readonly string[]): string {
  return roots.find((root) => root === '' || file.startsWith(`${root}/`)) ?? '';
}
