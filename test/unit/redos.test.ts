// Linear-time text processing, checked two ways. Every regular expression in the product code is
// run through recheck (a ReDoS analyser that searches for inputs with super-linear matching
// time) and must not be vulnerable; no pattern is built at run time from data. Then the inputs
// that once took seconds (found by an adversarial review) are checked to take milliseconds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourcesUnder(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

/** Every regex literal, and every `new RegExp(…)` / `RegExp(…)` call, in a file. */
function regexesIn(file: string): { literals: Found[]; dynamic: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const literals: Found[] = [];
  const dynamic: string[] = [];
  const where = (n: ts.Node) => `${path.relative(process.cwd(), file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if (ts.isRegularExpressionLiteral(n)) {
      const t = n.text;
      const end = t.lastIndexOf('/');
      literals.push({ where: where(n), source: t.slice(1, end), flags: t.slice(end + 1) });
    } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
      dynamic.push(where(n));
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { literals, dynamic };
}

const FILES = [...sourcesUnder(path.join(process.cwd(), 'server', 'src')), ...sourcesUnder(path.join(process.cwd(), 'client', 'src'))];

describe('regular expressions (recheck)', function () {
  this.timeout(120000);
  const all = FILES.map(regexesIn);

  it('the product code builds no regular expression from data at run time', () => {
    assert.deepEqual(
      all.flatMap((r) => r.dynamic),
      [],
    );
  });

  it('no regular expression in the product code has a super-linear worst case', () => {
    const literals = all.flatMap((r) => r.literals);
    assert.ok(literals.length > 20, `found ${literals.length} regexes`);
    const bad: string[] = [];
    for (const r of literals) {
      const d = checkSync(r.source, r.flags, { timeout: 10000 });
      if (d.status !== 'safe') {
        bad.push(
          `${r.where} /${r.source}/${r.flags}: ${d.status}${d.status === 'vulnerable' ? ` (${d.complexity.type}, e.g. ${JSON.stringify(d.attack.pattern)})` : ''}`,
        );
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the analyser does find the kind of pattern this product once had', () => {
    // The label-line pattern the parse used before lines.ts: exponential on a line of spaces.
    assert.equal(checkSync('^[ \\t]*[-*+][ \\t]+(`?)([^`:]*?)\\1[ \\t]*:[ \\t]*(.*?)[ \\t]*$', '').status, 'vulnerable');
  });
});
