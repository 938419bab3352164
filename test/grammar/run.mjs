// Grammar tests: vscode-tmgrammar-test over test/grammar/*.test.md, with VS Code's Markdown
// (and YAML, for the embedded block) grammar as the base the injection goes into. Prints
// `grammar: N passed, N failed`; exits non-zero when an assertion fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const grammars = path.dirname(require.resolve('tm-grammars/grammars/markdown.json'));
const files = readdirSync('test/grammar').filter((f) => f.endsWith('.test.md')).map((f) => path.join('test/grammar', f));
let passed = 0;
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, [
    require.resolve('vscode-tmgrammar-test/dist/unit.js'),
    '-g', path.join(grammars, 'markdown.json'),
    '-g', path.join(grammars, 'yaml.json'),
    '-g', 'syntaxes/review-snapshot.injection.tmLanguage.json',
    f,
  ], { encoding: 'utf8' });
  const out = (r.stdout + r.stderr).split('\n').filter((l) => !/grammar not found for/.test(l)).join('\n');
  process.stdout.write(out.trim() + '\n');
  if (r.status === 0) passed++;
  else failed++;
}
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
