// The offline real-VS Code host: code-server (VS Code 1.139 server + web workbench) on
// 127.0.0.1, driven by headless chromium. Installs what is missing, copies the fixture
// workspace to a temp dir, runs the e2e suite, and stops every process it started (process
// group kill, also on failure, timeout and Ctrl+C). Exit code: the suite's (124 on timeout).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const CACHE = process.env.E2E_CACHE || path.join(ROOT, '.vscode-test', 'offline');
const NODE24 = path.join(CACHE, 'node24', 'bin', 'node');
const ENTRY = path.join(CACHE, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const TIMEOUT = Number(process.env.E2E_TIMEOUT || 420);
const log = (m) => console.error(`[e2e-offline] ${m}`);

const install = spawnSync('bash', [path.join(HERE, 'install.sh')], { stdio: 'inherit' });
if (install.status !== 0) {
  log('install failed');
  process.exit(install.status || 1);
}
const built = (dir) => path.join(ROOT, 'out', 'test', 'e2e', dir, 'index.js');
if (!fs.existsSync(built('suite')) || !fs.existsSync(built('restricted')) || !fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
  log('build first: npm run build (dist/extension.js and out/test/e2e/{suite,restricted}/index.js are missing)');
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let server;
let scratch;
function stop() {
  if (!server || server.exitCode !== null) return;
  // code-server leads its own process group: end it and its children (extension host, watchers).
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      process.kill(-server.pid, 0);
    } catch {
      break;
    }
    spawnSync('sleep', ['0.2']);
  }
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}
function cleanup() {
  stop();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));

/**
 * One pass: a fresh code-server with its own user data, a fresh copy of the fixture workspace,
 * the tests of `suiteDir`; `trusted: false` runs it in Restricted Mode (workspace trust on, the
 * folder never trusted, no prompt).
 */
async function pass({ name, suiteDir, workspace, trusted, shots }) {
  log(`pass: ${name}`);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-e2e-'));
  const folder = path.join(scratch, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'e2e', workspace), folder, { recursive: true });
  const data = path.join(scratch, 'data');
  for (const d of ['user/User', 'extensions', 'home']) fs.mkdirSync(path.join(data, d), { recursive: true });
  fs.writeFileSync(
    path.join(data, 'user/User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.disableAIFeatures': true,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'git.enabled': false,
        'workbench.colorTheme': 'Default Light Modern',
        ...(trusted
          ? { 'security.workspace.trust.enabled': false }
          : {
              'security.workspace.trust.enabled': true,
              'security.workspace.trust.startupPrompt': 'never',
              'security.workspace.trust.banner': 'never',
            }),
      },
      null,
      2,
    ),
  );

  const port = await freePort();
  const logFile = path.join(CACHE, 'logs', `code-server-${suiteDir}.log`);
  const out = fs.openSync(logFile, 'w');
  server = spawn(
    NODE24,
    [
      ENTRY,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      path.join(data, 'user'),
      '--extensions-dir',
      path.join(data, 'extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      ...(trusted ? ['--disable-workspace-trust'] : []),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      // A built workbench ignores the test payload in the URL without this.
      '--vscode-option',
      'enable-smoke-test-driver',
      '--reconnection-grace-time',
      '10',
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        HOME: path.join(data, 'home'),
        XDG_CONFIG_HOME: path.join(data, 'home'),
        XDG_DATA_HOME: path.join(data, 'home'),
        PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
      },
    },
  );

  const up = Date.now();
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (server.exitCode !== null) {
      log(`code-server exited (${server.exitCode}); log: ${logFile}`);
      console.error(fs.readFileSync(logFile, 'utf8').slice(-3000));
      return 1;
    }
    if (Date.now() - up > 60000) {
      log('code-server did not come up in 60 s');
      return 1;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  log(`code-server up on 127.0.0.1:${port} in ${((Date.now() - up) / 1000).toFixed(1)}s`);

  const driver = spawnSync(
    process.execPath,
    [
      path.join(HERE, 'driver.js'),
      '--driverModules',
      path.join(CACHE, 'driver', 'node_modules'),
      '--port',
      String(port),
      '--ext',
      ROOT,
      '--tests',
      path.dirname(built(suiteDir)),
      '--folder',
      folder,
      '--shots',
      shots,
      '--timeout',
      String(TIMEOUT),
    ],
    { stdio: 'inherit' },
  );
  const code = driver.status ?? 1;
  log(`${name}: suite exit ${code}`);
  cleanup();
  return code;
}

const t0 = Date.now();
const main = await pass({
  name: 'the e2e suite (trusted workspace)',
  suiteDir: 'suite',
  workspace: 'workspace',
  trusted: true,
  shots: path.join(ROOT, 'test', 'e2e', 'screenshots'),
});
const restricted = await pass({
  name: 'Restricted Mode (untrusted workspace)',
  suiteDir: 'restricted',
  workspace: 'workspace-restricted',
  trusted: false,
  shots: path.join(os.tmpdir(), 'rs-e2e-restricted-shots'),
});
log(`both passes in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exit(main || restricted);
