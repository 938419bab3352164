// Lint: what review would otherwise have to catch by eye. `npm test` runs it (with Prettier's
// check), so a dangling `else`, a `==`, an unused import or a 200-line function fails the build.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'examples/**',
      'test/e2e/workspace*/**',
      'bench/inputs/**',
      'bench/out/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      'no-duplicate-imports': ['error', { includeExports: false, allowSeparateTypeImports: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // The e2e driver runs as CommonJS inside the browser-automation package's Node.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests look for control characters on purpose (the escaping tests).
    files: ['test/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Product code: functions stay readable in one screen.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // No import cycles in product code: a cycle makes a module's value undefined while the other
    // half of the cycle is still loading, in an order the bundler decides (type-only imports are
    // erased and do not count).
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The architecture, checked: the engine reaches the outside only through its Workspace port
    // and knows nothing of LSP wiring, the CLI or the protocol; nothing outside rules/ reaches into a
    // rule module (the registry and its types are the way in).
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'fs',
            'node:fs',
            'fs/promises',
            'node:fs/promises',
            'child_process',
            'node:child_process',
            'vscode',
            'vscode-languageserver',
            'vscode-languageserver/node',
          ],
          patterns: [
            { group: ['**/protocol', '**/lsp/*', '**/node/*', '**/cli/*'], message: 'The engine does not know its front ends.' },
            {
              group: ['**/rules/*', '!**/rules/index', '!**/rules/registry'],
              message: 'Only the rule registry is imported outside rules/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/service/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'node:fs', 'child_process', 'node:child_process', 'vscode', 'vscode-languageserver', 'vscode-languageserver/node'],
          patterns: [
            {
              group: ['**/protocol', '**/lsp/*', '**/node/*', '**/cli/*', '**/features/*'],
              message: 'A rule reads the model and reports; it does not know features or front ends.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks test internals: they may import any engine module (but a rule module
    // only through the registry, like everyone).
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/service/rules/*', '!**/service/rules/index', '!**/service/rules/registry'],
              message: 'Only the rule registry is imported outside rules/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The facade is the only door into the engine (docs/architecture.md): the language server's
    // wiring goes through service/index.ts (the service; it passes on core.ts and shared.ts).
    files: ['server/src/server.ts', 'server/src/lsp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/service/**', '!**/service/index', '!**/service/core', '!**/service/shared'],
              message: 'The server reaches the engine through its facade, service/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI, the MCP server and the node adapters go through service/core.ts: index.ts would
    // bring the editor's features (completion, hover, navigation, …) into the CLI's bundle.
    files: ['server/src/cli.ts', 'server/src/cli/**/*.ts', 'server/src/mcp/**/*.ts', 'server/src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/service/**', '!**/service/core', '!**/service/shared'],
              message: 'The CLI, the MCP server and the node adapters reach the engine through service/core.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The client and the typed protocol (which the client bundles), the CLI's loader and what it
    // loads take only service/shared.ts: pure words and helpers, no engine, no YAML library.
    files: ['client/src/**/*.ts', 'server/src/protocol.ts', 'server/src/cliLoader.ts', 'server/src/node/repoRoot.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/service/**', '!**/service/shared'],
              message: 'The client, the protocol and the CLI loader take only service/shared.ts (no engine in their bundles).',
            },
          ],
        },
      ],
    },
  },
);
