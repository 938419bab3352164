// The same e2e suite in a downloaded VS Code (needs internet the first time): the version is
// the minimum of package.json's engines.vscode, so the suite tests what the manifest promises.
// The passes of the offline host but one: the suite in a trusted workspace, the Restricted Mode
// tests in a workspace that is never trusted, a package of a monorepo opened alone. (The Details
// page of the installed .vsix is read through the offline host's Chromium driver: offline only.)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { repositoryAbove } from './repositoryAbove.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const version = pkg.engines.vscode.replace(/^\D*/, '');

async function pass(suiteDir, workspace, trusted, prepare) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-e2e-'));
  const folder = path.join(scratch, 'workspace');
  fs.cpSync(path.join(HERE, workspace), folder, { recursive: true });
  prepare?.(scratch);
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      trusted
        ? {}
        : {
            'security.workspace.trust.enabled': true,
            'security.workspace.trust.startupPrompt': 'never',
            'security.workspace.trust.banner': 'never',
          },
    ),
  );
  try {
    await runTests({
      version,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'e2e', suiteDir, 'index.js'),
      launchArgs: [
        folder,
        '--disable-extensions',
        '--user-data-dir',
        userData,
        ...(trusted ? ['--disable-workspace-trust'] : []),
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
    return 0;
  } catch (e) {
    console.error(`[e2e] ${suiteDir}: ${e instanceof Error ? e.message : e}`);
    return 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const main = await pass('suite', 'workspace', true);
const restricted = await pass('restricted', 'workspace-restricted', false);
const monorepo = await pass('monorepo', 'workspace-monorepo', true, repositoryAbove);
process.exitCode = main || restricted || monorepo;
