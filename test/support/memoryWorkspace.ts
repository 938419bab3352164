// The engine's Workspace port in memory, for unit tests: files (and symbolic links, to test
// containment) given as absolute paths, no disk. Follows the disk implementation's rules: a path
// outside the folder, as written or once links are resolved, is `outside`.
import * as path from 'node:path';
import { isInside } from '../../server/src/service/repo/paths';
import {
  MAX_DIR_ENTRIES,
  MAX_READ_BYTES,
  type DirEntry,
  type FileKind,
  type ReadResult,
  type Workspace,
} from '../../server/src/service/repo/workspace';

export class InMemoryWorkspace implements Workspace {
  readonly files = new Map<string, string>();
  /** Symbolic links: absolute link path → absolute target. */
  readonly links = new Map<string, string>();
  /** How many reads went to each path (tests of caching). */
  readonly reads = new Map<string, number>();

  constructor(files: Record<string, string> = {}, links: Record<string, string> = {}) {
    for (const [p, t] of Object.entries(files)) this.files.set(path.resolve(p), t);
    for (const [p, t] of Object.entries(links)) this.links.set(path.resolve(p), path.resolve(t));
  }

  /** Resolves links in every segment, as realpath does (loops give undefined). */
  private real(abs: string): string {
    let cur = path.parse(abs).root;
    for (const seg of abs.slice(cur.length).split(path.sep).filter(Boolean)) {
      cur = path.join(cur, seg);
      for (let hops = 0; this.links.has(cur); hops++) {
        if (hops > 32) return '';
        cur = this.links.get(cur)!;
      }
    }
    return cur;
  }

  private kind(real: string): FileKind | undefined {
    if (this.files.has(real)) return 'file';
    const prefix = real + path.sep;
    for (const f of this.files.keys()) if (f.startsWith(prefix)) return 'dir';
    return undefined;
  }

  stat(root: string, abs: string): FileKind | 'outside' | undefined {
    if (!isInside(root, abs)) return 'outside';
    const real = this.real(abs);
    if (!real) return undefined;
    if (!isInside(this.real(root), real)) return 'outside';
    return this.kind(real);
  }

  readText(root: string, abs: string, maxBytes = MAX_READ_BYTES): ReadResult {
    this.reads.set(abs, (this.reads.get(abs) ?? 0) + 1);
    const k = this.stat(root, abs);
    if (k === 'outside') return { ok: false, reason: 'outside' };
    if (k === undefined) return { ok: false, reason: 'missing' };
    if (k === 'dir') return { ok: false, reason: 'not-a-file', detail: 'dir' };
    const text = this.files.get(this.real(abs))!;
    if (Buffer.byteLength(text) > maxBytes) return { ok: false, reason: 'too-large', limit: maxBytes };
    return { ok: true, text };
  }

  lineCount(root: string, abs: string): number | undefined {
    const r = this.readText(root, abs);
    if (!r.ok) return undefined;
    const n = r.text.split('\n').length;
    return r.text.endsWith('\n') ? n - 1 : n;
  }

  list(root: string, abs: string, max = MAX_DIR_ENTRIES): DirEntry[] | undefined {
    if (this.stat(root, abs) !== 'dir') return undefined;
    const real = this.real(abs);
    const names = new Map<string, DirEntry>();
    const under = (p: string) => (p.startsWith(real + path.sep) ? p.slice(real.length + 1).split(path.sep)[0] : undefined);
    for (const f of this.files.keys()) {
      const name = under(f);
      if (name && !names.has(name)) names.set(name, { name, kind: path.join(real, name) === f ? 'file' : 'dir', link: false });
    }
    for (const l of this.links.keys()) {
      const name = under(l);
      const kind = name ? this.stat(root, path.join(abs, name)) : undefined;
      if (name && path.join(real, name) === l && (kind === 'file' || kind === 'dir')) names.set(name, { name, kind, link: true });
    }
    return [...names.values()].slice(0, max);
  }

  /** As the disk's `writablePlace`: inside, not a link, no dangling link or file on the way. */
  writable(root: string, abs: string): string | undefined {
    if (!isInside(root, abs)) return `${abs} is outside the folder`;
    if (this.links.has(abs)) return `${abs} is a symbolic link; it is not followed`;
    for (let dir = path.dirname(abs); isInside(root, dir) && dir !== root; dir = path.dirname(dir)) {
      const real = this.real(dir);
      const kind = real ? this.kind(real) : undefined;
      if (this.links.has(dir) && !kind) return `${dir} is a symbolic link that leads nowhere; it is not followed`;
      if (kind && !isInside(this.real(root), real)) return `${dir} leads outside the folder`;
      if (kind === 'file') return `${dir} is not a folder`;
      if (kind) return undefined;
    }
    return undefined;
  }
}
