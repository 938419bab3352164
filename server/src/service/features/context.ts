// What the authoring features know about the document beyond its check: where it is, the
// settings of its folder, the workspace port, today, and the text of open files (newer than the
// disk). The LSP layer fills in the request; the facade adds what it owns.
import type { SnapshotSettings } from '../config/settings';
import type { Workspace } from '../repo/workspace';
import type { WorkspaceIndex } from './workspaceIndex';

export interface AuthoringRequest {
  uri: string;
  /** Absolute path of the workspace folder that holds the document. */
  root?: string;
  /** Absolute path of the document. */
  file?: string;
  /** The workspace folder the user opened that holds the document (default: `root`): edits stay in it too. */
  opened?: string;
  settings: SnapshotSettings;
  /** The version of the document the answer is for (edits carried by code lenses name it). */
  version?: number;
  /** The text of a file open in the editor (it may be newer than the disk). */
  openText?: (abs: string) => string | undefined;
  today?: string;
}

export interface AuthoringContext extends AuthoringRequest {
  workspace: Workspace;
  today: string;
  index: WorkspaceIndex;
}
