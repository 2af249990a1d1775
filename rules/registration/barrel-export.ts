import { defineRule } from '../../src/engine/rule.js';
import type { SourceLocation } from '../../src/engine/types.js';
import { barrelPaths, folderOf, ts } from '../../src/code/program.js';
import { nameOf, topLevel } from '../../src/code/syntax.js';

/** An exported tracking helper that its folder's `index` barrel does not re-export. */
interface BarrelGap {
  wrapper: string;
  barrel: string;
  location: SourceLocation;
}

/** Folders that hold the analytics module, where the barrel rule applies. */
const ANALYTICS_FOLDER = /(^|\/)(analytics|tracking|telemetry|metrics|instrumentation|events)(\/|$)/i;

export default defineRule<'missing', BarrelGap>({
  id: 'registration/barrel-export',
  category: 'registration',
  severity: 'P3',
  description: "A tracking helper in a folder with an index barrel is exported from the barrel, so callers use the module's public surface.",
  messages: { missing: 'Tracking helper `{{wrapper}}` is not exported from `{{barrel}}`.' },
  fix: 'Add `export { {{wrapper}} } from` its file to `{{barrel}}` (or `export *`).',
  listen: {
    onFileEnd({ file, analyzer, helpers }, record) {
      const program = analyzer.program;
      const dir = folderOf(file);
      if (!ANALYTICS_FOLDER.test(dir)) return;
      const barrel = barrelPaths(dir).find((f) => program.sources.has(f));
      if (!barrel || barrel === file) return;
      for (const fn of helpers) {
        const name = ts.isFunctionDeclaration(fn) ? fn.name?.text : nameOf(fn);
        if (!name || !topLevel(fn) || !program.isExported(file, name)) continue;
        const value = analyzer.exported(barrel, name);
        if (value.kind === 'function' && value.fn === fn) continue;
        record({ wrapper: name, barrel, location: program.location(ts.isFunctionDeclaration(fn) && fn.name ? fn.name : fn.parent ?? fn) });
      }
    },
  },
  check(ctx) {
    for (const gap of ctx.facts) {
      ctx.report({ messageId: 'missing', data: { wrapper: gap.wrapper, barrel: gap.barrel }, location: gap.location, key: gap.wrapper });
    }
  },
});
