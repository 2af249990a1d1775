import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'compatibility/breaking-change',
  category: 'compatibility',
  severity: 'P1',
  description:
    'A plan change that can break warehouse models, dashboards or downstream consumers (removal, type change, optional → required, enum value removed, narrower constraint) must be made the safe way.',
  messages: {
    eventRemoved: 'Event `{{event}}` was removed from the plan; dashboards and models that read it will go empty.',
    eventRenamed: 'Event `{{event}}` was removed and looks renamed to `{{renamedTo}}`; history under the old name is cut off.',
    propertyChange: 'Breaking change to `{{event}}`.`{{property}}`: {{detail}}.',
  },
  fix: {
    eventRemoved: 'Keep the event with `status: deprecated` until consumers have moved, or add a versioned successor (`{{event}}_v2`).',
    eventRenamed: 'Keep `{{event}}` with `status: deprecated` while `{{renamedTo}}` takes over, or name the new event `{{event}}_v2`.',
    propertyChange:
      'Keep the old shape and mark the event `status: deprecated`, adding a versioned successor (`{{event}}_v2`) with the new shape; or make the change additive (a new optional property).',
  },
  check(ctx) {
    if (!ctx.diff) return;
    for (const change of ctx.diff.removed) {
      if (!change.breaking || change.accepted) continue;
      ctx.report(
        change.renamedTo
          ? { messageId: 'eventRenamed', data: { event: change.event, renamedTo: change.renamedTo }, location: change.location, event: change.event }
          : { messageId: 'eventRemoved', data: { event: change.event }, location: change.location, event: change.event },
      );
    }
    for (const change of ctx.diff.changed) {
      if (!change.breaking || change.accepted || change.property === undefined) continue;
      ctx.report({
        messageId: 'propertyChange',
        data: { event: change.event, property: change.property, detail: change.detail },
        location: change.location,
        event: change.event,
        property: change.property,
        key: change.kind,
      });
    }
  },
});
