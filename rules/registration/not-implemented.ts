import { defineRule } from '../../src/engine/rule.js';
import { namesOf, sendingCalls } from '../../src/code/events.js';
import { isTypesPlan } from '../../src/plan/typed.js';

export default defineRule({
  id: 'registration/not-implemented',
  category: 'registration',
  severity: 'P3',
  description: 'Every active plan event is tracked somewhere in the code (the plan\'s instrumentation checklist).',
  messages: { missing: 'Plan event `{{event}}` is not tracked anywhere in the code.' },
  fix: 'Instrument it where its trigger happens, or mark it `status: deprecated` if it is no longer sent.',
  check(ctx) {
    // Only meaningful when every file was analysed and there is code that tracks at all.
    // A plan read from event types: an unsent type is an unsent registry member (constants-module).
    if (!ctx.plan || ctx.codeScope !== 'all' || isTypesPlan(ctx.plan)) return;
    const calls = sendingCalls(ctx.code.calls).filter((c) => c.kind === 'track' && !c.context.isTestFile);
    if (calls.length === 0) return;
    const tracked = new Set(calls.flatMap((c) => namesOf(c.event)));
    for (const event of ctx.plan.events) {
      if (event.status !== 'active' || tracked.has(event.name) || !ctx.isNewEvent(event.name)) continue;
      ctx.report({ messageId: 'missing', data: { event: event.name }, location: event.location, event: event.name });
    }
  },
});
