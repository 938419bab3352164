// Text from a document (or a file it cites) that goes into Markdown the editor renders — hovers,
// completion documentation — is untrusted: a snapshot is often pasted AI output. Everything
// here makes such text inert: punctuation escaped so it cannot become a link, an image, HTML or
// emphasis, and code fenced with a run of backticks longer than any inside it.

/** Every ASCII punctuation character CommonMark lets a backslash escape. */
const ESCAPABLE = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** `text` as literal Markdown inline text: no link, image, HTML, emphasis or line break survives. */
export function escapeMarkdown(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\r\n]+/g, ' ')) out += ESCAPABLE.has(ch) ? '\\' + ch : ch;
  return out;
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

/** `text` as an inline code span (one line; a fence longer than any backtick run inside). */
export function inlineCode(text: string): string {
  const t = text.replace(/[\r\n]+/g, ' ');
  const ticks = '`'.repeat(longestRun(t, '`') + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t.trim() === '' ? ' ' : '';
  return `${ticks}${pad}${t}${pad}${ticks}`;
}

/** A fenced code block that `text` cannot close early: its fence is longer than any backtick run inside. */
export function codeBlock(text: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  // The info string is ours (a language id), but keep it to one plain word all the same.
  const info = /^[\w+#.-]*$/.test(lang) ? lang : '';
  return `${fence}${info}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}
