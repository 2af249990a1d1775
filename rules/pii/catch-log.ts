import { defineRule } from '../../src/engine/rule.js';
import type { SourceLocation } from '../../src/engine/types.js';
import { LOGGER } from '../../src/code/helpers.js';
import { isFunctionLike, ts } from '../../src/code/program.js';
import { enclosingFunction, functionNameOf, propertyNameText, readsOf, shortText, unwrap } from '../../src/code/syntax.js';
import { piiInName, piiInRead } from '../../src/names/pii.js';

/** A logging call in a tracking helper's catch, with the member chains and keys it logs. */
interface CatchLog {
  wrapper: string;
  location: SourceLocation;
  reads: string[];
  keys: string[];
}

export default defineRule<'logged', CatchLog>({
  id: 'pii/catch-log',
  category: 'pii',
  severity: 'P0',
  description: "A tracking helper's error handler logs ids only: personal data in logs outlives every retention policy.",
  messages: { logged: '`{{wrapper}}` logs `{{what}}` ({{kind}}) when tracking fails.' },
  fix: 'Log ids only (the event name and a user id), never personal fields or the whole properties object.',
  listen: {
    onFileEnd({ analyzer, trackingTries }, record) {
      for (const statement of trackingTries) {
        if (!statement.catchClause) continue;
        const fn = enclosingFunction(statement);
        const wrapper = fn ? functionNameOf(fn) : 'top level';
        const visit = (node: ts.Node) => {
          if (isFunctionLike(node)) return;
          if (ts.isCallExpression(node) && LOGGER.test(shortText(node.expression))) {
            const reads: string[] = [];
            const keys: string[] = [];
            for (const arg of node.arguments) {
              reads.push(...readsOf(arg));
              const literal = unwrap(arg);
              if (!ts.isObjectLiteralExpression(literal)) continue;
              for (const prop of literal.properties) {
                const key = propertyNameText(prop.name ?? undefined);
                if (key) keys.push(key);
              }
            }
            record({ wrapper, location: analyzer.program.location(node), reads, keys });
          }
          ts.forEachChild(node, visit);
        };
        visit(statement.catchClause.block);
      }
    },
  },
  check(ctx) {
    for (const log of ctx.facts) {
      const hit =
        log.keys.map((key) => ({ what: key, match: piiInName(key) })).find((x) => x.match && !x.match.hashed) ??
        log.reads.map((read) => ({ what: read, match: piiInRead(read) })).find((x) => x.match && !x.match.hashed);
      if (!hit?.match) continue;
      ctx.report({ messageId: 'logged', data: { wrapper: log.wrapper, what: hit.what, kind: hit.match.kind }, location: log.location, key: hit.what });
    }
  },
});
