// esbuild plugins shared by the product build (esbuild.mjs) and the benchmark's (bench/run.mjs).
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { parse } from 'yaml';

/**
 * `import data from './x.yaml?data'`: the YAML file parsed at build time, bundled as JSON. The
 * bundled conventions are read this way: parsing them at run time was the first (cold) use of
 * the YAML library in every short CLI run, about 20 ms.
 */
export const yamlData = {
  name: 'yaml-data',
  setup(build) {
    build.onResolve({ filter: /\.yaml\?data$/ }, (a) => ({
      path: resolve(a.resolveDir, a.path.slice(0, -'?data'.length)),
      namespace: 'yaml-data',
    }));
    build.onLoad({ filter: /.*/, namespace: 'yaml-data' }, (a) => ({
      contents: JSON.stringify(parse(readFileSync(a.path, 'utf8'))),
      loader: 'json',
      resolveDir: dirname(a.path),
      watchFiles: [a.path],
    }));
  },
};
