// Test hooks: the e2e suite answers dialogs through these instead of skipping them. Unset in
// normal use, where the real modal dialog, quick pick and input box are shown. Nothing the
// product needs to work is kept here.
import * as vscode from 'vscode';

export interface TestHooks {
  /** Answers a modal confirmation: returns the chosen item, or undefined for Cancel. */
  confirm?: (message: string, detail: string, items: string[]) => Promise<string | undefined>;
  /** Picks among quick-pick item labels. */
  pick?: (labels: string[]) => Promise<string | undefined>;
  /** Answers an input box. */
  input?: (prompt: string) => Promise<string | undefined>;
  /** The last confirmation shown (message and detail), for assertions. */
  lastConfirm?: { message: string; detail: string };
}

export const testHooks: TestHooks = {};

export async function confirmModal(message: string, detail: string, ...items: string[]): Promise<string | undefined> {
  testHooks.lastConfirm = { message, detail };
  if (testHooks.confirm) return testHooks.confirm(message, detail, items);
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...items);
}

export async function pickOne(labels: string[], placeHolder: string): Promise<string | undefined> {
  if (testHooks.pick) return testHooks.pick(labels);
  return vscode.window.showQuickPick(labels, { placeHolder });
}

export async function inputText(prompt: string, validate: (v: string) => string | undefined): Promise<string | undefined> {
  if (testHooks.input) {
    const v = await testHooks.input(prompt);
    return v !== undefined && !validate(v) ? v : undefined;
  }
  return vscode.window.showInputBox({ prompt, validateInput: validate });
}
