// The review prompts in a run of `validate` (and of the MCP server's tools): a Markdown file the
// `prompts` globs match is checked against the contract's words (service/rules/prompt.ts) instead
// of as a snapshot, and --fix inserts what it lacks.
import { type SnapshotCore, promptContract, checkPrompt, type SnapshotSettings } from '../service/core';
import type { Checked } from './fix';

/** The check of a prompt's text, when the file is a review prompt (undefined: it is not one). */
export function promptCheck(
  service: SnapshotCore,
  root: string,
  rel: string,
  text: string,
  settings: SnapshotSettings,
): ((text: string) => Checked) | undefined {
  if (!service.isReviewPrompt(rel, text, settings)) return undefined;
  const contract = promptContract(service.workspace, root, settings);
  return (t) => ({ findings: checkPrompt(t, contract, settings.rules), failures: [] });
}
