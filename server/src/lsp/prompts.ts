// Review prompts in the editor: a Markdown file the `prompts` globs match gets the prompt rules'
// diagnostics (rules/prompt.ts) with their quick fixes, and hovering `Prompt:` in a snapshot says
// whether the prompt it names conforms. The prompt named by a snapshot is read from its open
// document, else through the workspace's guarded read (inside the folder only).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CheckResult,
  escapeMarkdown,
  fixAllAction,
  FIX_ALL_KIND,
  quickFixes,
  type Finding,
  type SnapshotService,
  promptContract,
  checkPrompt,
  type SnapshotSettings,
  containsPosition,
} from '../service/index';
import type { Checker } from './checker';
import type { Folders } from './folders';

export interface PromptDeps {
  documents: TextDocuments<TextDocument>;
  service: SnapshotService;
  folders: Folders;
  checker: Checker;
}

export class Prompts {
  /** The findings of each prompt document's latest checked version. */
  private readonly latest = new Map<string, { version: number; findings: Finding[] }>();

  constructor(private readonly d: PromptDeps) {}

  private check(text: string, root: string, settings: SnapshotSettings): Finding[] {
    return checkPrompt(text, promptContract(this.d.service.workspace, root, settings), settings.rules);
  }

  /** The findings of a file's text when it is a review prompt (undefined: it is not one). */
  async ofText(uri: string, text: string): Promise<Finding[] | undefined> {
    const root = this.d.folders.rootOf(uri);
    if (!root) return undefined;
    const settings = await this.d.checker.settingsFor(uri);
    return this.d.service.isReviewPrompt(this.d.folders.relPath(uri), text, settings) ? this.check(text, root, settings) : undefined;
  }

  /** The findings of a document that is a review prompt (undefined: it is not one). */
  async findings(doc: TextDocument): Promise<Finding[] | undefined> {
    const hit = this.latest.get(doc.uri);
    if (hit?.version === doc.version) return hit.findings;
    const findings = await this.ofText(doc.uri, doc.getText());
    if (findings) this.latest.set(doc.uri, { version: doc.version, findings });
    else this.latest.delete(doc.uri);
    return findings;
  }

  /** The quick fixes (and fix-all) of a prompt document. */
  async codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const doc = this.d.documents.get(uri);
    const findings = doc && (await this.findings(doc));
    if (!findings) return [];
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    const out = wants('quickfix') ? quickFixes(uri, undefined, findings, diagnostics) : [];
    const all = wants(FIX_ALL_KIND) ? fixAllAction(uri, findings) : undefined;
    return all ? [...out, all] : out;
  }

  forget(uri: string): void {
    this.latest.delete(uri);
  }

  /** On a snapshot's `Prompt:` path: whether the prompt it names conforms, and what it lacks. */
  async hover(uri: string, result: CheckResult, pos: Position): Promise<Hover | undefined> {
    const ref = result.refs.find((r) => r.source === 'prompt' && containsPosition(r.range, pos));
    const root = this.d.folders.rootOf(uri);
    if (!ref || !root || ref.status !== 'ok' || !ref.shown) return undefined;
    const abs = path.join(root, ...ref.shown.split('/'));
    const open = this.d.documents.get(pathToFileURL(abs).toString());
    const read = open ? { ok: true as const, text: open.getText() } : this.d.service.workspace.readText(root, abs);
    if (!read.ok) return undefined;
    const settings = await this.d.checker.settingsFor(pathToFileURL(abs).toString());
    const findings = this.check(read.text, root, settings);
    const name = escapeMarkdown(ref.shown);
    const value = findings.length
      ? `**The prompt ${name} does not conform to the contract:**\n\n${findings.map((f) => `- ${escapeMarkdown(f.message)} (\`${f.rule}\`)`).join('\n')}`
      : `**The prompt ${name} conforms to the contract:** it names the schema and the output contract, and asks for every required section by its exact heading, in order.`;
    return { range: ref.range, contents: { kind: 'markdown', value } };
  }
}
