import rule from '../../../rules/tests/untested-event.js';
import { planOf, ruleTester } from '../../helpers/rule-tester.js';

const basePlan = planOf({ app_opened: {} });
const plan = planOf({ app_opened: {}, report_exported: {} });

ruleTester(rule, {
  valid: [
    { name: 'a test names the event as a string in any quotes', files: { 'src/search.ts': "window.analytics.track('search');\n", 'src/search.test.ts': 'expect(track).toHaveBeenCalledWith(`search`);\n' } },
    { name: 'a test mentions the new event by name', basePlan, plan, files: { 'src/report.test.ts': "expect(track).toHaveBeenCalledWith('report_exported', expect.anything())" } },
    {
      name: 'a test mentions the constant that holds the name',
      basePlan,
      plan,
      files: {
        'src/analytics/events.ts': "export const Events = {\n  REPORT_EXPORTED: 'report_exported',\n} as const;\n",
        'test/export.spec.ts': 'expect(track).toHaveBeenCalledWith(Events.REPORT_EXPORTED)',
      },
    },
    { name: 'python tests count too', basePlan, plan, files: { 'tests/test_export.py': 'assert_tracked("report_exported")' } },
    { name: 'events that existed before are not new', basePlan: plan, plan },
    {
      name: 'an unplanned event tracked in code and mentioned by a test',
      files: { 'src/a.ts': "window.analytics.track('cli_ran');\n", 'src/a.test.ts': "expect(sent).toContain('cli_ran');\n" },
    },
    {
      name: 'a test names the event as the call writes it, before a wrapper maps it to its sent name',
      files: {
        'src/telemetry.ts': "import posthog from 'posthog-js';\nconst Human = { 'slice:created': 'Slice Created' } as const;\nexport function track(event: keyof typeof Human) { posthog.capture(Human[event]); }\n",
        'src/a.ts': "import { track } from './telemetry';\ntrack('slice:created');\n",
        'src/a.test.ts': "expect(sent).toContain('slice:created');\n",
      },
    },
    { name: 'deprecated new events need no test', basePlan, plan: plan.replace('  report_exported:\n', '  report_exported:\n    status: deprecated\n') },
  ],
  invalid: [
    {
      name: 'a test that only uses the word is no test of an event named by it',
      files: {
        'src/search.ts': "window.analytics.track('search');\nwindow.analytics.track('event');\n",
        'src/search.test.ts': "it('filters the search results when an event arrives', () => { expect(search('a')).toEqual([]); });\n",
      },
      findings: [
        { messageId: 'untestedCall', line: 1, event: 'search' },
        { messageId: 'untestedCall', line: 2, event: 'event' },
      ],
    },
    {
      name: 'an event tracked in code that no test mentions',
      files: { 'src/a.ts': "const x = 1;\nwindow.analytics.track('cli_ran');\nwindow.analytics.track('cli_ran');\n" },
      findings: [{ messageId: 'untestedCall', line: 2, file: 'src/a.ts' }],
    },
    {
      name: 'an event whose name a constant in another file holds is reported where it is sent',
      files: {
        'src/events.ts': "export const Events = {\n  CliRan: 'cli_ran',\n} as const;\n",
        'src/a.ts': "import { Events } from './events';\nconst x = 1;\nwindow.analytics.track(Events.CliRan);\n",
      },
      findings: [{ messageId: 'untestedCall', line: 3, file: 'src/a.ts' }],
    },
    { name: 'no test at all', basePlan, plan, findings: [{ messageId: 'untested', line: 8, event: 'report_exported', message: 'mentions new event' }] },
    {
      name: 'an audit judges every plan event, without calling it new',
      plan: planOf({ report_exported: {} }),
      findings: [{ messageId: 'untested', line: 3, event: 'report_exported', message: 'No test mentions event `report_exported`' }],
    },
    {
      name: 'the name appears only in source, not in tests',
      basePlan,
      plan,
      files: { 'src/analytics/events.ts': "export const REPORT_EXPORTED = 'report_exported';\n", 'src/a.test.ts': 'it("x", () => {})' },
      findings: [{ messageId: 'untestedConstant', line: 8, message: 'nor the constant `REPORT_EXPORTED`' }],
    },
    {
      name: 'a generic key holding the name is no constant, even where every test says `type`',
      basePlan,
      plan,
      files: {
        'src/events.ts': "export const make = () => ({ type: 'report_exported', payload: {} });\n",
        'src/a.test.ts': "it('x', () => expect(make().type).toBeDefined())",
      },
      findings: [{ messageId: 'untested', line: 8 }],
    },
    {
      name: 'a test under an ignored path does not count',
      basePlan,
      plan,
      config: 'ignore: ["legacy/**"]\n',
      files: { 'legacy/old.test.ts': "track('report_exported')" },
      findings: [{ messageId: 'untested', line: 8 }],
    },
  ],
});
