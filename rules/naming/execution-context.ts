import { defineRule } from '../../src/engine/rule.js';
import { findSequence, tokens } from '../../src/names/tokens.js';

/** Words that say how the code ran, not what the user did. */
const ALWAYS = new Set(['cron', 'worker', 'retry', 'retried', 'retries', 'scheduler', 'daemon']);
/** `job` is a domain object on a recruiting site (`job_posted`); only these combinations mean a background job. */
const JOB_CONTEXTS = [['background', 'job'], ['batch', 'job'], ['scheduled', 'job'], ['nightly', 'job'], ['job', 'run'], ['by', 'job'], ['from', 'job'], ['in', 'job']];

export default defineRule({
  id: 'naming/execution-context',
  category: 'naming',
  planOnly: true,
  severity: 'P2',
  description: 'Event names describe what happened, not how the code ran (cron, job, worker, retry); that belongs in a property.',
  messages: { context: 'Event `{{event}}` carries execution context (`{{word}}`) in its name.' },
  fix: 'Drop `{{word}}` from the name and send a property instead, e.g. `is_cron_job: true` with `cron_execution_timestamp_ms`.',
  check(ctx) {
    if (!ctx.plan) return;
    for (const event of ctx.plan.events) {
      const words = tokens(event.name);
      const word =
        words.find((w) => ALWAYS.has(w)) ??
        (JOB_CONTEXTS.some((seq) => findSequence(words, seq) >= 0) || (words.length > 1 && words[words.length - 1] === 'job') ? 'job' : undefined);
      if (!word) continue;
      ctx.report({ messageId: 'context', data: { event: event.name, word }, location: event.location, event: event.name });
    }
  },
});
