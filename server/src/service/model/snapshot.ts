// text → SnapshotModel: linear passes over the lines that find the title, the metadata block,
// the `## ` sections, the tables, the fenced blocks, the candidates YAML and the labels, each
// with exact ranges. Every later step reads the model, never the raw text again. The parse is a
// sequence of resumable steps (it pauses every STEP_LINES lines) so the server can slice it.
import type { Document } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { EngineCaches, YAML_CACHE_MAX_CHARS } from '../caches';
import { collectCandidates, type Candidate } from './candidates';
import { CANDIDATES_LANG, SECTION } from '../contract/contract';
import { Leaf, isLiteral, leafOf, readBlocksSteps, type BlockFence, type Blocks } from './blocks';
import { fenceLang, parseAtx, parseBullet, parseLabelLine, parseMetaLine } from './lines';
import { drain } from '../steps';
import { splitDelimiterRow, splitRow, type Cell } from './table';
import { TextLines, detach, lineSpan } from './text';
import { parseYamlSteps } from './yaml';
import { CASE_BIT, Char } from '../text/chars';

export interface MetadataEntry {
  key: string;
  keyRange: Range;
  /** Inline value (trimmed); empty when the value is a list or missing. */
  value: string;
  valueRange: Range;
  line: number;
  /** The bullet items that follow a `Key:` line with no inline value. */
  items: { text: string; range: Range; line: number }[];
}

export interface Heading {
  level: number;
  text: string;
  line: number;
  /** Range of the heading's text (without the `#` marks). */
  textRange: Range;
  range: Range;
}

export interface Section {
  name: string;
  heading: Heading;
  /** Lines of the body: from the line after the heading up to (not including) `endLine`. */
  startLine: number;
  endLine: number;
}

export interface TableRow {
  line: number;
  cells: Cell[];
  range: Range;
}

export interface Table {
  header: TableRow;
  delimiter: TableRow;
  rows: TableRow[];
  /** The first line after the table. */
  endLine: number;
  /**
   * A whole-line HTML comment that ended the table (GFM ends it there) before a line that was
   * meant as a row: the rule reports the comment, since the rows after it are no longer a table.
   */
  cut?: { comment: TableRow; next: TableRow };
}

export interface Fence {
  openLine: number;
  /** The info string's first word (`yaml`, `yml`, ``), lower case. */
  lang: string;
  /** The line of the closing fence, or undefined when the fence never closes. */
  closeLine?: number;
  /** Offsets of the content between the fences. */
  contentStart: number;
  contentEnd: number;
  marker: string;
}

export interface CandidatesBlock {
  fence: Fence;
  doc: Document.Parsed;
  /** Offset in the document of the block's first content character; YAML ranges add it. */
  offset: number;
  /** The items that are mappings (only when the YAML parsed without errors and is a list). */
  items: Candidate[];
}

export interface Label {
  id: string;
  idRange: Range;
  label: string;
  labelRange: Range;
  line: number;
}

export interface SnapshotModel {
  text: TextLines;
  /** First non-blank line, if it is an `# ` heading. */
  title?: Heading;
  /** Line index where the metadata block ends (the first `## ` heading, or the end). */
  headerEnd: number;
  metadata: MetadataEntry[];
  /** `Key: value` lines outside the metadata block, by key, for hints. */
  strayMetadata: Map<string, number>;
  headings: Heading[];
  sections: Section[];
  fences: Fence[];
  tables: Map<Section, Table[]>;
  candidates?: CandidatesBlock;
  /** Bullets of the Classification Labels section that read as `id: label`. */
  labels: Label[];
  /** Bullets of that section that do not. */
  badLabelLines: number[];
  /** The block structure, line by line, as CommonMark reads it (containers, code, HTML). */
  blocks: Blocks;
}

/** Lines between two pauses of a sliced parse: small enough to keep the server responsive. */
export const STEP_LINES = 2048;
/** Table rows read between two pauses. */
const STEP_ROWS = 256;

function headingAt(lines: TextLines, i: number): Heading | undefined {
  // An ATX heading starts with `#` after at most three spaces (line 0 may carry a BOM first).
  if (i > 0 && lines.firstNonSpace(i) !== Char.Hash) return undefined;
  const t = lines.lineText(i);
  const shift = i === 0 && t.charCodeAt(0) === Char.ByteOrderMark ? 1 : 0;
  const h = parseAtx(shift ? t.slice(1) : t);
  if (!h) return undefined;
  return {
    level: h.level,
    text: h.text,
    line: i,
    textRange: lineSpan(i, h.start + shift, h.end + shift),
    range: lines.lineRange(i),
  };
}

/** Section name matching is exact after trimming; the schema's names are the contract. */
export function sectionKey(name: string): string {
  return name.trim();
}

export function parseSnapshot(source: string, caches = new EngineCaches(), withCandidates = true): SnapshotModel {
  return drain(parseSnapshotSteps(source, caches, withCandidates));
}

interface Structure {
  headings: Heading[];
  fences: Fence[];
  /** 1 for each line that is code or HTML (a fence, its lines, indented code, an HTML block), at any depth. */
  literal: Uint8Array;
  title?: Heading;
  blocks: Blocks;
}

/** The parse as resumable steps: it pauses every STEP_LINES lines, so a caller can slice it. */
/** `withCandidates` false skips the YAML parse of the candidates block (the findings export needs only tables). */
export function* parseSnapshotSteps(source: string, caches = new EngineCaches(), withCandidates = true): Generator<void, SnapshotModel> {
  const text = new TextLines(source);
  yield;
  const { headings, fences, literal: inFence, title, blocks } = yield* structureSteps(text);
  const sections = sectionsOf(headings, text.lineCount);
  const headerEnd = sections.length ? sections[0].heading.line : text.lineCount;
  const metadata = metadataOf(text, { inFence, blocks }, title ? title.line + 1 : 0, headerEnd);
  const strayMetadata = yield* strayMetadataSteps(text, inFence, headerEnd);
  const tables = new Map<Section, Table[]>();
  for (const s of sections) tables.set(s, yield* tableSteps(text, blocks, s.startLine, s.endLine, caches));
  const block = withCandidates ? yield* candidatesSteps(text, fences, sections, caches) : undefined;
  const { labels, badLabelLines } = labelsOf(text, inFence, sections);
  const model: SnapshotModel = {
    text,
    title,
    headerEnd,
    metadata,
    strayMetadata,
    headings,
    sections,
    fences,
    tables,
    labels,
    badLabelLines,
    blocks,
  };
  if (block) model.candidates = { ...block, items: [] };
  if (model.candidates) model.candidates.items = collectCandidates(model);
  return model;
}

/**
 * Pass 1: the block structure as CommonMark reads it (blocks.ts), then the top-level headings
 * and fences. A fence or heading inside a block quote, a list item or an HTML block is not one
 * of the snapshot's own (a reader sees it as part of that block, or not at all).
 */
function* structureSteps(text: TextLines): Generator<void, Structure> {
  const blocks = yield* readBlocksSteps(text, STEP_LINES);
  const headings: Heading[] = [];
  const literal = new Uint8Array(text.lineCount);
  let title: Heading | undefined;
  let firstNonBlank = -1;
  for (let i = 0; i < text.lineCount; i++) {
    if (isLiteral(blocks, i)) literal[i] = 1;
    if (firstNonBlank === -1 && text.lineText(i).replace('\uFEFF', '').trim() !== '') firstNonBlank = i;
    if (blocks.kind[i] !== Leaf.Heading) continue;
    const h = headingAt(text, i);
    if (h) {
      headings.push(h);
      if (i === firstNonBlank && h.level === 1) title = h;
    }
  }
  const fences = blocks.fences.filter((f) => !f.nested).map((f) => fenceOf(text, f));
  return { headings, fences, literal, title, blocks };
}

function fenceOf(text: TextLines, f: BlockFence): Fence {
  const i = f.openLine;
  return {
    openLine: i,
    lang: fenceLang(f.info),
    closeLine: f.closeLine,
    contentStart: i + 1 < text.lineCount ? text.lineStart(i + 1) : text.lineEnd(i),
    contentEnd: f.closeLine === undefined ? text.text.length : text.lineStart(f.closeLine),
    marker: f.marker,
  };
}

/** Every level-2 heading outside fences, its body up to the next level-1/2 heading. */
function sectionsOf(headings: Heading[], lineCount: number): Section[] {
  const sections: Section[] = [];
  for (let k = 0; k < headings.length; k++) {
    const h = headings[k];
    if (h.level !== 2) continue;
    let end = lineCount;
    for (let n = k + 1; n < headings.length; n++) {
      if (headings[n].level <= 2) {
        end = headings[n].line;
        break;
      }
    }
    sections.push({ name: sectionKey(h.text), heading: h, startLine: h.line + 1, endLine: end });
  }
  return sections;
}

/** The metadata block: `Key: value` lines (and their bullet items) between the title and the first section. */
function metadataOf(text: TextLines, read: { inFence: Uint8Array; blocks: Blocks }, from: number, to: number): MetadataEntry[] {
  const metadata: MetadataEntry[] = [];
  let current: MetadataEntry | undefined;
  for (let i = from; i < to; i++) {
    const t = text.lineText(i);
    const b = parseBullet(t);
    // `- <summary>` is an HTML block in a list item: a reader sees an empty item, so it is kept as
    // the item it stands for (its placeholder is reported), never dropped as markup.
    if (read.inFence[i] && !(b && leafOf(read.blocks, i) === Leaf.Html && LONE_TAG.test(b.text))) {
      current = undefined;
      continue;
    }
    if (b && current && current.value === '') {
      // A trailing HTML comment (a suppression, a note) is not part of the item.
      const item = withoutTrailingComment(b.text);
      current.items.push({ text: item, range: lineSpan(i, b.start, b.start + item.length), line: i });
      continue;
    }
    const m = b ? undefined : parseMetaLine(t);
    if (m) {
      current = {
        key: m.key,
        keyRange: lineSpan(i, 0, m.key.length),
        value: m.value,
        valueRange: lineSpan(i, m.valueStart, m.valueStart + m.value.length),
        line: i,
        items: [],
      };
      metadata.push(current);
      continue;
    }
    if (t.trim() !== '') current = undefined;
  }
  return metadata;
}

/** A lone opening tag that is a whole item (`<summary>`): it renders as nothing. */
const LONE_TAG = /^<[a-z][a-z0-9]*>$/i;

function withoutTrailingComment(text: string): string {
  if (!text.endsWith('-->')) return text;
  const at = text.lastIndexOf('<!--');
  return at > 0 ? text.slice(0, at).trimEnd() : text;
}

/** Keys written after the metadata block, so a "missing" message can say where the key went. */
function* strayMetadataSteps(text: TextLines, inFence: Uint8Array, from: number): Generator<void, Map<string, number>> {
  const stray = new Map<string, number>();
  const source = text.text;
  for (let i = from; i < text.lineCount; i++) {
    if (i % STEP_LINES === 0) yield;
    if (inFence[i]) continue;
    // A key starts the line with a letter.
    const c0 = (text.lineEnd(i) > text.lineStart(i) ? source.charCodeAt(text.lineStart(i)) : 0) | CASE_BIT;
    if (c0 < Char.LowerA || c0 > Char.LowerZ) continue;
    const m = parseMetaLine(text.lineText(i));
    if (m && !stray.has(m.key)) stray.set(m.key, i);
  }
  return stray;
}

function rowOf(text: TextLines, line: number, cells: Cell[]): TableRow {
  return { line, cells, range: text.lineRange(line) };
}

const splitCells = (line: string) => splitRow(line).cells;

/** The GFM tables (found by the block pass) whose header lies in a range of lines, split into cells. */
function* tableSteps(text: TextLines, blocks: Blocks, from: number, to: number, caches: EngineCaches): Generator<void, Table[]> {
  const out: Table[] = [];
  for (const t of blocks.tables) {
    if (t.headerLine < from || t.headerLine >= to) continue;
    const delim = splitDelimiterRow(text.lineText(t.headerLine + 1).replace(/^\uFEFF/, ''));
    if (!delim) continue;
    const header = splitRow(text.lineText(t.headerLine).replace(/^\uFEFF/, ''));
    const rows: TableRow[] = [];
    for (let j = t.headerLine + 2; j < t.endLine; j++) {
      // Rows cost far more than plain lines (each is split into cells): pause now and then.
      if ((j - t.headerLine) % STEP_ROWS === 0) yield;
      rows.push(rowOf(text, j, caches.rows.get(text.lineText(j), splitCells)));
    }
    const endLine = t.endLine;
    const table: Table = {
      header: rowOf(text, t.headerLine, header.cells),
      delimiter: rowOf(text, t.headerLine + 1, delim.cells),
      rows,
      endLine,
    };
    if (
      endLine + 1 < to &&
      blocks.kind[endLine] === Leaf.Comment &&
      blocks.kind[endLine + 1] === Leaf.Paragraph &&
      text.lineHas(endLine + 1, Char.Pipe)
    ) {
      table.cut = { comment: rowOf(text, endLine, []), next: rowOf(text, endLine + 1, splitCells(text.lineText(endLine + 1))) };
    }
    out.push(table);
  }
  return out;
}

/** The candidates: the first fenced yaml block of the Spec Candidates section, parsed. */
function* candidatesSteps(
  text: TextLines,
  fences: Fence[],
  sections: Section[],
  caches: EngineCaches,
): Generator<void, Omit<CandidatesBlock, 'items'> | undefined> {
  const section = sections.find((s) => s.name === SECTION.candidates);
  if (!section) return undefined;
  const fence = fences.find(
    (f) => f.openLine > section.heading.line && f.openLine < section.endLine && (f.lang === CANDIDATES_LANG || f.lang === 'yml'),
  );
  if (!fence) return undefined;
  const content = text.text.slice(fence.contentStart, fence.contentEnd);
  yield;
  const doc = yield* parsedCandidates(content, caches);
  return { fence, doc, offset: fence.contentStart };
}

/**
 * The YAML library is the costliest parser here (about 10 ms for 40 KB of candidates), and an
 * edit elsewhere in the snapshot leaves the block as it was: parsed documents of small blocks
 * are reused while their text is unchanged.
 */
function* parsedCandidates(content: string, caches: EngineCaches): Generator<void, Document.Parsed> {
  if (content.length > YAML_CACHE_MAX_CHARS) return yield* parseYamlSteps(content);
  const hit = caches.yaml.peek(content);
  if (hit) return hit;
  // Parsed from a detached copy: the document's strings must not keep this version alive.
  const own = detach(content);
  const doc = yield* parseYamlSteps(own);
  caches.yaml.put(own, doc);
  return doc;
}

/** The bullets of Classification Labels: those that read `- ID: label`, and those that do not. */
function labelsOf(text: TextLines, inFence: Uint8Array, sections: Section[]): { labels: Label[]; badLabelLines: number[] } {
  const labels: Label[] = [];
  const badLabelLines: number[] = [];
  const section = sections.find((s) => s.name === SECTION.labels);
  for (let i = section?.startLine ?? 0; section && i < section.endLine; i++) {
    if (inFence[i]) continue;
    const t = text.lineText(i);
    if (!parseBullet(t)) continue;
    const m = parseLabelLine(t);
    if (!m || !m.id) {
      badLabelLines.push(i);
      continue;
    }
    labels.push({
      id: m.id,
      idRange: lineSpan(i, m.idStart, m.idStart + m.id.length),
      label: m.label,
      labelRange: lineSpan(i, m.labelStart, m.labelStart + m.label.length),
      line: i,
    });
  }
  return { labels, badLabelLines };
}

/** Every body row of every table, in order, with its section and table. */
export function allRows(model: SnapshotModel): { section: Section; table: Table; row: TableRow }[] {
  const out: { section: Section; table: Table; row: TableRow }[] = [];
  for (const section of model.sections) {
    for (const table of model.tables.get(section) ?? []) for (const row of table.rows) out.push({ section, table, row });
  }
  return out;
}

/** The body row at `line`, split into cells (the parse's own reading of a row). */
export function rowAt(text: TextLines, line: number, caches: EngineCaches): TableRow {
  return rowOf(text, line, caches.rows.get(text.lineText(line), splitCells));
}
