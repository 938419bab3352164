// The offline real-VS Code host: code-server (VS Code 1.139 server + web workbench) on
// 127.0.0.1, driven by headless chromium. Installs what is missing, copies the fixture
// workspace to a temp dir, runs the e2e passes (the suite, Restricted Mode, the Details page of
// the packed .vsix), and stops every process it started (process group kill, also on failure,
// timeout and Ctrl+C). Exit code: the first failing pass's (124 on timeout).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repositoryAbove } from '../repositoryAbove.mjs';

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

// E2E_PASSES=suite,restricted,details,monorepo (any of them) runs only those; all of them by default.
const PASSES = [
  {
    name: 'the e2e suite (trusted workspace)',
    suiteDir: 'suite',
    workspace: 'workspace',
    trusted: true,
    shots: path.join(ROOT, 'test', 'e2e', 'screenshots'),
  },
  {
    name: 'Restricted Mode (untrusted workspace)',
    suiteDir: 'restricted',
    workspace: 'workspace-restricted',
    trusted: false,
    shots: path.join(os.tmpdir(), 'rs-e2e-restricted-shots'),
  },
  {
    name: 'a package of a monorepo opened alone (the repository root above the folder)',
    suiteDir: 'monorepo',
    workspace: 'workspace-monorepo',
    trusted: true,
    shots: path.join(ROOT, 'test', 'e2e', 'screenshots'),
    prepare: repositoryAbove,
  },
  {
    name: 'the Details page of the installed .vsix',
    suiteDir: 'details',
    trusted: true,
    shots: path.join(ROOT, 'test', 'e2e', 'screenshots'),
    prepare: installVsix,
    // No extension gallery, as in an editor that has none or cannot reach it: Extensions: Open
    // (extension.open) asks the gallery first and fails when it is unreachable, as here.
    env: { EXTENSIONS_GALLERY: '{}' },
  },
];
const built = (dir) => path.join(ROOT, 'out', 'test', 'e2e', dir, 'index.js');
if (!PASSES.every((p) => fs.existsSync(built(p.suiteDir))) || !fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
  log(`build first: npm run build (dist/extension.js and out/test/e2e/{${PASSES.map((p) => p.suiteDir).join(',')}}/index.js are missing)`);
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
let driver;
/** What a pass started besides code-server (the image server), stopped with it. */
let closers = [];
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
  if (driver && driver.exitCode === null) driver.kill('SIGKILL');
  stop();
  for (const close of closers.splice(0)) close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));

/** The environment code-server runs in: its HOME and XDG folders in the pass's scratch data. */
function serverEnv(data, extra = {}) {
  return {
    ...process.env,
    ...extra,
    HOME: path.join(data, 'home'),
    XDG_CONFIG_HOME: path.join(data, 'home'),
    XDG_DATA_HOME: path.join(data, 'home'),
    PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
  };
}

/**
 * Serves the README's images over https on 127.0.0.1, as the repository's raw files would be
 * served once it is published: VS Code's Details page shows https: images only (see vsix.mjs).
 * The certificate is made here by openssl, for 127.0.0.1, and trusted by the test's Chromium
 * alone (by its public key). Only files under docs/images/ are served.
 */
async function startImageServer(scratch) {
  const key = path.join(scratch, 'key.pem');
  const cert = path.join(scratch, 'cert.pem');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.error?.message ?? made.stderr}`);
  const pem = fs.readFileSync(cert);
  const images = path.join(ROOT, 'docs', 'images');
  const server = https.createServer({ key: fs.readFileSync(key), cert: pem }, (req, res) => {
    const file = path.join(ROOT, decodeURIComponent(new URL(req.url, 'https://x').pathname));
    const ok = req.method === 'GET' && file.startsWith(images + path.sep) && /\.png$/.test(file) && fs.existsSync(file);
    res.writeHead(ok ? 200 : 404, { 'content-type': ok ? 'image/png' : 'text/plain' });
    res.end(ok ? fs.readFileSync(file) : 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const spki = createHash('sha256')
    .update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
  return { url: `https://127.0.0.1:${server.address().port}/`, spki, close: () => server.close() };
}

/**
 * Before the Details-page pass: serves the images (above), packs the .vsix as `npm run package`
 * does (vsix.mjs, from the test build) with its images at that https base, installs it into the
 * pass's extensions folder with code-server's --install-extension, and writes the development
 * extension the tests run in (a manifest only: the extension under test is the installed one).
 */
async function installVsix(scratch, data) {
  const images = await startImageServer(scratch);
  closers.push(images.close);
  const vsix = path.join(scratch, 'review-snapshot.vsix');
  const t0 = Date.now();
  const packed = spawnSync(process.execPath, [path.join(ROOT, 'vsix.mjs'), '--out', vsix, '--images-url', images.url], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (packed.status !== 0) {
    throw new Error(`vsix.mjs failed (${packed.status}):\n${packed.stdout.slice(-2000)}${packed.stderr.slice(-2000)}`);
  }
  log(`packed: ${/Packaged: .*$/m.exec(packed.stdout)?.[0] ?? vsix} in ${((Date.now() - t0) / 1000).toFixed(1)}s, images at ${images.url}`);
  const installed = spawnSync(
    NODE24,
    [ENTRY, '--install-extension', vsix, '--extensions-dir', path.join(data, 'extensions'), '--user-data-dir', path.join(data, 'user')],
    { encoding: 'utf8', env: serverEnv(data), timeout: 120000 },
  );
  if (installed.status !== 0) {
    throw new Error(
      `code-server --install-extension failed (${installed.status ?? installed.signal}):\n${installed.stdout}${installed.stderr}`,
    );
  }
  log(installed.stdout.trim().split('\n').pop());
  const host = path.join(scratch, 'details-host');
  fs.mkdirSync(host);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.writeFileSync(
    path.join(host, 'package.json'),
    JSON.stringify({ name: 'details-page-tests', publisher: 'review-snapshot-tests', version: '0.0.0', engines: pkg.engines }),
  );
  return { ext: host, driverArgs: ['--trustSpki', images.spki] };
}

/**
 * One pass: a fresh code-server with its own user data, a fresh copy of the fixture workspace
 * (an empty folder when `workspace` is not given), the tests of `suiteDir`; `trusted: false` runs
 * it in Restricted Mode (workspace trust on, the folder never trusted, no prompt). `prepare`
 * runs before code-server starts and may return `{ ext, driverArgs }`: the development extension's
 * folder (default: this project) and more arguments for the driver; `env` is added to
 * code-server's environment.
 */
async function pass({ name, suiteDir, workspace, trusted, shots, prepare, env }) {
  log(`pass: ${name}`);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-e2e-'));
  const folder = path.join(scratch, 'workspace');
  if (workspace) fs.cpSync(path.join(ROOT, 'test', 'e2e', workspace), folder, { recursive: true });
  else fs.mkdirSync(folder);
  const data = path.join(scratch, 'data');
  for (const d of ['user/User', 'extensions', 'home']) fs.mkdirSync(path.join(data, d), { recursive: true });
  let prepared = { ext: ROOT, driverArgs: [] };
  if (prepare) {
    try {
      prepared = (await prepare(scratch, data)) ?? prepared;
    } catch (e) {
      log(`${name}: ${e.message}`);
      cleanup();
      return 1;
    }
  }
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
      env: serverEnv(data, env),
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

  // Not spawnSync: a server of this process (the Details pass's images) answers while it runs.
  driver = spawn(
    process.execPath,
    [
      path.join(HERE, 'driver.js'),
      '--driverModules',
      path.join(CACHE, 'driver', 'node_modules'),
      '--port',
      String(port),
      '--ext',
      prepared.ext,
      '--tests',
      path.dirname(built(suiteDir)),
      '--folder',
      folder,
      '--shots',
      shots,
      '--timeout',
      String(TIMEOUT),
      ...prepared.driverArgs,
      ...(process.env.E2E_VERBOSE ? ['--verbose'] : []),
    ],
    { stdio: 'inherit' },
  );
  const code = await new Promise((resolve) => driver.on('close', (c) => resolve(c ?? 1)));
  log(`${name}: suite exit ${code}`);
  cleanup();
  return code;
}

const only = process.env.E2E_PASSES?.split(',').map((p) => p.trim());
const unknown = only?.filter((p) => !PASSES.some((x) => x.suiteDir === p)) ?? [];
if (unknown.length) {
  log(`E2E_PASSES: no pass named ${unknown.join(', ')} (the passes: ${PASSES.map((x) => x.suiteDir).join(', ')})`);
  process.exit(2);
}
const t0 = Date.now();
let code = 0;
for (const p of PASSES.filter((x) => !only || only.includes(x.suiteDir))) {
  const t = Date.now();
  const c = await pass(p);
  log(`${p.name}: ${((Date.now() - t) / 1000).toFixed(0)} s`);
  code ||= c;
}
log(`all passes in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exit(code);
