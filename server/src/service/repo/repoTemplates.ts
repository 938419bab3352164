// The repository's own snapshot templates: the snapshots that match the `templates` globs
// (e.g. docs/reviews/templates/review_snapshot.md), less those the `ignores` globs leave out and
// those the `files` globs make snapshots (files.ts `isTemplatePath`, as `classifyFile` decides).
// They serve twice: New Snapshot starts from one, and the alternatives a template offers for a
// value (`Runner lane: <docs|governance|discovery>`, `success \| failure \| skipped`,
// `pass/fail/skipped`, `risk: <low|moderate|high>`) are that repository's conventional values,
// beside the bundled ones; a value that is already conventional (`rust|required`) is one value,
// not alternatives, and a lane list `rust|required | mixed` offers whole lanes, never fragments.
// Found through the Workspace port with a bounded walk (links are not followed; at most
// MAX_TEMPLATES files and MAX_TEMPLATES_BYTES in all are read), in steps the server runs in time
// slices, and remembered per folder until a Markdown file or a folder changes; what each
// template offers is remembered by its content, so a changed folder re-reads but does not re-parse.
import * as path from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import { deref } from '../model/candidates';
import { META, TABLE } from '../contract/contract';
import type { Conventions, OfferedConventions } from '../contract/conventions';
import { hasSnapshotTitle, isTemplatePath, matchesFiles, templatesCouldBeUnder, type CompiledGlobs, type TemplateGlobs } from './files';
import { offeredChoices } from '../contract/placeholders';
import { tableKeyOf } from '../contract/schema';
import { parseSnapshot, type SnapshotModel } from '../model/snapshot';
import { drain } from '../steps';
import { Memo } from '../model/text';
import type { Workspace } from './workspace';

export interface RepoTemplate {
  abs: string;
  /** From the workspace folder, with `/`. */
  rel: string;
  text: string;
}

/** What the templates of a folder offer as conventional values, by place. */
export type OfferedValues = OfferedConventions;

/** A walk for templates stops after this many folders, and this deep: a repository's docs are shallow. */
const MAX_DIRS = 2000;
const MAX_DEPTH = 10;
/** Templates are small; a bigger file in a templates folder is not read. */
const MAX_TEMPLATE_BYTES = 256 * 1024;
/**
 * A repository has a few templates: the walk reads at most this many, and this much in all (a
 * templates folder of thousands of large files is the repository's to hold, not ours to parse).
 */
export const MAX_TEMPLATES = 64;
export const MAX_TEMPLATES_BYTES = 2 * 1024 * 1024;

/** Work done on templates (folders listed, files read, templates parsed), counted for the tests that check it is bounded. */
export const templateWork = { listed: 0, read: 0, parsed: 0 };
/** Folders never walked: they hold dependencies, builds or tool state, not templates. */
const SKIPPED = new Set(['node_modules', 'dist', 'out', 'build', 'target', 'vendor']);

/** The folders a glob's matches lie under: its segments before the first with a glob character. */
function staticBase(glob: string): string {
  const parts: string[] = [];
  for (const p of glob.split('/')) {
    if (/[*?[\]{}!()]/.test(p)) break;
    parts.push(p);
  }
  // A glob without magic names one file: its folder is the base.
  return (parts.length === glob.split('/').length ? parts.slice(0, -1) : parts).join('/');
}

function emptyOffered(): OfferedValues {
  return { runnerLanes: [], statuses: [], severities: [], verification: [], candidateTypes: [], candidateClasses: [], candidateRisks: [] };
}

function addAll(into: string[], values: string[]): void {
  for (const v of values) if (!into.includes(v)) into.push(v);
}

/**
 * What a template offers for a value: whole values, split only where alternatives are separated
 * (` | `, `\|`, `/`, or `|` inside `<…>`), so a lane `rust|required` is one lane and its
 * fragments `rust`, `required` are never conventional. A value already conventional is one value.
 */
function offered(value: string, conventional: readonly string[]): string[] {
  return conventional.includes(value.trim()) ? [] : offeredChoices(value, conventional);
}

function offeredInTables(model: SnapshotModel, conv: Conventions, out: OfferedValues): void {
  const col = conv.columns;
  for (const s of model.sections) {
    const key = tableKeyOf(s.name);
    if (key !== TABLE.log && key !== TABLE.findings) continue;
    const table = model.tables.get(s)?.[0];
    if (!table) continue;
    const names = table.header.cells.map((c) => c.text);
    const st = conv.statuses;
    const places: [number, string[], readonly string[]][] = [
      [names.indexOf(col.status), out.statuses, [...st.pass, ...st.fail, ...st.skipped]],
      [names.indexOf(col.severity), out.severities, [...conv.severities.keys()]],
      [names.indexOf(col.verification), out.verification, conv.verification],
    ];
    for (const row of table.rows) {
      for (const [i, into, known] of places) if (i >= 0 && row.cells[i]) addAll(into, offered(row.cells[i].text, known));
    }
  }
}

function offeredInCandidates(model: SnapshotModel, conv: Conventions, out: OfferedValues): void {
  const block = model.candidates;
  if (!block || !isSeq(block.doc.contents)) return;
  // Keyed by document text: a Map, so `constructor:` or `__proto__:` is just a key no place has.
  const places = new Map<string, [string[], readonly string[]]>([
    ['type', [out.candidateTypes, conv.candidateTypes]],
    ['class', [out.candidateClasses, conv.candidateClasses]],
    ['risk', [out.candidateRisks, conv.candidateRisks]],
  ]);
  for (const raw of block.doc.contents.items) {
    const item = deref(block.doc, raw);
    if (!isMap(item)) continue;
    for (const pair of item.items) {
      const place = isScalar(pair.key) ? places.get(String(pair.key.value)) : undefined;
      const v = deref(block.doc, pair.value);
      if (place && isScalar(v) && typeof v.value === 'string') addAll(place[0], offered(v.value, place[1]));
    }
  }
}

/** The alternatives a template offers, by the place they are offered for. */
export function offeredValues(text: string, conv: Conventions): OfferedValues {
  const model = parseSnapshot(text);
  const out = emptyOffered();
  const lane = model.metadata.find((e) => e.key === META.runnerLane);
  if (lane) addAll(out.runnerLanes, offered(lane.value, conv.runnerLanes));
  offeredInTables(model, conv, out);
  offeredInCandidates(model, conv, out);
  return out;
}

/**
 * Whether every value the conventions judge in a snapshot is already one of `conv`'s, exactly as
 * written: the runner lane, the status, severity and verification cells of every table, the
 * candidates' type, class and risk (an empty value is judged by no convention). Templates only
 * add values outside `conv` (`offered`), so then what they offer changes no finding: a check may
 * leave the repository's templates unread (`CheckInput.templatesWhenNeeded`). Anything else
 * (a value of another shape, a list where a value goes) answers false.
 */
export function judgedValuesConventional(model: SnapshotModel, conv: Conventions): boolean {
  const known = judgedOf(conv);
  const is = (v: string, values: ReadonlySet<string>) => values.has(v) || v.trim() === '';
  if (model.metadata.some((e) => e.key === META.runnerLane && !is(e.value, known.lanes))) return false;
  const col = conv.columns;
  const places: [string, ReadonlySet<string>][] = [
    [col.status, known.statuses],
    [col.severity, known.severities],
    [col.verification, known.verification],
  ];
  for (const tables of model.tables.values()) {
    for (const table of tables) {
      const cells = table.header.cells;
      for (const [name, values] of places) {
        const i = cells.findIndex((c) => c.text === name);
        if (i >= 0 && table.rows.some((r) => r.cells[i] && !is(r.cells[i].text, values))) return false;
      }
    }
  }
  return candidatesConventional(model, known.candidates);
}

/** The values each place of `judgedValuesConventional` accepts, as sets: worked out once per conventions object. */
interface Judged {
  lanes: ReadonlySet<string>;
  statuses: ReadonlySet<string>;
  severities: ReadonlySet<string>;
  verification: ReadonlySet<string>;
  candidates: ReadonlyMap<string, ReadonlySet<string>>;
}
const judgedSets = new WeakMap<Conventions, Judged>();

function judgedOf(c: Conventions): Judged {
  let j = judgedSets.get(c);
  if (!j) {
    const st = c.statuses;
    j = {
      lanes: new Set(c.runnerLanes),
      statuses: new Set([...st.pass, ...st.fail, ...st.skipped]),
      severities: new Set(c.severities.keys()),
      verification: new Set(c.verification),
      candidates: new Map([
        ['type', new Set(c.candidateTypes)],
        ['class', new Set(c.candidateClasses)],
        ['risk', new Set(c.candidateRisks)],
      ]),
    };
    judgedSets.set(c, j);
  }
  return j;
}

function candidatesConventional(model: SnapshotModel, places: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const block = model.candidates;
  if (!block || !isSeq(block.doc.contents)) return true;
  for (const raw of block.doc.contents.items) {
    const item = deref(block.doc, raw);
    if (!isMap(item)) continue;
    for (const pair of item.items) {
      const known = isScalar(pair.key) ? places.get(String(pair.key.value)) : undefined;
      if (!known) continue;
      const v = deref(block.doc, pair.value);
      if (v === null || v === undefined || (isScalar(v) && (v.value === null || v.value === ''))) continue;
      if (!isScalar(v) || typeof v.value !== 'string' || !known.has(v.value)) return false;
    }
  }
  return true;
}

/** What of the conventions decides what a template offers (a value already conventional is not split). */
function conventionsKeyOf(c: Conventions): string {
  const st = c.statuses;
  return JSON.stringify([
    c.runnerLanes,
    st.pass,
    st.fail,
    st.skipped,
    [...c.severities.keys()],
    c.verification,
    c.candidateTypes,
    c.candidateClasses,
    c.candidateRisks,
    c.columns,
  ]);
}

/** The same lists (the same arrays: settings are made anew when they change). */
function sameLists(a: TemplateGlobs, b: TemplateGlobs): boolean {
  return a.templates === b.templates && a.files === b.files && a.ignores === b.ignores;
}

/** One walk for templates: what it has found and read so far. */
interface Walk {
  root: string;
  globs: TemplateGlobs;
  out: RepoTemplate[];
  seen: Set<string>;
  dirs: number;
  /** Characters of the templates read. */
  bytes: number;
  /** Files read (or refused as too large): a folder of large files is not tried to its end. */
  tried: number;
}

/** Finds and remembers the templates of each workspace folder (keyed by folder and globs). */
export class TemplateFinder {
  private readonly found = new Map<string, { root: string; globs: TemplateGlobs; list: RepoTemplate[] }>();
  private readonly offered = new Map<string, OfferedValues>();

  constructor(
    private readonly workspace: Workspace,
    private readonly compiled: CompiledGlobs,
  ) {}

  /**
   * A file or folder changed (everything, without a path): forget what was found where it could
   * matter — a Markdown file the globs match, or a path without an extension (a folder, maybe).
   * Saving a snapshot elsewhere keeps the templates found.
   */
  invalidate(abs?: string): void {
    this.last = undefined;
    for (const [key, { root, globs }] of [...this.found]) {
      if (abs && !this.touches(root, globs.templates, abs)) continue;
      this.found.delete(key);
      for (const k of [...this.offered.keys()]) if (k.startsWith(key + '\0')) this.offered.delete(k);
    }
  }

  private touches(root: string, globs: readonly string[], abs: string): boolean {
    const rel = path.relative(root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
    if (path.extname(abs) === '') return true;
    return abs.toLowerCase().endsWith('.md') && matchesFiles(rel.split(path.sep).join('/'), globs, this.compiled);
  }

  private keyOf(root: string, globs: TemplateGlobs): string {
    // Globs hold no NUL; each list is closed by \x01, so ["a", "b"] and ["a\0b"] differ from list boundaries.
    return [root, ...[globs.templates, globs.files, globs.ignores].map((g) => g.join('\0') + '\x01')].join('\0');
  }

  /** The templates of a folder, sorted by path: the `templates` globs' snapshots, less the ignored and the `files` globs' ones. */
  templates(root: string, globs: TemplateGlobs): RepoTemplate[] {
    return drain(this.templateSteps(root, globs));
  }

  /** `templates`, in steps: a pause after each folder listed and each file read. */
  *templateSteps(root: string, globs: TemplateGlobs): Generator<void, RepoTemplate[]> {
    if (!globs.templates.length) return [];
    const key = this.keyOf(root, globs);
    let hit = this.found.get(key);
    if (!hit) {
      const list = yield* this.walk(root, globs);
      hit = { root, globs: { templates: [...globs.templates], files: [...globs.files], ignores: [...globs.ignores] }, list };
      this.found.set(key, hit);
    }
    return hit.list;
  }

  /** What every template of the folder offers, together. */
  offeredValues(root: string, globs: TemplateGlobs, conv: Conventions): OfferedValues {
    return drain(this.offeredValuesSteps(root, globs, conv));
  }

  /** `offeredValues`, in steps: a pause after each template parsed (and as the walk pauses). */
  *offeredValuesSteps(root: string, globs: TemplateGlobs, conv: Conventions): Generator<void, OfferedValues> {
    // Check after check asks with the same settings' lists and conventions: the last answer is
    // kept with them (lists and conventions are not changed once made; `invalidate` drops it).
    const last = this.last;
    if (last?.root === root && last.conv === conv && sameLists(last.globs, globs)) return last.hit;
    const convKey = this.conventionsKey(conv);
    const key = this.keyOf(root, globs) + '\0' + convKey;
    let hit = this.offered.get(key);
    if (!hit) {
      hit = emptyOffered();
      for (const t of yield* this.templateSteps(root, globs)) {
        // By content: a folder walked again after a change re-parses only the templates that changed.
        const o = this.byContent.get(convKey + '\0' + t.text, () => {
          templateWork.parsed++;
          return offeredValues(t.text, conv);
        });
        for (const k of Object.keys(hit) as (keyof OfferedValues)[]) addAll(hit[k], o[k]);
        yield;
      }
      this.offered.set(key, hit);
    }
    this.last = { root, globs: { templates: globs.templates, files: globs.files, ignores: globs.ignores }, conv, hit };
    return hit;
  }

  /** Conventions objects are not changed once made: each one's key is worked out once. */
  private readonly conventionsKeys = new WeakMap<Conventions, string>();

  private conventionsKey(c: Conventions): string {
    let key = this.conventionsKeys.get(c);
    if (key === undefined) this.conventionsKeys.set(c, (key = conventionsKeyOf(c)));
    return key;
  }

  /** What each template text offers under some conventions (bounded: a few templates' worth). */
  private readonly byContent = new Memo<OfferedValues>(4 * MAX_TEMPLATES, 4 * MAX_TEMPLATES_BYTES);

  private last?: { root: string; globs: TemplateGlobs; conv: Conventions; hit: OfferedValues };

  private *walk(root: string, globs: TemplateGlobs): Generator<void, RepoTemplate[]> {
    const walk: Walk = { root, globs, out: [], seen: new Set(), dirs: 0, bytes: 0, tried: 0 };
    for (const g of globs.templates) yield* this.visit(walk, staticBase(g), 0);
    return walk.out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  }

  /** Whether the walk has read all it may: this many templates, or this much text. */
  private full(w: Walk): boolean {
    return w.out.length >= MAX_TEMPLATES || w.bytes >= MAX_TEMPLATES_BYTES || w.tried >= 4 * MAX_TEMPLATES;
  }

  private *visit(w: Walk, rel: string, depth: number): Generator<void, void> {
    if (w.seen.has(rel) || w.dirs >= MAX_DIRS || depth > MAX_DEPTH || this.full(w)) return;
    w.seen.add(rel);
    w.dirs++;
    templateWork.listed++;
    // Links are not followed (no loops, nothing reached through them): the entries they are left out.
    // Sorted below: the folder may give its entries in any order.
    const entries = this.workspace
      .list(w.root, path.join(w.root, ...rel.split('/').filter(Boolean)), undefined, { anyOrder: true })
      ?.filter((e) => !e.link);
    yield;
    for (const e of (entries ?? []).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (this.full(w)) return;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.kind === 'dir') {
        // Not entered where no template can be (`docs/*/templates/**` leaves out `src`; an ignored folder).
        const enter = !e.name.startsWith('.') && !SKIPPED.has(e.name) && templatesCouldBeUnder(child, w.globs, this.compiled);
        if (enter) yield* this.visit(w, child, depth + 1);
      } else if (e.kind === 'file' && e.name.toLowerCase().endsWith('.md') && isTemplatePath(child, w.globs, this.compiled)) {
        this.read(w, child);
        yield;
      }
    }
  }

  private read(w: Walk, rel: string): void {
    const abs = path.join(w.root, ...rel.split('/'));
    // What is left of the total is the most this file may hold.
    const r = this.workspace.readText(w.root, abs, Math.min(MAX_TEMPLATE_BYTES, MAX_TEMPLATES_BYTES - w.bytes));
    templateWork.read++;
    w.tried++;
    // Only a snapshot is a template: a "moved to …" note in a templates folder is not one.
    if (!r.ok || !hasSnapshotTitle(r.text)) return;
    w.out.push({ abs, rel, text: r.text });
    w.bytes += r.text.length;
  }
}
