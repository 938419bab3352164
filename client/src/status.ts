// The language status item on snapshots (schema in use, error and warning counts, and whether the
// file is checked as a template) and the `reviewSnapshot.isSnapshot` context key that shows the
// commands only on snapshots.
import * as vscode from 'vscode';
import type { SnapshotClient } from './client';

export function registerStatus(context: vscode.ExtensionContext, sc: SnapshotClient): void {
  let item: vscode.LanguageStatusItem | undefined;
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const status = editor ? sc.status(editor.document.uri) : undefined;
    void vscode.commands.executeCommand('setContext', 'reviewSnapshot.isSnapshot', !!status);
    if (!status) {
      item?.dispose();
      item = undefined;
      return;
    }
    item ??= vscode.languages.createLanguageStatusItem('reviewSnapshot.status', { language: 'markdown' });
    item.name = 'Review Snapshot';
    const what = status.template ? 'Review snapshot template' : 'Review snapshot';
    item.text = `${what}: ${status.errors} error${status.errors === 1 ? '' : 's'}, ${status.warnings} warning${status.warnings === 1 ? '' : 's'}`;
    item.detail = status.template ? `template (placeholders accepted) · schema: ${status.schema}` : `schema: ${status.schema}`;
    item.severity = status.errors
      ? vscode.LanguageStatusSeverity.Error
      : status.warnings
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
    item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(update), sc.onStatus(update), { dispose: () => item?.dispose() });
  update();
}
