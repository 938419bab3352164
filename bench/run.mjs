// Builds the benchmark (esbuild bundles it with the engine and the baselines) and runs it.
import * as esbuild from 'esbuild';
import { yamlData } from '../esbuild.plugins.mjs';
import { spawnSync } from 'node:child_process';

await esbuild.build({
  entryPoints: ['bench/bench.ts'],
  outfile: 'bench/out/bench.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  loader: { '.yaml': 'text' },
  plugins: [yamlData],
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--expose-gc', 'bench/out/bench.js'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
