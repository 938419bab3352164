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
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIG_NAMES, FIX_ALL_KIND, TRIGGER_CHARACTERS, type SnapshotService, isInside } from '../service/index';
import type { DiskWorkspace } from '../node/diskWorkspace';
import { filePath, type Folders } from './folders';
import type { SettingsStore } from './settings';
import type { Checker } from './checker';
import type { Validator } from './validation';
import type { FreshnessRunner } from './freshness';
import { TrustedNotification } from '../protocol';

export const SERVER_VERSION = '0.1.0';

export interface LifecycleDeps {
  connection: Connection;
  service: SnapshotService;
  workspace: DiskWorkspace;
  folders: Folders;
  settings: SettingsStore;
  validator: Validator;
  checker: Checker;
  /** Finding freshness runs git: only once the client says the workspace is trusted. */
  freshness?: FreshnessRunner;
  /** The Snapshots view: its verdicts are worked out again after file events and settings changes. */
  view?: { invalidate(all?: boolean): void };
  /** Called once the client is ready (the workspace index starts building then). */
  onReady?: () => void;
}

export function registerLifecycle(d: LifecycleDeps): void {
  const { connection } = d;
  let canWatchFiles = false;
  let canWatchOutside = false;
  let hasFolderEvents = false;
  connection.onInitialize((params): InitializeResult => {
    d.settings.enabled = !!params.capabilities.workspace?.configuration;
    const options = params.initializationOptions as { timing?: unknown; trusted?: unknown } | undefined;
    d.validator.reportTiming = options?.timing === true;
    if (d.freshness) d.freshness.trusted = options?.trusted === true;
    canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canWatchOutside = canWatchFiles && !!params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport;
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
    if (canWatchOutside) d.folders.onRootAbove = configWatcherAbove(connection);
    if (hasFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        d.folders.change(e);
        d.settings.forget();
        d.service.index.touch();
        d.validator.revalidateAll();
        d.view?.invalidate();
      });
    }
  });
  connection.onNotification(TrustedNotification, () => {
    if (!d.freshness || d.freshness.trusted) return;
    d.freshness.trusted = true;
    d.validator.revalidateAll();
  });
  connection.onDidChangeConfiguration(() => {
    d.settings.forget();
    d.service.invalidate();
    d.validator.revalidateAll();
    d.checker.recheckCovered();
    d.view?.invalidate();
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
    // A file created or deleted can change any snapshot's verdict (a cited path); a change, its own.
    d.view?.invalidate(e.changes.some((ch) => ch.type !== FileChangeType.Changed));
    d.checker.filesChanged(e.changes.filter((ch) => ch.type === FileChangeType.Created).flatMap((ch) => filePath(ch.uri) ?? []));
  });
}

/**
 * Watches the configuration files a workspace folder's watchers cannot see: those of the folders
 * from its repository's root down to the folder's parent (a package of a monorepo opened alone
 * reads the nearest one up to the root, as the CLI does). One non-recursive watcher per folder,
 * registered once; a change then re-checks like one inside the workspace.
 */
function configWatcherAbove(connection: Connection): (repo: string, folder: string) => void {
  const watched = new Set<string>();
  return (repo, folder) => {
    const watchers = [];
    for (let dir = path.dirname(folder); isInside(repo, dir); dir = path.dirname(dir)) {
      if (!watched.has(dir)) {
        watched.add(dir);
        watchers.push({ globPattern: { baseUri: pathToFileURL(dir).toString(), pattern: CONFIG_GLOB } });
      }
      if (dir === repo || path.dirname(dir) === dir) break;
    }
    if (watchers.length) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  };
}

/** The configuration file's names, as one glob. */
const CONFIG_GLOB = `{${CONFIG_NAMES.join(',')}}`;
