// The language server: LSP wiring only. The engine is the service (service/index.ts) on the disk
// workspace (node/diskWorkspace.ts); lsp/ holds the settings, the folders, the validation
// scheduling and the feature handlers.
import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskWorkspace } from './node/diskWorkspace';
import { ruleDocUrl } from './node/ruleDocs';
import { createSnapshotService } from './service/index';
import { Checker } from './lsp/checker';
import { registerFeatures } from './lsp/features';
import { Folders } from './lsp/folders';
import { registerLifecycle } from './lsp/lifecycle';
import { SettingsStore } from './lsp/settings';
import { IndexRunner } from './lsp/symbolIndex';
import { Validator } from './lsp/validation';
import { FreshnessRunner } from './lsp/freshness';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
const workspace = new DiskWorkspace();
const service = createSnapshotService({ workspace, log });
const folders = new Folders();
const settings = new SettingsStore(connection);
const checker = new Checker({ connection, documents, service, folders, settings, log, ruleDocUrl });
const freshness = new FreshnessRunner({ documents, log, republish: (uri, version) => validator.republish(uri, version) });
const validator = new Validator({ connection, documents, service, folders, settings, checker, log, ruleDocUrl, freshness });
const indexer = new IndexRunner({ service, folders, settings, log });

registerLifecycle({ connection, service, workspace, folders, settings, validator, checker, freshness, onReady: () => indexer.start() });
registerFeatures({ connection, documents, service, folders, settings, validator, checker, indexer, freshness });
// Fired on open and on every change: a document seen for the first time is checked at once.
documents.onDidChangeContent((e) => validator.changed(e.document));
documents.onDidClose((e) => {
  validator.closed(e.document);
  settings.forget(e.document.uri);
});
documents.listen(connection);
connection.listen();
