// The e2e entry `npm test` calls: a downloaded VS Code (@vscode/test-electron) when one is
// there or asked for, else the offline host (code-server + headless chromium), so the
// real-editor suite always runs. Exits with the suite's code.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const cache = path.join(ROOT, '.vscode-test');
const downloaded = fs.existsSync(cache) && fs.readdirSync(cache).some((d) => d.startsWith('vscode-'));
const host = process.env.REVIEW_SNAPSHOT_E2E_HOST || (downloaded ? 'electron' : 'offline');
console.error(
  `[e2e] host: ${host === 'electron' ? '@vscode/test-electron (downloaded VS Code)' : 'offline (code-server + headless chromium)'}`,
);
const script = host === 'electron' ? path.join(HERE, 'electron.mjs') : path.join(HERE, 'host', 'run-offline.mjs');
const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
process.exit(r.status ?? 1);
