// The engine's light door: the pure leaf modules every side may take without the engine — the
// extension's client and the typed protocol (which the client bundles), the CLI's loader — and
// that the facade (core.ts, index.ts) passes on to the server and the CLI. Nothing re-exported
// here imports a library (no YAML parser, no rule, no model), so the client bundle stays small
// (the packaging test counts the server modules in it).
export { escapeEditorText, escapeMarkdown, escapeNotification, escapeTerminal, hasHiddenCharacters, visibleControls } from './text/escape';
export { todayIso } from './text/clock';
export { gatesVerdict, labelSlug, plural, snapshotsAndTemplates } from './text/wording';
export { DEFAULTS, PLACEHOLDER } from './contract/contract';
export { isInside, toRepoPath, writeRoot } from './repo/paths';
export {
  CONVERT_COMMAND,
  OPEN_AT_REVISION_COMMAND,
  OPEN_PENDING_COMMAND,
  PICK_LABEL_COMMAND,
  type LabelChoice,
  type OpenAtRevisionArgs,
  type OpenPendingArgs,
  type PickLabelArgs,
} from './features/lensCommands';
export type { Gate, GateResult } from './features/gates';
export type { PendingError } from './features/pending';
export type { ViewCounts, ViewVerdict, ViewDetails, ViewFinding, ViewCandidate, ViewGate, Journey, IdPlace } from './lifecycle/viewData';
export type { ReviewDiff } from './lifecycle/reviewDiff';
