import rule from '../../../rules/reliability/track-before-success.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const f = (...lines: string[]) => ({ 'src/a.ts': ["import posthog from 'posthog-js';", ...lines].join('\n') });

ruleTester(rule, {
  valid: [
    { name: 'tracked after the operation', files: f('export async function pay(order: Order) {', '  await payments.charge(order);', "  posthog.capture('payment_completed');", '}') },
    { name: 'an intent event before the operation', files: f('export async function pay(order: Order) {', "  posthog.capture('checkout_started');", '  await payments.charge(order);', '}') },
    { name: 'only logging follows', files: f('export async function pay() {', "  posthog.capture('payment_completed');", "  await logger.flush();", '}') },
  ],
  invalid: [
    {
      name: 'an outcome sent before the operation it reports',
      files: f('export async function exportReport(id: string) {', "  posthog.capture('report_exported', { report_id: id });", '  const file = await api.reports.export(id);', '  return file;', '}'),
      findings: [{ messageId: 'early', line: 3, message: '`api.reports.export`' }],
    },
  ],
});
