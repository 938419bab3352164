// Review Snapshot: New Snapshot — the contract's skeleton in docs/reviews/snapshots/.
import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { SkeletonRequest, type SkeletonResult } from '../../server/src/protocol';
import { todayIso, labelSlug, DEFAULTS } from '../../server/src/service/shared';
import type { SnapshotClient } from './client';
import { inputText, pickOne } from './hooks';

const PLACEHOLDER_REV = '0000000';
const BROWSE = 'Browse…';

function gitRevision(cwd: string): Promise<string> {
  // git reads the repository's config, which an untrusted workspace controls: ask only when trusted.
  if (!vscode.workspace.isTrusted) return Promise.resolve(PLACEHOLDER_REV);
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', '--short', 'HEAD'], { cwd, timeout: 5000 }, (err, stdout) => {
      const rev = stdout?.trim();
      resolve(!err && /^[0-9a-f]{4,40}$/.test(rev) ? rev : PLACEHOLDER_REV);
    });
  });
}

export async function newSnapshot(sc: SnapshotClient): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder =
    folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the snapshot' }) : folders[0];
  if (!folder) {
    void vscode.window.showWarningMessage('New Snapshot needs a workspace folder.');
    return undefined;
  }
  const prompts = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, DEFAULTS.promptsGlob), null, 200);
  const rel = (u: vscode.Uri) => vscode.workspace.asRelativePath(u, false);
  const labels = prompts.map(rel).sort();
  let prompt = await pickOne([...labels, BROWSE], 'Prompt this review follows');
  if (prompt === BROWSE) {
    const picked = await vscode.window.showOpenDialog({ defaultUri: folder.uri, canSelectMany: false, filters: { Markdown: ['md'] } });
    prompt = picked?.[0] ? rel(picked[0]) : undefined;
  }
  if (!prompt) return undefined;
  // Any label will do: it is made a slug ("Flaky CI runs" → flaky-ci-runs), never refused for a space.
  const typed = await inputText('Label for the snapshot file (made a slug: "Flaky CI runs" → flaky-ci-runs)', (v) =>
    labelSlug(v) ? undefined : 'Write a label with at least one letter or digit.',
  );
  const label = typed === undefined ? '' : labelSlug(typed);
  if (!label) return undefined;
  const date = todayIso();
  const target = vscode.Uri.joinPath(folder.uri, ...DEFAULTS.snapshotsDirectory.split('/'), `${date}_${label}.md`);
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showWarningMessage(`${rel(target)} exists already; it was opened, not overwritten.`);
    await vscode.window.showTextDocument(target);
    return target;
  } catch {
    // does not exist: create it below
  }
  const rev = await gitRevision(folder.uri.fsPath);
  const { text }: SkeletonResult = await sc.client.sendRequest(SkeletonRequest, {
    folderUri: folder.uri.toString(),
    date,
    prompt,
    promptRevision: rev,
    repoRevision: rev,
  });
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { ignoreIfExists: true, overwrite: false });
  edit.insert(target, new vscode.Position(0, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not create ${rel(target)}.`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(target);
  await doc.save();
  await vscode.window.showTextDocument(doc);
  return target;
}
