// text → SnapshotModel: one linear pass over the lines that finds the title, the metadata
// block, the `## ` sections, the tables, the fenced blocks, the candidates YAML and the
// labels, each with exact ranges. Every later step reads the model, never the raw text.
import type { Document } from 'yaml';
import { parseYamlSteps } from './yaml';
import { drain } from './steps';
import type { Range } from 'vscode-languageserver-types';
import { Memo, TextLines, detach, lineSpan, trimmedSpan } from './text';
import { splitDelimiterRow, splitRow, type Cell } from './table';

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
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const META = /^([A-Z][^:`|#>]*?)[ \t]*:(?:[ \t]+(.*))?$/i;
const BULLET = /^([ \t]*)([-*+])[ \t]+(.*?)[ \t]*$/;
const LABEL = /^[ \t]*[-*+][ \t]+(`?)([^`:]*?)\1[ \t]*:[ \t]*(.*?)[ \t]*$/;

export const SECTION_CANDIDATES = 'Spec Candidates (YAML)';
export const SECTION_LABELS = 'Classification Labels';

const HASH = 35;
const BACKTICK = 96;
const TILDE = 126;
const PIPE = 124;

function headingAt(lines: TextLines, i: number): Heading | undefined {
  // An ATX heading starts with `#` after at most three spaces (line 0 may carry a BOM first).
  if (i > 0 && lines.firstNonSpace(i) !== HASH) return undefined;
  const t = lines.lineText(i);
  if (!t.includes('#')) return undefined;
  const clean = i === 0 && t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
  const shift = t.length - clean.length;
  const m = ATX.exec(clean);
  if (!m) return undefined;
  const body = m[2] ?? '';
  const startChar = body ? clean.indexOf(body, clean.indexOf('#') + m[1].length) + shift : t.length;
  return {
    level: m[1].length,
    text: body.trim(),
    line: i,
    textRange: lineSpan(i, startChar, startChar + body.length),
    range: lines.lineRange(i),
  };
}

/** Section name matching is exact after trimming; the schema's names are the contract. */
export function sectionKey(name: string): string {
  return name.trim();
}

/** Lines between two pauses of a sliced parse: small enough to keep the server responsive. */
export const STEP_LINES = 2048;
/** Table rows read between two pauses. */
const STEP_ROWS = 256;

/**
 * The YAML library is the costliest parser here (about 10 ms for 40 KB of candidates), and an
 * edit elsewhere in the snapshot leaves the block as it was: the parsed documents of the last
 * few (small) blocks are kept and reused while their text is unchanged. Documents are only read, never
 * changed, so sharing one between two versions is safe.
 */
const YAML_CACHE_MAX_CHARS = 256 * 1024;
const yamlCache = new Memo<Document.Parsed>(8, 4 * YAML_CACHE_MAX_CHARS);
function* parsedCandidates(content: string): Generator<void, Document.Parsed> {
  // Bigger blocks are parsed anew each time rather than held in memory.
  if (content.length > YAML_CACHE_MAX_CHARS) return yield* parseYamlSteps(content);
  const hit = yamlCache.peek(content);
  if (hit) return hit;
  // Parsed from a detached copy: the document's strings must not keep this version alive.
  const own = detach(content);
  const doc = yield* parseYamlSteps(own);
  yamlCache.put(own, doc);
  return doc;
}

export function parseSnapshot(source: string): SnapshotModel {
  return drain(parseSnapshotSteps(source));
}

/** The parse as resumable steps: it pauses every STEP_LINES lines, so a caller can slice it. */
export function* parseSnapshotSteps(source: string): Generator<void, SnapshotModel> {
  const text = new TextLines(source);
  yield;
  const headings: Heading[] = [];
  const fences: Fence[] = [];
  const inFence = new Uint8Array(text.lineCount);
  let title: Heading | undefined;
  let firstNonBlank = -1;

  // Pass 1: fences and headings (structure inside fences is code, not structure).
  for (let i = 0; i < text.lineCount; i++) {
    if (i % STEP_LINES === 0) yield;
    if (firstNonBlank === -1 && text.lineText(i).replace('\uFEFF', '').trim() !== '') firstNonBlank = i;
    const c = text.firstNonSpace(i);
    if (c === BACKTICK || c === TILDE) {
      const t = text.lineText(i);
      const m = FENCE_OPEN.exec(t);
      if (m && !(m[2][0] === '`' && m[3].includes('`'))) {
        const marker = m[2];
        const fence: Fence = {
          openLine: i,
          lang: (m[3].trim().split(/\s+/)[0] ?? '').toLowerCase(),
          contentStart: i + 1 < text.lineCount ? text.lineStart(i + 1) : text.lineEnd(i),
          contentEnd: source.length,
          marker,
        };
        const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
        const closeChar = marker.charCodeAt(0);
        let j = i + 1;
        for (; j < text.lineCount; j++) {
          // Raw Output can be most of a big file: pause inside fences too.
          if ((j - i) % STEP_LINES === 0) yield;
          inFence[j] = 1;
          if (text.firstNonSpace(j) === closeChar && close.test(text.lineText(j))) {
            fence.closeLine = j;
            fence.contentEnd = text.lineStart(j);
            break;
          }
        }
        inFence[i] = 1;
        fences.push(fence);
        i = j;
        continue;
      }
    }
    const h = headingAt(text, i);
    if (h) {
      headings.push(h);
      if (i === firstNonBlank && h.level === 1) title = h;
    }
  }

  // Sections: every level-2 heading outside fences, its body up to the next level-1/2 heading.
  const sections: Section[] = [];
  for (let k = 0; k < headings.length; k++) {
    const h = headings[k];
    if (h.level !== 2) continue;
    let end = text.lineCount;
    for (let n = k + 1; n < headings.length; n++) {
      if (headings[n].level <= 2) {
        end = headings[n].line;
        break;
      }
    }
    sections.push({ name: sectionKey(h.text), heading: h, startLine: h.line + 1, endLine: end });
  }
  const headerEnd = sections.length ? sections[0].heading.line : text.lineCount;

  // Metadata block: `Key: value` lines between the title and the first section.
  const metadata: MetadataEntry[] = [];
  const headerStart = title ? title.line + 1 : 0;
  let current: MetadataEntry | undefined;
  for (let i = headerStart; i < headerEnd; i++) {
    if (inFence[i]) {
      current = undefined;
      continue;
    }
    const t = text.lineText(i);
    const b = BULLET.exec(t);
    if (b && current && current.value === '') {
      const start = t.length - t.slice(b[1].length + 1).trimStart().length;
      const item = b[3];
      current.items.push({ text: item, range: lineSpan(i, start, start + item.length), line: i });
      continue;
    }
    const m = META.exec(t);
    if (m && !b) {
      const key = m[1];
      const value = m[2] ?? '';
      const vStart = value ? t.indexOf(value, m[0].indexOf(':') + 1) : t.length;
      current = {
        key,
        keyRange: lineSpan(i, 0, key.length),
        value,
        valueRange: lineSpan(i, vStart, vStart + value.length),
        line: i,
        items: [],
      };
      metadata.push(current);
      continue;
    }
    if (t.trim() !== '') current = undefined;
  }

  // Keys written elsewhere, so a "missing" message can say where the key went.
  const strayMetadata = new Map<string, number>();
  for (let i = headerEnd; i < text.lineCount; i++) {
    if (i % STEP_LINES === 0) yield;
    if (inFence[i]) continue;
    // A key starts the line with a letter.
    const c0 = (text.lineEnd(i) > text.lineStart(i) ? source.charCodeAt(text.lineStart(i)) : 0) | 32;
    if (c0 < 97 || c0 > 122) continue;
    const m = META.exec(text.lineText(i));
    if (m && !strayMetadata.has(m[1])) strayMetadata.set(m[1], i);
  }

  // Tables, per section.
  const tables = new Map<Section, Table[]>();
  for (const s of sections) tables.set(s, yield* findTables(text, inFence, s.startLine, s.endLine));

  // Candidates: the first fenced yaml block of the Spec Candidates section.
  let candidates: CandidatesBlock | undefined;
  const candSection = sections.find((s) => s.name === SECTION_CANDIDATES);
  if (candSection) {
    const fence = fences.find(
      (f) => f.openLine > candSection.heading.line && f.openLine < candSection.endLine && (f.lang === 'yaml' || f.lang === 'yml'),
    );
    if (fence) {
      const content = source.slice(fence.contentStart, fence.contentEnd);
      yield;
      // Candidates are data: no custom tags, no merge keys, no code, no unbounded nesting.
      const doc = yield* parsedCandidates(content);
      candidates = { fence, doc, offset: fence.contentStart };
    }
  }

  // Labels.
  const labels: Label[] = [];
  const badLabelLines: number[] = [];
  const labelSection = sections.find((s) => s.name === SECTION_LABELS);
  if (labelSection) {
    for (let i = labelSection.startLine; i < labelSection.endLine; i++) {
      if (inFence[i]) continue;
      const t = text.lineText(i);
      if (!BULLET.test(t)) continue;
      const m = LABEL.exec(t);
      if (!m || !m[2].trim()) {
        badLabelLines.push(i);
        continue;
      }
      const id = m[2].trim();
      const idStart = t.indexOf(m[2]) + (m[2].length - m[2].trimStart().length);
      const label = m[3].replace(/^`(.*)`$/, '$1');
      const labelStart = t.lastIndexOf(m[3]) + (m[3].startsWith('`') && label !== m[3] ? 1 : 0);
      labels.push({
        id,
        idRange: lineSpan(i, idStart, idStart + id.length),
        label,
        labelRange: lineSpan(i, labelStart, labelStart + label.length),
        line: i,
      });
    }
  }

  return {
    text,
    title,
    headerEnd,
    metadata,
    strayMetadata,
    headings,
    sections,
    fences,
    tables,
    candidates,
    labels,
    badLabelLines,
  };
}

/**
 * Splitting rows into cells is most of the parse, and an edit changes a row or two: the cells of
 * each distinct row text are kept (bounded) and shared between versions.
 */
const rowCache = new Memo<Cell[]>(200_000, 16 * 1024 * 1024);
const splitCells = (line: string) => splitRow(line).cells;
function rowCells(line: string): Cell[] {
  return rowCache.get(line, splitCells);
}

function rowOf(text: TextLines, line: number, cells: Cell[]): TableRow {
  return { line, cells, range: text.lineRange(line) };
}

/** GFM tables in a range of lines: a header row, a delimiter row of the same width, rows. */
function* findTables(text: TextLines, inFence: Uint8Array, from: number, to: number): Generator<void, Table[]> {
  const out: Table[] = [];
  for (let i = from; i + 1 < to; i++) {
    if ((i - from) % STEP_LINES === 0) yield;
    if (inFence[i] || inFence[i + 1] || !text.lineHas(i, PIPE)) continue;
    const t = text.lineText(i);
    if (/^( {4,}|\t)/.test(t)) continue;
    const delim = splitDelimiterRow(text.lineText(i + 1));
    if (!delim) continue;
    const header = splitRow(t);
    if (header.cells.length !== delim.cells.length) continue;
    const rows: TableRow[] = [];
    let j = i + 2;
    for (; j < to; j++) {
      // Rows cost far more than plain lines (each is split into cells): pause more often.
      if ((j - i) % STEP_ROWS === 0) yield;
      if (inFence[j]) break;
      const r = text.lineText(j);
      const trimmed = r.trim();
      // GFM ends a table at a blank line or at the start of another block.
      if (trimmed === '' || ATX.test(r) || FENCE_OPEN.test(r) || trimmed.startsWith('>')) break;
      rows.push(rowOf(text, j, rowCells(r)));
    }
    out.push({
      header: rowOf(text, i, header.cells),
      delimiter: rowOf(text, i + 1, delim.cells),
      rows,
      endLine: j,
    });
    i = j - 1;
  }
  return out;
}

export function sectionByName(model: SnapshotModel, name: string): Section | undefined {
  return model.sections.find((s) => s.name === name);
}

/** The trimmed text range of a line. */
export function lineTextRange(model: SnapshotModel, line: number): Range {
  const [s, e] = trimmedSpan(model.text.lineText(line));
  return lineSpan(line, s, e);
}
