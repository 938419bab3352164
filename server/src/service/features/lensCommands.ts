// The client commands the code lenses and code actions on a candidate run, and their arguments: a
// module of its own, without imports, so the client's bundle carries these names and nothing of
// the engine (the package test checks the client bundle's inputs).
import type { Range, TextEdit } from 'vscode-languageserver-types';

/** The client command a pending code action or lens invokes, with arguments `[uri, ids?]`. */
export const CONVERT_COMMAND = 'reviewSnapshot.convertToPending';
/** The client command a label lens runs: it shows the choices and applies the chosen one's edits. */
export const PICK_LABEL_COMMAND = 'reviewSnapshot.pickLabel';
/** The client command a "pending spec: yes" lens runs: it opens the spec at the entry. */
export const OPEN_PENDING_COMMAND = 'reviewSnapshot.openPending';

export interface LabelChoice {
  label: string;
  /** What the label means (shown beside it). */
  description?: string;
  edits: TextEdit[];
}

export interface PickLabelArgs {
  uri: string;
  /** The document version the edits are for; the client refuses them for another. */
  version?: number;
  id: string;
  current?: string;
  choices: LabelChoice[];
}

/** The client command a freshness hover's link runs: it opens the cited file as it was at a revision, read-only, at a line. */
export const OPEN_AT_REVISION_COMMAND = 'reviewSnapshot.openAtRevision';

export interface OpenAtRevisionArgs {
  /** The snapshot (its repository is where the file is read). */
  uri: string;
  /** The repository path. */
  path: string;
  /** Full hex commit name. */
  revision: string;
  /** 1-based. */
  line: number;
}

export interface OpenPendingArgs {
  uri: string;
  range: Range;
}
