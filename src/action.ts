#!/usr/bin/env node
/** Entry of the GitHub Action (action.yml). Exit 1 when the review found blocking issues. */
import { runAction } from './github/action.js';

const log = {
  info: (obj: object, msg?: string) => process.stdout.write(`${msg ?? ''} ${JSON.stringify(obj)}\n`),
  warn: (obj: object, msg?: string) => process.stdout.write(`::warning::${msg ?? ''} ${JSON.stringify(obj)}\n`),
  error: (obj: object, msg?: string) => process.stdout.write(`::error::${msg ?? ''} ${JSON.stringify(obj)}\n`),
};

try {
  const outcome = await runAction(process.env, log);
  if (outcome) process.stdout.write(`trackguard: ${outcome.conclusion} (${outcome.apiCalls} GitHub API calls)\n`);
  process.exitCode = outcome?.conclusion === 'failure' ? 1 : 0;
} catch (error) {
  process.stdout.write(`::error::trackguard: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
