// Every YAML the product reads (candidates blocks, schema files, existing pending specs) goes
// through here: plain data only (no custom tags, no merge keys), and never a document nested
// deep enough to overflow the parser's stack — after such an overflow the `yaml` library has
// been seen to leave the process unable to compile a regular expression, i.e. dead.
import { drain } from '../steps';
import {
  Composer,
  Lexer,
  Parser,
  parseDocument,
  YAMLParseError,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import { Char } from '../text/chars';

/** Deeper than any real candidates list or schema by far, and far from the parser's limit (~800). */
export const MAX_YAML_DEPTH = 128;

/**
 * The parser's own stack (a level of nesting is one or two entries) is never let grow past this:
 * `tooDeepAt` reads the text, and a reading of quotes that differs from the parser's (an
 * apostrophe in a plain scalar inside a flow collection, say) could hide brackets from it; the
 * parser's stack is the nesting as the parser itself reads it, whatever the quoting. Still far
 * from the depth at which composing the document overflows the call stack.
 */
export const MAX_PARSER_STACK = 2 * MAX_YAML_DEPTH + 8;

/**
 * An upper estimate of the nesting depth, in one pass: block indentation levels (a stack of
 * indent columns), compact `- - -` items, and unclosed flow brackets outside quotes.
 * Returns the first offset where the depth exceeds `limit`, or -1.
 */
export function tooDeepAt(text: string, limit = MAX_YAML_DEPTH): number {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: indentation and compact sequence markers (outside flow collections).
    let col = 0;
    while (i < n && text.charCodeAt(i) === Char.Space) {
      i++;
      col++;
    }
    if (flow === 0 && !quote && i < n && text[i] !== '\n' && text[i] !== '\r' && text[i] !== '#') {
      while (indents.length && indents[indents.length - 1] > col) indents.pop();
      if (!indents.length || indents[indents.length - 1] < col) indents.push(col);
      let compact = 0;
      while (i + 1 < n && text[i] === '-' && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        compact++;
        i += 2;
        while (i < n && text[i] === ' ') i++;
      }
      if (indents.length + compact > limit) return i;
    }
    // The rest of the line: flow brackets and quotes.
    for (; i < n && text[i] !== '\n'; i++) {
      const c = text[i];
      if (quote) {
        if (c === quote) quote = '';
        else if (c === '\\' && quote === '"') i++;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
        while (i + 1 < n && text[i + 1] !== '\n') i++;
      } else if (c === '[' || c === '{') {
        if (++flow + indents.length > limit) return i;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    if (quote === "'" && flow === 0) quote = '';
    i++;
  }
  return -1;
}

const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  prettyErrors: false,
  uniqueKeys: true,
  customTags: [],
  merge: false,
  strict: true,
};

/** Lexemes read between two pauses of a sliced parse. */
const STEP_LEXEMES = 256;

export function parseYaml(text: string): Document.Parsed {
  return drain(parseYamlSteps(text));
}

/**
 * `parseDocument` of the `yaml` library, as resumable steps: it pauses between lexemes, so a
 * big candidates block does not hold the server for the whole parse (lexing and parsing are
 * about four fifths of the work; composing the document is one step). The same Lexer, Parser
 * and Composer, fed the same way, so the result is the library's own.
 */
export function* parseYamlSteps(text: string): Generator<void, Document.Parsed> {
  const deep = tooDeepAt(text);
  if (deep !== -1) return tooDeep(text, deep);
  const parser = new Parser();
  const composer = new Composer(OPTIONS);
  let doc: Document.Parsed | undefined;
  // As parseDocument: the first document is the result; a second one is an error, and the
  // rest is not read.
  const take = (d: Document.Parsed): boolean => {
    if (!doc) {
      doc = d;
      return false;
    }
    doc.errors.push(
      new YAMLParseError(
        [d.range[0], d.range[1]],
        'MULTIPLE_DOCS',
        'Source contains multiple documents; please use YAML.parseAllDocuments()',
      ),
    );
    return true;
  };
  let n = 0;
  for (const lexeme of new Lexer().lex(text, false)) {
    for (const token of parser.next(lexeme)) for (const d of composer.next(token)) if (take(d)) return doc!;
    // Nothing deeper reaches the composer (which recurses once per level).
    if (parser.stack.length > MAX_PARSER_STACK) return tooDeep(text, Math.max(0, Math.min(parser.offset, text.length - 1)));
    if (++n % STEP_LEXEMES === 0) yield;
  }
  for (const token of parser.end()) for (const d of composer.next(token)) if (take(d)) return doc!;
  for (const d of composer.end(true, text.length)) if (take(d)) return doc!;
  return doc!;
}

/** An empty document with the one error: nesting too deep, at `at`. */
function tooDeep(text: string, at: number): Document.Parsed {
  const doc = parseDocument('');
  doc.errors.push(
    new YAMLParseError([at, Math.min(at + 1, text.length)], 'IMPOSSIBLE', `Nesting deeper than ${MAX_YAML_DEPTH} levels is not read`),
  );
  return doc;
}

/** Where a YAML syntax error was made, when the parser gives up somewhere else. */
export interface YamlCause {
  kind: 'quote' | 'bracket' | 'tab';
  /** Offset in the text, and the character there (the quote, the bracket, the tab). */
  offset: number;
  char: string;
}

interface LineState {
  /** A quote or flow collection still open at the end of a line, with the indent of its line. */
  open?: { kind: 'quote' | 'bracket'; offset: number; char: string; indent: number; depth: number };
  /** The indent of the line that opened a block scalar (`|`, `>`): deeper lines are its text. */
  block?: number;
  tab?: number;
}

function indentOf(text: string, s: number, e: number): number {
  let i = s;
  while (i < e && text.charCodeAt(i) === Char.Space) i++;
  return i - s;
}

/** A line that starts a block mapping entry or list item (`key: `, `- `): no quoted or flow text goes on over it. */
function startsBlockEntry(text: string, s: number, e: number): boolean {
  let i = s;
  while (i < e && text.charCodeAt(i) === Char.Space) i++;
  if (text.charCodeAt(i) === Char.Dash && (i + 1 === e || text.charCodeAt(i + 1) === Char.Space)) return true;
  let j = i;
  while (j < e && /[\w-]/.test(text[j])) j++;
  return j > i && text.charCodeAt(j) === Char.Colon && (j + 1 === e || text.charCodeAt(j + 1) === Char.Space);
}

/** From `i` inside a quoted scalar opened with `q`: the offset after its closing quote on this line, or -1. */
function closeQuote(text: string, i: number, e: number, q: string): number {
  for (; i < e; i++) {
    const c = text[i];
    if (q === '"' && c === '\\') i++;
    else if (c === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** Whether what follows a `|` or `>` to the end of the line is only a block scalar header. */
function isBlockHeader(text: string, i: number, e: number): boolean {
  let j = i + 1;
  while (j < e && /[-+0-9]/.test(text[j])) j++;
  while (j < e && text.charCodeAt(j) === Char.Space) j++;
  return j === e || text[j] === '#';
}

/** Scans one line from `i` (outside quotes), opening and closing quotes and flow brackets. */
function scanLine(text: string, i: number, e: number, indent: number, st: LineState): void {
  let token = true;
  let depth = st.open?.kind === 'bracket' ? st.open.depth : 0;
  for (; i < e; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      token = true;
      continue;
    }
    if (c === '#' && token) return;
    if (token && (c === '"' || c === "'")) {
      const end = closeQuote(text, i + 1, e, c);
      if (end < 0) {
        // Inside a flow collection the bracket stays the place to report; else the quote is.
        if (depth === 0) st.open = { kind: 'quote', offset: i, char: c, indent, depth };
        else st.open!.depth = depth;
        return;
      }
      i = end - 1;
      token = false;
    } else if ((c === '[' || c === '{') && (token || depth > 0)) {
      if (depth++ === 0) st.open = { kind: 'bracket', offset: i, char: c, indent, depth: 0 };
      token = true;
    } else if ((c === ']' || c === '}') && depth > 0) {
      if (--depth === 0) st.open = undefined;
    } else if ((c === '|' || c === '>') && token && depth === 0 && isBlockHeader(text, i, e)) {
      st.block = indent;
      return;
    } else token = c === ',' || c === '-' || c === '?' || (c === ':' && (i + 1 === e || text[i + 1] === ' '));
  }
  if (st.open?.kind === 'bracket') st.open.depth = depth;
}

/** Continues an open quote onto a line: false when the line starts a block entry instead (the quote is the cause). */
function continueQuote(text: string, s: number, e: number, indent: number, st: LineState): boolean {
  const open = st.open!;
  if (indent <= open.indent && startsBlockEntry(text, s, e)) return false;
  const end = closeQuote(text, s, e, open.char);
  if (end < 0) return true;
  st.open = undefined;
  scanLine(text, end, e, indent, st);
  return true;
}

/**
 * Where a YAML syntax error was most likely made, in one pass: a quote or a flow bracket that is
 * still open when the block structure goes on (a line `key: ` or `- ` no deeper than the line
 * that opened it) or at the end; else the first tab in a line's indentation. The parser reports
 * such errors where it gave up, often many lines later.
 */
export function yamlErrorCause(text: string): YamlCause | undefined {
  const st: LineState = {};
  for (let s = 0; s < text.length;) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const lineEnd = e > s && text.charCodeAt(e - 1) === Char.CarriageReturn ? e - 1 : e;
    const indent = indentOf(text, s, lineEnd);
    const blank = indent === lineEnd - s || text.slice(s, lineEnd).trim() === '';
    if (st.block !== undefined && (blank || indent > st.block)) {
      s = e + 1;
      continue;
    }
    st.block = undefined;
    if (st.open?.kind === 'quote') {
      if (!continueQuote(text, s, lineEnd, indent, st)) return { kind: 'quote', offset: st.open.offset, char: st.open.char };
    } else {
      if (st.open && !blank && indent <= st.open.indent && startsBlockEntry(text, s, lineEnd)) {
        return { kind: 'bracket', offset: st.open.offset, char: st.open.char };
      }
      const tab = text.indexOf('\t', s);
      if (st.tab === undefined && !st.open && tab >= 0 && tab < s + indent + 1 && !blank && text.slice(s, tab).trim() === '') st.tab = tab;
      scanLine(text, s + indent, lineEnd, indent, st);
    }
    s = e + 1;
  }
  if (st.open) return { kind: st.open.kind, offset: st.open.offset, char: st.open.char };
  return st.tab !== undefined ? { kind: 'tab', offset: st.tab, char: '\t' } : undefined;
}
