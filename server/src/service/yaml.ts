// Every YAML the product reads (candidates blocks, schema files, existing pending specs) goes
// through here: plain data only (no custom tags, no merge keys), and never a document nested
// deep enough to overflow the parser's stack — after such an overflow the `yaml` library has
// been seen to leave the process unable to compile a regular expression, i.e. dead.
import { drain } from './steps';
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

/** Deeper than any real candidates list or schema by far, and far from the parser's limit (~800). */
export const MAX_YAML_DEPTH = 128;

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
    while (i < n && text.charCodeAt(i) === 32) {
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
  if (deep !== -1) {
    const doc = parseDocument('');
    doc.errors.push(
      new YAMLParseError([deep, Math.min(deep + 1, text.length)], 'IMPOSSIBLE', `Nesting deeper than ${MAX_YAML_DEPTH} levels is not read`),
    );
    return doc;
  }
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
    if (++n % STEP_LEXEMES === 0) yield;
  }
  for (const token of parser.end()) for (const d of composer.next(token)) if (take(d)) return doc!;
  for (const d of composer.end(true, text.length)) if (take(d)) return doc!;
  return doc!;
}
