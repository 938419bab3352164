// Text from a snapshot is untrusted, and each place it is shown reads some characters as
// instructions: a terminal runs escape sequences and starts new lines at line breaks (a CI log
// then shows a fake problem-matcher line or a GitHub `::error`/`::add-mask::` command), Markdown
// turns brackets into links and images, a notification turns `[x](command:…)` into a clickable
// command, and bidirectional controls make a command read differently from what a shell runs.
// One function per sink; every output path uses its sink's function.

/** Bidirectional formatting controls (embeddings, overrides, isolates, marks). */
const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
/** Characters that render as nothing, or as a line break, but are not the ordinary ones. */
const INVISIBLE = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x2028, 0x2029]);

function hex(c: number, width: number): string {
  return c.toString(16).padStart(width, '0');
}

/** Whether a code unit is a control a terminal or a reader must not see raw. */
function isControl(c: number): boolean {
  return c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f) || BIDI.has(c) || INVISIBLE.has(c);
}

/** `\x1b`, `\t`, `\u202e`: how a control character is shown. */
function shown(c: number): string {
  if (c === 0x09) return '\\t';
  if (c === 0x0a) return '\\n';
  if (c === 0x0d) return '\\r';
  return c <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
}

/**
 * For a terminal (and every line-based format read by tools: problem matchers, CI logs): C0 and
 * C1 controls, DEL, line and paragraph separators, bidi and invisible characters are shown as
 * escapes, so one finding is one line and no sequence reaches the terminal raw. A backslash is
 * left as it is (paths and messages hold them legitimately).
 */
export function escapeTerminal(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isControl(c)) continue;
    out += s.slice(from, i) + shown(c);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Whether a text holds characters that make it read differently from what it is. */
export function hasHiddenCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x09 && isControl(c)) return true;
  }
  return false;
}

/** For a dialog that must be read exactly: the same escapes as a terminal (tabs shown too). */
export function visibleControls(s: string): string {
  return escapeTerminal(s);
}

/**
 * For text the editor shows as plain text — diagnostic messages and their related information,
 * code-lens and code-action titles, Outline and workspace symbols: the same escapes as a
 * terminal, so a bidi override in a heading or an id cannot make a message, a title or a symbol
 * read as something else, and an invisible joiner cannot make two names look the same. Applied
 * where the server hands these strings over (features/diagnostics.ts, the service facade).
 */
export function escapeEditorText(s: string): string {
  return escapeTerminal(s);
}

const MARKDOWN_SPECIAL = new Set('\\`*_{}[]()<>#+-.!|~&'.split('').map((c) => c.charCodeAt(0)));

/**
 * For Markdown (hovers): every character Markdown could read as syntax is backslash-escaped, so
 * document text is shown as text — no emphasis, no code span that swallows the rest, no link,
 * image or HTML — and controls are shown as escapes.
 */
export function escapeMarkdown(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isControl(c)) out += shown(c);
    else if (MARKDOWN_SPECIAL.has(c)) out += '\\' + s[i];
    else out += s[i];
  }
  return out;
}

/**
 * For a VS Code notification, which renders `[text](link)` as a clickable link (commands
 * included): the `](` that would form a link is broken with a space, and controls are shown.
 */
export function escapeNotification(s: string): string {
  return escapeTerminal(s).split('](').join('] (');
}

/** The longest run of `ch` in `text`. */
function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** Controls, bidi and invisible characters shown as escapes; tabs kept (code is indented with them). */
function hiddenShown(s: string): string {
  return s.split('\t').map(escapeTerminal).join('\t');
}

/** `text` as an inline code span (one line; a fence longer than any backtick run inside). */
export function inlineCode(text: string): string {
  const t = hiddenShown(text.replace(/[\r\n]+/g, ' '));
  const ticks = '`'.repeat(longestRun(t, '`') + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t.trim() === '' ? ' ' : '';
  return `${ticks}${pad}${t}${pad}${ticks}`;
}

/**
 * A fenced code block that `text` cannot close early (its fence is longer than any backtick run
 * inside), with hidden characters shown: a cited file is as untrusted as the snapshot.
 */
export function codeBlock(text: string, lang = ''): string {
  const body = text.replace(/\r\n?/g, '\n').split('\n').map(hiddenShown).join('\n');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  // The info string is ours (a language id), but keep it to one plain word all the same.
  const info = /^[\w+#.-]*$/.test(lang) ? lang : '';
  return `${fence}${info}\n${body}\n${fence}`;
}
