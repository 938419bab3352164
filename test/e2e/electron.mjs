// The same e2e suite in a downloaded VS Code (needs internet the first time): the version is
// the minimum of package.json's engines.vscode, so the suite tests what the manifest promises.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const version = pkg.engines.vscode.replace(/^[^\d]*/, '');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-e2e-'));
const folder = path.join(scratch, 'workspace');
fs.cpSync(path.join(HERE, 'workspace'), folder, { recursive: true });
try {
  await runTests({
    version,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js'),
    launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.exitCode = 0;
} catch (e) {
  console.error(`[e2e] ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
