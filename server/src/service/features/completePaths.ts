// Repository paths as completion items, one folder at a time (as VS Code's Markdown path
// completion does): folders end in `/` and ask for the next level; in a File:Line cell a file
// ends in `:` and asks for the line, offered with the text of each line. Everything is listed and
// read through the Workspace port, so nothing outside the repository is shown.
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { resolveWritten } from '../repo/paths';
import { lineSpan } from '../model/text';
import type { Workspace } from '../repo/workspace';

/** VS Code's command that opens the suggestion list again (after a folder or a file). */
export const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** Lines of a cited file offered after `path:`; a longer file is cut (a citation names a line one knows). */
const MAX_LINES = 1000;
const MAX_LINE_BYTES = 1024 * 1024;

export interface PathQuery {
  workspace: Workspace;
  root: string;
  /** What is typed so far (a path, or `path:` and a line), and where it starts on the line. */
  typed: string;
  line: number;
  start: number;
  /** In a File:Line cell: files end with `:` and their lines follow. */
  withLine: boolean;
}

/** The entries of the folder `dir` (decoded), replacing the name typed after the folder part. */
function entriesItems(q: PathQuery, dir: string, nameStart: number, namePart: string): CompletionItem[] {
  const { abs, outside } = resolveWritten(q.root, dir || '.');
  if (outside) return [];
  const entries = q.workspace.list(q.root, abs) ?? [];
  const range: Range = lineSpan(q.line, q.start + nameStart, q.start + nameStart + namePart.length);
  const out: CompletionItem[] = [];
  for (const e of entries) {
    // The repository's own database is no citation.
    if (e.name === '.git') continue;
    const dir = e.kind === 'dir';
    const text = dir ? `${e.name}/` : q.withLine ? `${e.name}:` : e.name;
    out.push({
      label: dir ? `${e.name}/` : e.name,
      kind: dir ? CompletionItemKind.Folder : CompletionItemKind.File,
      sortText: `${dir ? 0 : 1}${e.name}`,
      filterText: text,
      textEdit: { range, newText: text },
      command: dir || q.withLine ? RETRIGGER : undefined,
    });
  }
  return out;
}

/** The cited file's lines after `path:`, each with its text (blank lines are never cited). */
function lineItems(q: PathQuery, written: string, lineTyped: string, colon: number): CompletionItem[] {
  const { abs, outside } = resolveWritten(q.root, written);
  if (outside || !written) return [];
  const read = q.workspace.readText(q.root, abs, MAX_LINE_BYTES);
  if (!read.ok) return [];
  const lines = read.text.split(/\r\n|\r|\n/, MAX_LINES);
  const range = lineSpan(q.line, q.start + colon + 1, q.start + colon + 1 + lineTyped.length);
  const out: CompletionItem[] = [];
  lines.forEach((l, i) => {
    const text = l.trim();
    if (!text) return;
    const n = String(i + 1);
    const shown = text.length > 80 ? text.slice(0, 79) + '…' : text;
    out.push({
      label: n,
      // On every row of the list, not only the focused one: the text is how the line is chosen.
      labelDetails: { description: shown },
      kind: CompletionItemKind.Reference,
      detail: shown,
      sortText: n.padStart(7, '0'),
      filterText: n,
      textEdit: { range, newText: n },
    });
  });
  return out;
}

/** Completion items for a path being typed (`src/a`, `/src/`, `src/a.ts:1`). */
export function pathItems(q: PathQuery): CompletionItem[] {
  const typed = q.typed;
  const colon = typed.lastIndexOf(':');
  if (q.withLine && colon > 0 && /^\d*$/.test(typed.slice(colon + 1))) {
    return lineItems(q, decodeSafe(typed.slice(0, colon)), typed.slice(colon + 1), colon);
  }
  if (colon >= 0 || /\s/.test(typed)) return [];
  const slash = typed.lastIndexOf('/');
  // A percent-encoded folder part is listed decoded; the edit keeps what was typed.
  return entriesItems(q, decodeSafe(typed.slice(0, slash + 1)), slash + 1, typed.slice(slash + 1));
}

function decodeSafe(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
