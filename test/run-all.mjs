// `npm test`: every suite, in order of cost, one after another. Each suite's output streams as it
// runs (stdout is also kept, to count results); exits non-zero when any suite fails or a suite
// that should report tests ran none, and ends with one `N passed, N failed, N skipped` line that
// sums the suites that report counts.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const suites = [
  // Lint first: quick, and a failure there still lets every other suite run and report.
  // It counts no tests: its exit status is its verdict. Every other suite must report at least one.
  { name: 'lint and format (eslint, prettier --check, knip)', cmd: 'npm', args: ['run', '--silent', 'lint'], uncounted: true },
  {
    name: 'unit, protocol, CLI and parity (mocha)',
    cmd: 'npx',
    args: [
      'mocha',
      '--config',
      'test/.mocharc.json',
      'out/test/unit/**/*.test.js',
      'out/test/lsp/**/*.test.js',
      'out/test/cli/**/*.test.js',
      'out/test/parity/**/*.test.js',
    ],
    // mocha only warns of a pattern that matches nothing: each of these folders must hold tests.
    folders: ['out/test/unit', 'out/test/lsp', 'out/test/cli', 'out/test/parity'],
  },
];
if (pkg.scripts['test:grammar']) suites.push({ name: 'grammar', cmd: 'npm', args: ['run', '--silent', 'test:grammar'] });
if (existsSync('test/e2e/run.mjs')) suites.push({ name: 'real VS Code (e2e)', cmd: 'node', args: ['test/e2e/run.mjs'] });

/**
 * Runs one suite with its stdout copied to ours as it arrives (stderr goes straight through), so
 * a person sees progress live; resolves with the whole stdout and the exit status.
 */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', (b) => {
      chunks.push(b);
      process.stdout.write(b);
    });
    child.on('error', (e) => {
      console.error(`cannot start ${cmd}: ${e.message}`);
      resolve({ out: '', status: 'spawn error' });
    });
    child.on('close', (code, signal) => resolve({ out: Buffer.concat(chunks).toString('utf8'), status: code ?? signal }));
  });
}

/**
 * The counts a suite printed. mocha's spec reporter prints "  12 passing", "  1 failing",
 * "  1 pending" (pending = skipped); other runners, and the offline e2e host (whose mocha lines
 * arrive prefixed), print "name: N passed, N failed[, N skipped]". The e2e host runs several passes,
 * so every such line counts; mocha's lines win when there are any, as the electron host prints both.
 */
function counts(out) {
  const add = (matches, group = 1) => matches.reduce((n, m) => n + Number(m[group] ?? 0), 0);
  // Whole lines only: a test title may itself start with "2 pending".
  const mocha = (word) => [...out.matchAll(new RegExp(`^\\s*(\\d+) ${word}(?: \\(\\w+\\))?$`, 'gm'))];
  const passing = mocha('passing');
  // A part that ran nothing: a mocha run's "0 passing" with no failure, a pass's "0 passed, 0 failed".
  if (passing.length) {
    const failing = mocha('failing');
    const empty = passing.filter((m) => m[1] === '0').length && !failing.length ? 1 : 0;
    return { passed: add(passing), failed: add(failing), skipped: add(mocha('pending')), empty };
  }
  const summaries = [...out.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)];
  const empty = summaries.filter((m) => m[1] === '0' && m[2] === '0').length;
  return { passed: add(summaries, 1), failed: add(summaries, 2), skipped: add(summaries, 3), empty };
}

/** Whether `dir` holds a `*.test.js` file, at any depth. */
function holdsTests(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? holdsTests(path.join(dir, e.name)) : e.name.endsWith('.test.js'),
  );
}

const line = (c) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
const total = { passed: 0, failed: 0, skipped: 0 };
const failedSuites = [];
for (const s of suites) {
  console.log(`\n=== ${s.name}`);
  const t0 = Date.now();
  const missing = (s.folders ?? []).filter((d) => !holdsTests(d));
  const r = await run(s.cmd, s.args);
  const c = counts(r.out);
  for (const k of Object.keys(total)) total[k] += c[k];
  // Per suite, so the final sum can be checked against what each suite reported.
  const took = `${((Date.now() - t0) / 1000).toFixed(0)} s`;
  console.log(`--- ${s.name}: ${s.uncounted ? (r.status === 0 ? 'clean' : 'problems found') : line(c)} (exit ${r.status}, ${took})`);
  if (r.status !== 0) failedSuites.push(`${s.name} (exit ${r.status})`);
  // Fail closed: a suite that ran no test (no files matched, a runner that printed nothing) did not pass.
  else if (!s.uncounted && c.passed + c.failed === 0) failedSuites.push(`${s.name} (exit 0 but no test ran)`);
  else if (missing.length) failedSuites.push(`${s.name} (no test in ${missing.join(', ')}: not built?)`);
  else if (c.empty) failedSuites.push(`${s.name} (exit 0 but ${c.empty} of its parts ran no test)`);
}
if (failedSuites.length) console.log(`\nFailed suites: ${failedSuites.join('; ')}`);
console.log(`\n${line(total)}`);
process.exit(failedSuites.length ? 1 : 0);
