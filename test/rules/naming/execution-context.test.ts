import rule from '../../../rules/naming/execution-context.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'a job on a recruiting site is a domain object', plan: planOf({ job_posted: {}, job_application_submitted: {} }) },
    { name: 'plain product events', plan: planOf({ survey_delivered: {}, reminder_sent: {} }) },
  ],
  invalid: [
    {
      name: 'cron, worker, retry and background jobs in names',
      plan: planOf({ cron_survey_delivered: {}, reminder_sent_by_worker: {}, payment_retried: {}, report_generated_by_job: {} }),
      findings: [
        { messageId: 'context', line: 3, message: '`cron`' },
        { messageId: 'context', line: 8, message: '`worker`' },
        { messageId: 'context', line: 13, message: '`retried`' },
        { messageId: 'context', line: 18, message: '`job`' },
      ],
    },
  ],
});
