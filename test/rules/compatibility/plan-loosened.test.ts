import rule from '../../../rules/compatibility/plan-loosened.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const tp = (allow: boolean) =>
  `version: rudder/v0.1\nkind: tp\nmetadata:\n  name: p\nspec:\n  rules:\n    - type: event_rule\n      event:\n        $ref: "#/events/ev/a"\n        allow_unplanned: ${allow}\n`;
const events = 'version: rudder/v0.1\nkind: events\nmetadata:\n  name: ev\nspec:\n  events:\n    - id: a\n      name: Signed Up\n';

ruleTester(rule, {
  valid: [
    { name: 'still strict', baseFiles: { 'rudder/events.yaml': events, 'rudder/tp.yaml': tp(false) }, files: { 'rudder/events.yaml': events, 'rudder/tp.yaml': tp(false) } },
    { name: 'tightened', baseFiles: { 'rudder/events.yaml': events, 'rudder/tp.yaml': tp(true) }, files: { 'rudder/events.yaml': events, 'rudder/tp.yaml': tp(false) } },
  ],
  invalid: [
    {
      name: 'allow_unplanned false → true',
      baseFiles: { 'rudder/events.yaml': events, 'rudder/tp.yaml': tp(false) },
      files: { 'rudder/events.yaml': events, 'rudder/tp.yaml': tp(true) },
      findings: [{ messageId: 'loosened', line: 8, file: 'rudder/events.yaml', event: 'Signed Up' }],
    },
  ],
});
