import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'registration/barrel-export',
  category: 'registration',
  severity: 'P3',
  description: "A tracking helper in a folder with an index barrel is exported from the barrel, so callers use the module's public surface.",
  messages: { missing: 'Tracking helper `{{wrapper}}` is not exported from `{{barrel}}`.' },
  fix: 'Add `export { {{wrapper}} } from` its file to `{{barrel}}` (or `export *`).',
  check(ctx) {
    for (const gap of ctx.code.barrelGaps) {
      ctx.report({ messageId: 'missing', data: { wrapper: gap.wrapper, barrel: gap.barrel }, location: gap.location, key: gap.wrapper });
    }
  },
});
