// Packs the extension into a .vsix with @vscode/vsce, from what dist/ holds now (`npm run package`
// builds it minified first; the e2e Details-page pass packs the test build).
//
// The README is the extension's Details page. VS Code shows it in a webview that displays only
// https: images: its sanitizer keeps an image's source only for http: and https: URLs (relative
// paths and data: URLs are dropped) and its Content-Security-Policy loads images from https: and
// data: only. So the README's relative screenshots show there only once they are rewritten to an
// https base, which vsce does when it packs:
//   - package.json names a GitHub or GitLab `repository`: vsce rewrites them to its raw files;
//   - `--images-url URL` (or REVIEW_SNAPSHOT_IMAGES_URL): vsce prefixes them with URL, where
//     the repository's files are served (the e2e pass serves them on 127.0.0.1 over https);
//   - neither: no image of the packed README could show, and a newcomer would see a broken image
//     for each. The packed README then carries each screenshot's caption in its place instead
//     (dist/readme-packed.md, given to vsce as --readme-path; said on standard error).
// The screenshots themselves never ship: from a base the page loads them over https, and the
// package carries only what the editor shows from it (the walkthrough's media, docs/walkthrough/).
//
//   node vsix.mjs [--out FILE] [--images-url https://…/]      (default out: review-snapshot.vsix)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The folder packed: this one when run as `npm run package`; the packaging test packs a copy. */
const ROOT = process.cwd();
/** Where the README without images is written for vsce (inside the folder: vsce reads it there). */
const PACKED_README = 'dist/readme-packed.md';

/**
 * The README with every image replaced by its caption, in italics, as a paragraph of its own:
 * `![alt](src)` -> `*Screenshot: alt*`. Images inside fenced code blocks are text and stay.
 */
function withoutImages(markdown) {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
      if (fenced) return line;
      return line.replace(/!\[([^\]]*)\]\([^)]*\)/g, (_, alt) => (alt.trim() ? `*Screenshot: ${alt.trim()}*` : ''));
    })
    .join('\n');
}

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const out = path.resolve(option('--out') ?? path.join(ROOT, 'review-snapshot.vsix'));
const imagesUrl = option('--images-url') ?? process.env.REVIEW_SNAPSHOT_IMAGES_URL;
if (imagesUrl !== undefined && !/^https:\/\/\S+\/$/.test(imagesUrl)) {
  console.error(`vsix.mjs: --images-url must be an https URL ending in "/", not "${imagesUrl}"`);
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const args = ['package', '--no-dependencies', '--out', out];
if (imagesUrl) args.push('--baseImagesUrl', imagesUrl, '--allow-missing-repository');
else if (!pkg.repository) {
  fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, PACKED_README), withoutImages(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')));
  args.push('--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', PACKED_README);
  console.error(
    'vsix.mjs: package.json names no repository and no --images-url was given: the packed README shows each ' +
      "screenshot's caption in its place (VS Code's Details page shows https: images only).",
  );
}
const vsce = path.join(path.dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
const r = spawnSync(process.execPath, [vsce, ...args], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
