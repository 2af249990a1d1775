import { defineRule } from '../../src/engine/rule.js';
import { planProperties } from '../../src/plan/model.js';
import { checkPropertyName, propertySuggestion } from '../../src/names/naming.js';

export default defineRule({
  id: 'naming/property-name',
  category: 'naming',
  planOnly: true,
  severity: 'P2',
  description: 'Property names follow one convention (default snake_case), so queries never have to guess the spelling.',
  messages: { convention: 'Property `{{property}}` is not {{convention}}.' },
  fix: 'Rename it to `{{suggestion}}`.',
  check(ctx) {
    if (!ctx.plan) return;
    const naming = ctx.config.naming.properties;
    const convention = typeof naming === 'object' ? 'matching the configured pattern' : naming;
    for (const { event, property } of planProperties(ctx.plan)) {
      if (checkPropertyName(property.name, naming)) continue;
      const suggestion = propertySuggestion(property.name, naming);
      ctx.report({
        messageId: 'convention',
        data: { property: property.path, convention, suggestion: suggestion ?? property.name },
        location: property.location,
        event: event?.name,
        property: property.path,
      });
    }
  },
});
