// Runs inside the VS Code extension host (either host): mocha over every *.test.js beside
// this file. Prints `e2e: N passed, N failed, N skipped` alone on a line (test/run-all.mjs sums
// these); rejects when any test fails, and when none ran (a pass that found no test did not pass).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats;
      console.log(`e2e: ${s?.passes ?? 0} passed, ${failures} failed, ${s?.pending ?? 0} skipped`);
      if (failures > 0) reject(new Error(`${failures} e2e tests failed`));
      else if (!s?.passes) reject(new Error(`no e2e test ran (no *.test.js beside ${__dirname}, or every one skipped)`));
      else resolve();
    });
  });
}
