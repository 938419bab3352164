// Bundles the extension client, the language server, the CLI and the test suites.
// `vscode` stays external (the editor provides it); mocha stays external for the test bundles.
import * as esbuild from 'esbuild';
import { yamlData } from './esbuild.plugins.mjs';
import { createHash } from 'node:crypto';
import { readdirSync, statSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}
/** Where the bundles go (the packaging test builds a package's bundles into a folder of its own). */
const DIST = option('--outdir') ?? 'dist';
/** `--metafile FILE`: the client bundle's inputs and sizes (the packaging test reads them). */
const clientMetafile = option('--metafile');
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
  plugins: [yamlData],
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
      // Each real-editor pass's runner (test/e2e/<pass>/index.ts): the host loads it in VS Code.
      (name === 'index.ts' && p.includes(join('test', 'e2e')))
    ) {
      out.push(p);
    }
  }
  return out;
}

/**
 * The MCP SDK's server validates elicitation answers with Ajv (which the server never asks for):
 * in the CLI's chunk that validator is a stand-in that refuses, so Ajv — most of the chunk, and
 * code that names its runtime modules by `require` strings — is left out.
 */
const noAjv = {
  name: 'no-ajv',
  setup(build) {
    build.onResolve({ filter: /validation\/ajv-provider\.js$/ }, (a) => ({ path: a.path, namespace: 'no-ajv' }));
    build.onLoad({ filter: /.*/, namespace: 'no-ajv' }, () => ({
      contents: `export class AjvJsonSchemaValidator {
        getValidator() { return () => ({ valid: false, data: undefined, errorMessage: 'JSON Schema validation is not available' }); }
      }`,
      loader: 'js',
    }));
  },
};
/**
 * The CLI's lazily loaded chunks. Most runs never parse a broken row with remark, match a glob or
 * print a diff, and a short run's time is mostly loading: these packages are bundled into
 * dist/cli-<chunk>.js files of their own, and dist/cli.js gets a stand-in for each that requires
 * its chunk on first use. Each chunk is self-contained (nothing but Node built-ins).
 */
const CHUNKS = {
  remark: { entry: "export { unified } from 'unified'; export { default as remarkParse } from 'remark-parse';" },
  picomatch: { entry: "export { default as picomatch } from 'picomatch';" },
  diff: { entry: "export * from 'diff';" },
  // The MCP SDK and zod: only `review-snapshot mcp` loads them (several hundred KB).
  mcp: {
    entry: [
      "export { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "export { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';",
      "export * as zod from 'zod';",
    ].join('\n'),
    plugins: [noAjv],
  },
};
/** What each package becomes in dist/cli.js: a module that loads its chunk when first called. */
const STAND_INS = {
  unified: `let m; const load = () => (m ??= require('./cli-remark.js'));
    exports.unified = (...a) => load().unified(...a);`,
  'remark-parse': `let m; const load = () => (m ??= require('./cli-remark.js'));
    exports.default = function remarkParse(...a) { return load().remarkParse.apply(this, a); };
    exports.__esModule = true;`,
  picomatch: `let m; const load = () => (m ??= require('./cli-picomatch.js'));
    module.exports = (...a) => load().picomatch(...a);`,
  diff: `module.exports = require('./cli-diff.js');`,
  '@modelcontextprotocol/sdk/server/mcp.js': `module.exports = require('./cli-mcp.js');`,
  '@modelcontextprotocol/sdk/server/stdio.js': `module.exports = require('./cli-mcp.js');`,
  zod: `module.exports = require('./cli-mcp.js').zod;`,
};
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    const names = Object.keys(STAND_INS).map((n) => n.replace(/[-/.]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(?:${names.join('|')})$`) }, (a) => ({ path: a.path, namespace: 'stand-in' }));
    build.onResolve({ filter: /^\.\/cli-[a-z]+\.js$/ }, (a) => ({ path: a.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'stand-in' }, (a) => ({ contents: STAND_INS[a.path], loader: 'js' }));
  },
};

/**
 * `import * as fs from 'node:fs'` becomes, in a CommonJS bundle, a copy of the builtin with a
 * getter for each of its properties, once per importing module (esbuild's `__toESM`): in the CLI
 * 33 copies, half a megabyte of a short run's allocations. There each of these builtins is an ES
 * module of its own instead, exporting the builtin's values: `fs.readFileSync` is a reference.
 */
const builtinNamespaces = {
  name: 'builtin-namespaces',
  setup(build) {
    build.onResolve({ filter: /^(?:node:)?(?:fs|path)$/ }, (a) =>
      a.namespace === 'builtin' ? { path: a.path, external: true } : { path: a.path.replace(/^node:/, ''), namespace: 'builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, async (a) => {
      const mod = (await import(`node:${a.path}`)).default;
      // Plain values only: a getter (fs.promises) would load what it stands for at once.
      const keys = Object.keys(mod).filter((k) => /^[a-z_$][\w$]*$/i.test(k) && 'value' in Object.getOwnPropertyDescriptor(mod, k));
      const contents = [`const m = require('node:${a.path}');`, 'export default m;', ...keys.map((k) => `export const ${k} = m.${k};`)];
      return { contents: contents.join('\n'), loader: 'js' };
    });
  },
};

// The CLI is minified in every build (sourcemaps kept): a smaller file is read and compiled faster.
const cli = { ...common, minify: !process.env.RS_CLI_UNMINIFIED }; // unminified: for profiling
await Promise.all([
  esbuild
    .build({
      ...common,
      entryPoints: ['client/src/extension.ts'],
      outfile: `${DIST}/extension.js`,
      external: ['vscode'],
      metafile: !!clientMetafile,
    })
    .then((r) => clientMetafile && writeFileSync(clientMetafile, JSON.stringify(r.metafile))),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: `${DIST}/server.js` }),
  esbuild.build({
    ...cli,
    entryPoints: ['server/src/cli.ts'],
    outfile: `${DIST}/cli-main.js`,
    plugins: [yamlData, lazyChunks, builtinNamespaces],
  }),
  ...Object.entries(CHUNKS).map(([name, c]) =>
    esbuild.build({
      ...cli,
      stdin: { contents: c.entry, resolveDir: '.', loader: 'js' },
      outfile: `${DIST}/cli-${name}.js`,
      plugins: c.plugins ?? [],
    }),
  ),
]);
// dist/cli.js, the command, runs dist/cli-main.js through V8's code cache (server/src/cliLoader.ts),
// keyed by the bundle's content: built after it.
const mainId = createHash('sha256')
  .update(readFileSync(`${DIST}/cli-main.js`))
  .digest('hex')
  .slice(0, 16);
await esbuild.build({
  ...cli,
  entryPoints: ['server/src/cliLoader.ts'],
  outfile: `${DIST}/cli.js`,
  external: ['./cli-main.js'],
  banner: { js: '#!/usr/bin/env node' },
  define: { ...common.define, __RS_MAIN_ID__: JSON.stringify(mainId) },
});

if (!production) {
  const tests = testsUnder('test');
  // A bundle of a test file since removed or renamed would still run under the suites' globs.
  rmSync('out/test', { recursive: true, force: true });
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
