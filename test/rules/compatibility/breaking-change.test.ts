import rule from '../../../rules/compatibility/breaking-change.js';
import { planOf, planWith, ruleTester } from '../../helpers/rule-tester.js';

const base = planWith({
  report_id: '{ type: string, format: uuid, required: true, description: d }',
  export_format: '{ type: string, enum: [pdf, csv, xlsx], required: true, description: d }',
  row_count: '{ type: integer, minimum: 0, description: d }',
});

ruleTester(rule, {
  valid: [
    { name: 'audit mode has no base, so nothing is breaking', plan: base },
    { name: 'an unchanged plan', basePlan: base, plan: base },
    {
      name: 'additive changes: optional property, enum value, widening, required → optional',
      basePlan: base,
      plan: planWith({
        report_id: '{ type: string, format: uuid, required: true, description: d }',
        export_format: '{ type: string, enum: [pdf, csv, xlsx, json], description: d }',
        row_count: '{ type: [integer, "null"], minimum: 0, description: d }',
        is_filtered: '{ type: boolean, description: d }',
      }),
    },
    {
      name: 'a breaking change on an event marked deprecated is accepted',
      basePlan: base,
      plan: planWith({ report_id: '{ type: string, format: uuid, required: true, description: d }' }).replace(
        '    owner: reports-team',
        '    owner: reports-team\n    status: deprecated',
      ),
    },
    {
      name: 'removing an event with a versioned successor is accepted',
      basePlan: planOf({ report_exported: { report_id: '{ type: string }' }, app_opened: {} }),
      plan: planOf({ report_exported_v2: { report_id: '{ type: integer }' }, app_opened: {} }),
    },
    {
      name: 'removing an event that was deprecated is accepted',
      basePlan: planOf({ app_opened: {}, legacy_clicked: {} }).replace('  legacy_clicked:\n', '  legacy_clicked:\n    status: deprecated\n'),
      plan: planOf({ app_opened: {} }),
    },
    { name: 'adding a new event is additive', basePlan: planOf({ app_opened: {} }), plan: planOf({ app_opened: {}, report_viewed: {} }) },
  ],
  invalid: [
    {
      name: 'type change, optional → required, enum value removed, property removed',
      basePlan: base,
      plan: planWith({
        report_id: '{ type: string, format: uuid, required: true, description: d }',
        export_format: '{ type: string, enum: [pdf, csv], required: true, description: d }',
        row_count: '{ type: string, required: true, description: d }',
      }),
      findings: [
        { messageId: 'propertyChange', line: 9, property: 'export_format', message: 'enum values removed: "xlsx"' },
        { messageId: 'propertyChange', line: 10, property: 'row_count', message: 'integer → string' },
        { messageId: 'propertyChange', line: 10, property: 'row_count', message: 'optional → required' },
      ],
    },
    {
      name: 'a removed property points at its event in head',
      basePlan: base,
      plan: planWith({ report_id: '{ type: string, format: uuid, required: true, description: d }', export_format: '{ type: string, enum: [pdf, csv, xlsx], required: true, description: d }' }),
      findings: [{ messageId: 'propertyChange', line: 3, event: 'report_exported', property: 'row_count', message: 'property removed' }],
    },
    {
      name: 'a format added, a pattern added, a maximum lowered, a required property added',
      basePlan: planWith({ a_id: '{ type: string, description: d }', code: '{ type: string, description: d }', n: '{ type: integer, maximum: 10, description: d }' }),
      plan: planWith({
        a_id: '{ type: string, format: uuid, description: d }',
        code: '{ type: string, pattern: "^[A-Z]+$", description: d }',
        n: '{ type: integer, maximum: 5, description: d }',
        m: '{ type: integer, required: true, description: d }',
      }),
      findings: [
        { messageId: 'propertyChange', line: 8, message: 'format (none) → uuid' },
        { messageId: 'propertyChange', line: 9, message: 'pattern' },
        { messageId: 'propertyChange', line: 10, message: 'maximum 10 → 5' },
        { messageId: 'propertyChange', line: 11, message: 'required property added' },
      ],
    },
    {
      name: 'a removed event points at the nearest surviving event',
      basePlan: planOf({ app_opened: {}, report_viewed: {}, report_shared: {} }),
      plan: planOf({ app_opened: {}, report_shared: {} }),
      findings: [{ messageId: 'eventRemoved', line: 3, event: 'report_viewed' }],
    },
    {
      name: 'a removed event whose properties moved to a new name looks renamed',
      basePlan: planOf({ app_opened: {}, report_exported: { report_id: '{ type: string }', export_format: '{ type: string }' } }),
      plan: planOf({ app_opened: {}, report_downloaded: { report_id: '{ type: string }', export_format: '{ type: string }' } }),
      findings: [{ messageId: 'eventRenamed', line: 3, message: 'looks renamed to `report_downloaded`' }],
    },
  ],
});
