import { defineRule } from '../../src/engine/rule.js';
import { diffEvent } from '../../src/plan/diff.js';
import { compareSchemaVer } from '../../src/plan/formats/snowplow.js';
import type { SchemaVersion } from '../../src/plan/model.js';

export default defineRule({
  id: 'compatibility/schema-version',
  category: 'compatibility',
  severity: 'P1',
  description:
    'A released self-describing schema (Snowplow/Iglu) never changes in place; a new version is added instead, and its SchemaVer bump matches the change (MODEL or REVISION for breaking changes, ADDITION only for additive ones).',
  messages: {
    changedInPlace: 'Released schema `{{vendor}}/{{event}}/{{version}}` was changed in place; data already validated against it no longer matches.',
    bumpTooSmall: '`{{event}}` {{from}} → {{to}} is an ADDITION bump, but the change is breaking: {{change}}.',
  },
  fix: {
    changedInPlace: 'Restore {{version}} as released and add the change as a new version next to it.',
    bumpTooSmall: 'Publish it as {{suggested}} (a REVISION or MODEL bump), or make the change additive.',
  },
  check(ctx) {
    const head = ctx.plan?.versions ?? [];
    const base = ctx.basePlan?.versions ?? [];
    if (!ctx.diff || head.length === 0) return;
    const key = (v: SchemaVersion) => `${v.vendor}/${v.event}/${v.version}`;
    const released = new Map(base.map((v) => [key(v), v]));
    for (const version of head) {
      const before = released.get(key(version));
      const location = version.definition.location;
      if (before) {
        if (before.hash !== version.hash) {
          ctx.report({ messageId: 'changedInPlace', data: { vendor: version.vendor, event: version.event, version: version.version }, location, event: version.event, key: version.version });
        }
        continue;
      }
      // A new version: compare with the version it follows.
      const previous = head
        .filter((v) => v.vendor === version.vendor && v.event === version.event && compareSchemaVer(v.version, version.version) < 0)
        .sort((a, b) => compareSchemaVer(a.version, b.version))
        .pop();
      if (!previous) continue;
      const [pm, pr] = previous.version.split('-').map(Number);
      const [m, r] = version.version.split('-').map(Number);
      const additionOnly = m === pm && r === pr;
      const breaking = diffEvent(previous.definition, version.definition).find((c) => c.breaking);
      if (additionOnly && breaking) {
        ctx.report({
          messageId: 'bumpTooSmall',
          data: {
            event: version.event,
            from: previous.version,
            to: version.version,
            change: `${breaking.property ?? breaking.event}: ${breaking.detail}`,
            suggested: `${pm}-${(pr ?? 0) + 1}-0`,
          },
          location,
          event: version.event,
          key: version.version,
        });
      }
    }
  },
});
