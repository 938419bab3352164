// `npm test`: every suite, in order of cost. Exits non-zero when any suite fails, and ends
// with one `N passed, N failed` line that sums the suites that report counts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const suites = [
  {
    name: 'unit, protocol and CLI (mocha)',
    cmd: 'npx',
    args: [
      'mocha',
      '--config',
      'test/.mocharc.json',
      'out/test/unit/**/*.test.js',
      'out/test/lsp/**/*.test.js',
      'out/test/cli/**/*.test.js',
    ],
  },
];
if (pkg.scripts['test:grammar']) suites.push({ name: 'grammar', cmd: 'npm', args: ['run', '--silent', 'test:grammar'] });
if (existsSync('test/e2e/run.mjs')) suites.push({ name: 'real VS Code (e2e)', cmd: 'node', args: ['test/e2e/run.mjs'] });

let passed = 0,
  failed = 0;
const failedSuites = [];
for (const s of suites) {
  console.log(`\n=== ${s.name}`);
  const r = spawnSync(s.cmd, s.args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  const out = r.stdout ?? '';
  // mocha's spec reporter: "  12 passing", "  1 failing" (the e2e host runs two passes, so every
  // such line counts); other runners print "N passed, N failed".
  const passing = [...out.matchAll(/^\s*(\d+) passing/gm)],
    failing = [...out.matchAll(/^\s*(\d+) failing/gm)];
  const summaries = [...out.matchAll(/(\d+) passed, (\d+) failed/g)];
  if (passing.length) {
    for (const m of passing) passed += Number(m[1]);
    for (const m of failing) failed += Number(m[1]);
  } else {
    for (const m of summaries) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
  }
  if (r.status !== 0) failedSuites.push(`${s.name} (exit ${r.status ?? r.signal})`);
}
if (failedSuites.length) console.log(`\nFailed suites: ${failedSuites.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSuites.length ? 1 : 0);
