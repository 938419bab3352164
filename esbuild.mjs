// Bundles the extension client, the language server, the CLI and the test suites.
// `vscode` stays external (the editor provides it); mocha stays external for the test bundles.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** package.json's repository as an https URL ('' when none): where the rule pages are linked to. */
function repositoryUrl() {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
  const url = raw
    .replace(/^git\+/, '')
    .replace(/^github:/, 'https://github.com/')
    .replace(/\.git$/, '');
  return /^https:\/\//.test(url) ? url : /^[\w.-]+\/[\w.-]+$/.test(url) ? `https://github.com/${url}` : '';
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  loader: { '.yaml': 'text' },
  define: { __RS_REPOSITORY__: JSON.stringify(repositoryUrl()) },
};

function testsUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!name.startsWith('workspace') && name !== 'node_modules' && !name.startsWith('.')) out.push(...testsUnder(p));
    } else if (
      name.endsWith('.test.ts') ||
      (name === 'index.ts' && (p.includes(join('e2e', 'suite')) || p.includes(join('e2e', 'restricted'))))
    ) {
      out.push(p);
    }
  }
  return out;
}

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

if (!production) {
  const tests = testsUnder('test');
  if (tests.length) {
    await esbuild.build({
      ...common,
      entryPoints: tests,
      outdir: 'out/test',
      outbase: 'test',
      // Loaded from node_modules as they are: recheck starts a worker by file name, typescript is big.
      external: ['vscode', 'mocha', 'recheck', 'typescript'],
    });
  }
}
