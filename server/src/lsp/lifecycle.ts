// Initialization (capabilities, what the client can do) and the events that make open snapshots
// be checked again: settings, file and folder changes.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { FIX_ALL_KIND } from '../service/features/actions';
import { TRIGGER_CHARACTERS } from '../service/features/completion';
import type { SnapshotService } from '../service/index';
import type { DiskWorkspace } from '../node/diskWorkspace';
import { filePath, type Folders } from './folders';
import type { SettingsStore } from './settings';
import type { Checker } from './checker';
import type { Validator } from './validation';

export const SERVER_VERSION = '0.1.0';

export interface LifecycleDeps {
  connection: Connection;
  service: SnapshotService;
  workspace: DiskWorkspace;
  folders: Folders;
  settings: SettingsStore;
  validator: Validator;
  checker: Checker;
  /** Called once the client is ready (the workspace index starts building then). */
  onReady?: () => void;
}

export function registerLifecycle(d: LifecycleDeps): void {
  const { connection } = d;
  let canWatchFiles = false;
  let hasFolderEvents = false;
  connection.onInitialize((params): InitializeResult => {
    d.settings.enabled = !!params.capabilities.workspace?.configuration;
    d.validator.reportTiming = (params.initializationOptions as { timing?: unknown } | undefined)?.timing === true;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    hasFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    d.folders.init(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        documentLinkProvider: { resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
        // The label names this outline beside VS Code's own Markdown headings (one tree each).
        documentSymbolProvider: { label: 'Review Snapshot' },
        workspaceSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'review-snapshot', version: SERVER_VERSION },
    };
  });
  connection.onInitialized(() => {
    d.onReady?.();
    if (d.settings.enabled) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'reviewSnapshot' });
    // Links and schemas are cached per path; creations, deletions and renames anywhere refresh them.
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    if (hasFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        d.folders.change(e);
        d.settings.forget();
        d.service.index.touch();
        d.validator.revalidateAll();
      });
    }
  });
  connection.onDidChangeConfiguration(() => {
    d.settings.forget();
    d.service.invalidate();
    d.validator.revalidateAll();
    d.checker.recheckCovered();
  });
  connection.onDidChangeWatchedFiles((e) => {
    const paths = e.changes.map((ch) => filePath(ch.uri)).filter((p): p is string => !!p);
    for (const p of paths) {
      d.workspace.invalidate(p);
      d.service.invalidate(p);
    }
    // A configuration file's own problems show at once; every check it governs runs again.
    for (const ch of e.changes) {
      const p = filePath(ch.uri);
      if (p) d.checker.configChanged(p, ch.type === FileChangeType.Deleted);
    }
    d.validator.revalidateAll();
    d.checker.filesChanged(e.changes.filter((ch) => ch.type === FileChangeType.Created).flatMap((ch) => filePath(ch.uri) ?? []));
  });
}
