// The client half of the candidate code lenses: pick another label (the server sent the choices,
// each with its edits for one version of the document) and open a pending spec at an entry.
import * as vscode from 'vscode';
import { OpenPendingClientCommand, PickLabelClientCommand, type OpenPendingArgs, type PickLabelArgs } from '../../server/src/protocol';
import type { SnapshotClient } from './client';
import { escapeEditorText, escapeNotification } from '../../server/src/service/shared';
import { testHooks } from './hooks';

async function pickLabel(sc: SnapshotClient, args: PickLabelArgs): Promise<string | undefined> {
  const uri = vscode.Uri.parse(args.uri);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!args.choices.length) {
    void vscode.window.showInformationMessage(`No other label can be chosen for ${escapeNotification(args.id)} here.`);
    return undefined;
  }
  // Labels (the repository's schema) and ids (the document) are shown with hidden characters visible.
  const items = args.choices.map((c) => ({
    label: escapeEditorText(c.label),
    description: c.description === undefined ? undefined : escapeEditorText(c.description),
    choice: c,
  }));
  const placeHolder = `Classification label for ${escapeEditorText(args.id)} (now: ${escapeEditorText(args.current ?? 'none')})`;
  const picked = testHooks.pick
    ? await testHooks.pick(items.map((i) => i.label))
    : (await vscode.window.showQuickPick(items, { placeHolder }))?.label;
  const choice = items.find((i) => i.label === picked)?.choice;
  if (!choice) return undefined;
  // The edits were computed for one version: after another edit they could land in the wrong place.
  if (!doc || (args.version !== undefined && doc.version !== args.version)) {
    void vscode.window.showWarningMessage('The snapshot changed since the label was offered; pick it again.');
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, await sc.client.protocol2CodeConverter.asTextEdits(choice.edits));
  return (await vscode.workspace.applyEdit(edit)) ? choice.label : undefined;
}

async function openPending(sc: SnapshotClient, args: OpenPendingArgs): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const range = sc.client.protocol2CodeConverter.asRange(args.range);
  await vscode.window.showTextDocument(doc, { selection: range, preview: false });
}

export function registerAuthoring(context: vscode.ExtensionContext, sc: SnapshotClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(PickLabelClientCommand, (args: PickLabelArgs) => pickLabel(sc, args)),
    vscode.commands.registerCommand(OpenPendingClientCommand, (args: OpenPendingArgs) => openPending(sc, args)),
  );
}
