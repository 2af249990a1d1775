import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeProgram, ts } from '../../src/code/program.js';

/** Every node of a tree, in source order. */
function nodesOf(sf: ts.SourceFile): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    out.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return out;
}

/** Where the parser itself puts a node: the reference the program's own line arithmetic must match. */
function expected(sf: ts.SourceFile, node: ts.Node) {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(node.end);
  return { file: 'src/a.ts', line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

describe('CodeProgram', () => {
  it('sets parent pointers on every node and lists calls in source order', () => {
    const program = new CodeProgram(new Set(['src/a.ts']), 1_000_000);
    const sf = program.add('src/a.ts', "const a = f(g(1));\nclass C { m() { return h?.(`${i()}`); } }\n");
    expect(sf).toBeDefined();
    if (!sf) return;
    for (const node of nodesOf(sf)) expect(node.parent).toBeDefined();
    expect(program.callsIn('src/a.ts').map((c) => c.expression.getText(sf))).toEqual(['f', 'g', 'h', 'i']);
  });

  it('places nodes exactly where the parser does, whatever the line breaks', () => {
    const piece = fc.constantFrom('x', 'f(1)', ' ', '\n', '\r\n', '\r', '\u2028', '\u2029', 'é', '😀', '/* c\n */', "'s'", ';', '\t');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = `let v = [${pieces.map((p, i) => (p.trim() && !p.startsWith('/*') ? `${JSON.stringify(p)},${i % 3 ? '' : '\n'}` : p)).join('')}];\nexport const w = v;\n`;
        const program = new CodeProgram(new Set(['src/a.ts']), 1_000_000);
        const sf = program.add('src/a.ts', text);
        if (!sf) return false;
        for (const node of nodesOf(sf)) expect(program.location(node)).toEqual(expected(sf, node));
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
