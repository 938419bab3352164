#!/usr/bin/env node
// Drives a running code-server workbench with headless Debian chromium (playwright-core):
// opens the folder with the extension under development and the tests in the URL payload,
// forwards the extension host's console, takes screenshots when the suite asks for one
// (a log line `[e2e-screenshot] NAME`), reads the extension Details page's webview when the suite
// asks (a log line `[e2e-details] FILE`: what it saw is written to FILE as JSON), and the rows of
// the editor's suggest widget (`[e2e-suggest] FILE`, written likewise), and exits with
// the code VS Code reports through window.codeAutomationExit.
//   node driver.js --port P --ext DIR --tests DIR --folder DIR [--shots DIR] [--timeout S] [--trustSpki HASH] [--verbose]
/* global document -- in the page, where page.evaluate runs its callbacks */
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { createRequire } = require('module');

function args() {
  const a = {};
  const v = process.argv.slice(2);
  for (let i = 0; i < v.length; i++) if (v[i].startsWith('--')) a[v[i].slice(2)] = v[i + 1] && !v[i + 1].startsWith('--') ? v[++i] : true;
  return a;
}
const A = args();
const { chromium } = createRequire(path.join(A.driverModules, 'x.js'))('playwright-core');
const authority = `127.0.0.1:${A.port}`;
const remote = (p) => 'vscode-remote://' + authority + encodeURI(path.resolve(p));
const timeoutMs = Number(A.timeout || 300) * 1000;
const t0 = Date.now();
const log = (...m) => console.log(`[driver +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...m);

/**
 * Reads the extension Details page: the webview frame whose first `h1` is the README's title
 * (the Extensions editor shows the README in a webview of its own), its text and its images,
 * waiting up to 30 s for the images to finish loading; screenshots the page at its top and at its
 * first image into `shots`; writes what it saw to `file` (atomically: the test polls for it).
 */
/** The rows the editor's suggest widget shows now (its labels, top to bottom), written to FILE as JSON. */
async function readSuggestWidget(page, file) {
  const rows = await page
    .evaluate(() =>
      [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')]
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((r) => (r.querySelector('.label-name') || r).textContent.trim()),
    )
    .catch((e) => ({ error: e.message }));
  fs.writeFileSync(file, JSON.stringify({ rows }));
  log('suggest widget', JSON.stringify(rows));
}

async function readDetailsPage(page, file, shots) {
  const deadline = Date.now() + 30000;
  let seen = { text: '', images: [], frames: [] };
  let frame;
  for (;;) {
    seen.frames = page.frames().map((f) => f.url().replace(/\?.*/, '').slice(-60));
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      const r = await f
        .evaluate(() => {
          const h1 = document.querySelector('h1');
          if (!h1 || !document.body) return undefined;
          const images = [...document.images].map((i) => ({
            alt: i.alt,
            naturalWidth: i.naturalWidth,
            complete: i.complete,
            src: (i.getAttribute('src') || '').slice(0, 30),
          }));
          return { heading: h1.textContent.trim(), text: document.body.innerText, images };
        })
        .catch(() => undefined);
      if (r) {
        seen = { ...r, frames: seen.frames };
        frame = f;
        break;
      }
    }
    const loaded = frame && seen.images.length && seen.images.every((i) => i.complete);
    if (loaded || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (shots && frame) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'details-page.png') }).catch((e) => log('screenshot failed', e.message));
    await frame.evaluate(() => document.images[0]?.scrollIntoView()).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    await page.screenshot({ path: path.join(shots, 'details-page-image.png') }).catch((e) => log('screenshot failed', e.message));
    log('screenshots', path.join(shots, 'details-page.png'), path.join(shots, 'details-page-image.png'));
  }
  log(`details page: ${seen.heading === undefined ? 'no README webview' : `"${seen.heading}", ${seen.images.length} images`}`);
  fs.writeFileSync(`${file}.part`, JSON.stringify(seen));
  fs.renameSync(`${file}.part`, file);
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    viewport: { width: 1400, height: 900 },
    // Without the background-networking flags chromium tries hosts this machine cannot reach.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A certificate the pass made for a server of its own on 127.0.0.1 (its public key's hash).
      ...(A.trustSpki ? [`--ignore-certificate-errors-spki-list=${A.trustSpki}`] : []),
    ],
  });
  let code;
  try {
    const page = context.pages()[0] || (await context.newPage());
    const payload = [
      ['extensionDevelopmentPath', remote(A.ext)],
      ['extensionTestsPath', remote(A.tests)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `http://${authority}/?folder=${encodeURIComponent(path.resolve(A.folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    let finish;
    const finished = new Promise((r) => (finish = r));
    const noise =
      /AgentHost|ChatModelSelection|AccountPolicyGate|open-vsx|authentication provider|extensionquery|Service Worker|connection token|Creating a socket|reconnection-grace-time|builtin extensions cache/;
    let shots = Promise.resolve();
    await page.exposeFunction('codeAutomationLog', (type, argv) => {
      const line = util.format(...(argv || [])).replace(/\s+$/, '');
      const details = /^\[e2e-details\] (\S+\.json)$/.exec(line.trim());
      if (details) {
        shots = shots.then(() => readDetailsPage(page, details[1], A.shots));
        return;
      }
      const suggest = /^\[e2e-suggest\] (\S+\.json)$/.exec(line.trim());
      if (suggest) {
        shots = shots.then(() => readSuggestWidget(page, suggest[1]));
        return;
      }
      const shot = /^\[e2e-screenshot\] ([\w.-]+)$/.exec(line.trim());
      if (shot && A.shots) {
        fs.mkdirSync(A.shots, { recursive: true });
        const file = path.join(A.shots, `${shot[1]}.png`);
        shots = shots
          .then(() => page.screenshot({ path: file }))
          .then(
            () => log('screenshot', file),
            (e) => log('screenshot failed', e.message),
          );
        return;
      }
      if (!A.verbose && (noise.test(line) || !line.trim())) return;
      if (/^\S+: \d+ passed, \d+ failed(?:, \d+ skipped)?$/.test(line.trim())) console.log(line.trim());
      else console.log(`[vscode:${type}] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (c) => {
      log('codeAutomationExit', c);
      finish(c);
    });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    log('open', url);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const r = await Promise.race([finished, new Promise((res) => setTimeout(() => res('timeout'), timeoutMs))]);
    await shots;
    if (r === 'timeout') {
      log(`TIMEOUT after ${timeoutMs / 1000}s`);
      code = 124;
    } else code = Number(r);
  } finally {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(code);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
