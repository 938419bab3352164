// Where a candidate was promoted: the specs of the repository that name its id. A spec is a
// Markdown or YAML file under the repository's `specs/` folder (where the contract's specs, the
// schema and the pending directory live), the pending directory excepted; one names an id when
// the id stands in it as a whole word. The files are read once per repository through the one
// guarded read (inside the repository, size-capped), kept until a file event, and bounded.
import * as path from 'node:path';
import { safeReadText } from '../node/safeFs';
import { walk } from '../node/walk';
import { isInside, toRepoPath, type IdPlace } from '../service/index';

/** The folder of a repository that holds its specs. */
export const SPECS_FOLDER = 'specs';
/** At most this many spec files, each at most this big, are read. */
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1024 * 1024;
const SPEC_FILE = /\.(?:md|markdown|ya?ml)$/i;
const ID_CHAR = /[\w-]/;

interface SpecText {
  abs: string;
  rel: string;
  text: string;
}

export class SpecScan {
  private readonly byRoot = new Map<string, SpecText[]>();

  forget(): void {
    this.byRoot.clear();
  }

  private texts(root: string, pendingDirectory: string): SpecText[] {
    const key = `${root}\0${pendingDirectory}`;
    const known = this.byRoot.get(key);
    if (known) return known;
    const pending = path.resolve(root, pendingDirectory);
    const out: SpecText[] = [];
    for (const abs of walk(path.join(root, SPECS_FOLDER))) {
      if (out.length >= MAX_FILES) break;
      if (!SPEC_FILE.test(abs) || isInside(pending, abs)) continue;
      const r = safeReadText(root, abs, MAX_FILE_BYTES);
      if (r.ok) out.push({ abs, rel: toRepoPath(root, abs) ?? abs, text: r.text });
    }
    this.byRoot.set(key, out);
    return out;
  }

  /** The specs that name `id` (whole word), with the line of the first mention. */
  places(root: string, pendingDirectory: string, id: string): IdPlace[] {
    const out: IdPlace[] = [];
    if (!id) return out;
    for (const s of this.texts(root, pendingDirectory)) {
      const at = wholeWord(s.text, id);
      if (at >= 0) out.push({ abs: s.abs, rel: s.rel, line: lineAt(s.text, at) });
    }
    return out;
  }
}

function wholeWord(text: string, id: string): number {
  for (let i = text.indexOf(id); i >= 0; i = text.indexOf(id, i + 1)) {
    const before = i > 0 ? text[i - 1] : '';
    const after = text[i + id.length] ?? '';
    if (!ID_CHAR.test(before) && !ID_CHAR.test(after)) return i;
  }
  return -1;
}

function lineAt(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
