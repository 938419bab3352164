// The extension as a user gets it: packed into a .vsix (vsix.mjs, as `npm run package` packs it),
// installed with `code-server --install-extension`, and its Details page opened in the Extensions
// editor. The page is a webview the extension host cannot see into: the test asks the offline
// host's driver (test/e2e/host/driver.js) to read it through Chromium's DevTools protocol, by
// logging `[e2e-details] FILE`; the driver writes what it saw to FILE. Offline host only.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from '../suite/util';

/** What the driver read in the Details page's webview. */
interface DetailsPage {
  /** The text of the page's first `h1`; undefined when no webview showed the README. */
  heading?: string;
  text: string;
  images: { alt: string; naturalWidth: number; complete: boolean; src: string }[];
  frames: string[];
}

suite('the installed .vsix', () => {
  test('its Details page is the user README, with every image loaded', async function () {
    this.timeout(120000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    // Installed from the package: a folder named id-version, holding no sources.
    assert.equal(path.basename(ext.extensionPath), `${EXTENSION_ID}-${ext.packageJSON.version}`);
    assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'client')), 'the installed folder has no sources');
    const packed = fs.readdirSync(ext.extensionPath).find((f) => /^readme\.md$/i.test(f));
    assert.ok(packed, 'the package holds a README');
    const readme = fs.readFileSync(path.join(ext.extensionPath, packed), 'utf8');
    const heading = /^# (.+)$/m.exec(readme)?.[1];
    const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+)/g)];
    assert.ok(heading && images.length > 0, 'the README has a title and images');

    await vscode.commands.executeCommand('extension.open', EXTENSION_ID);
    const result = path.join(os.tmpdir(), `rs-e2e-details-${process.pid}-${Date.now()}.json`);
    console.log(`[e2e-details] ${result}`);
    const page = await waitFor(
      'the driver to read the Details page',
      () => fs.existsSync(result) && (JSON.parse(fs.readFileSync(result, 'utf8')) as DetailsPage),
      90000,
    );
    fs.rmSync(result, { force: true });
    assert.equal(page.heading, heading, `the README's title, in a webview among: ${page.frames.join(', ')}`);
    // The user README, not the developer guide.
    assert.ok(page.text.includes('Install') && page.text.includes('Commands'), 'the user sections are there');
    for (const dev of ['npm run bench', 'Contributing to Review Snapshot', 'Real-editor tests']) {
      assert.ok(!page.text.includes(dev), `no "${dev}" on the Details page`);
    }
    const shown = new Set(page.images.map((i) => i.alt));
    assert.deepEqual(
      images.map((m) => m[1]).filter((alt) => !shown.has(alt)),
      [],
      `images of the README missing from the page (it shows ${page.images.length} of ${images.length})`,
    );
    const broken = page.images.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => `${i.alt} (${i.src})`);
    assert.deepEqual(broken, [], 'images that did not load');
  });
});
