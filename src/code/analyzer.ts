// The analysis as extraction and rules use it. Three layers, each building on the one before:
// values.ts evaluates expressions, calls.ts recognises tracking calls, wrappers.ts infers the
// team's tracking helpers and completes the `Analyzer`.
export { Analyzer } from './wrappers.js';
export type { ParamRef, WrapperSummary } from './wrappers.js';
export type { AnalyzerOptions, ResolvedCall } from './calls.js';
export type { Value } from './values.js';
