import rule from '../../../rules/reliability/track-before-success.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const f = (...lines: string[]) => ({ 'src/a.ts': ["import posthog from 'posthog-js';", ...lines].join('\n') });

ruleTester(rule, {
  valid: [
    { name: 'tracked after the operation', files: f('export async function pay(order: Order) {', '  await payments.charge(order);', "  posthog.capture('payment_completed');", '}') },
    { name: 'an intent event before the operation', files: f('export async function pay(order: Order) {', "  posthog.capture('checkout_started');", '  await payments.charge(order);', '}') },
    { name: 'reads, refreshes and callbacks that follow are not the operation', files: f('export async function save(doc: Doc, onSuccess: () => Promise<void>) {', "  posthog.capture('doc_saved');", '  await invalidate(doc);', '  await getPrefs();', '  await onSuccess();', '}') },
    {
      name: 'a start named in the base form, first or last',
      files: f('export async function init() {', "  posthog.capture('SliceMachine Init Start');", '  await install();', "  posthog.capture('StartEmailSignup');", '  await signup();', '}'),
    },
    { name: 'only logging follows', files: f('export async function pay() {', "  posthog.capture('payment_completed');", "  await logger.flush();", '}') },
  ],
  invalid: [
    {
      name: 'an outcome sent before the operation it reports',
      files: f('export async function exportReport(id: string) {', "  posthog.capture('report_exported', { report_id: id });", '  const file = await api.reports.export(id);', '  return file;', '}'),
      findings: [{ messageId: 'early', line: 3, message: '`api.reports.export`' }],
    },
    {
      name: 'a POST through fetch is the operation',
      files: f('export async function place(order: Order) {', "  posthog.capture('order_placed');", "  await fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });", '}'),
      findings: [{ messageId: 'early', line: 3, message: '`fetch`' }],
    },
  ],
});
