// The language server: LSP wiring only. The engine is the service (service/index.ts) on the disk
// workspace (node/diskWorkspace.ts); lsp/ holds the settings, the folders, the validation
// scheduling and the feature handlers.
import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskWorkspace } from './node/diskWorkspace';
import { withFailpoint } from './node/failpoint';
import { ruleDocUrl } from './node/ruleDocs';
import { createSnapshotService } from './service/index';
import { Checker } from './lsp/checker';
import { registerFeatures } from './lsp/features';
import { Folders } from './lsp/folders';
import { Prompts } from './lsp/prompts';
import { registerLifecycle } from './lsp/lifecycle';
import { checkedTransport, consoleToClient } from './lsp/messages';
import { SettingsStore } from './lsp/settings';
import { IndexRunner } from './lsp/symbolIndex';
import { Validator } from './lsp/validation';
import { FreshnessRunner } from './lsp/freshness';
import { registerCompare } from './lsp/compare';
import { CrossSnapshots } from './lsp/crossSnapshot';
import { registerSnapshotsView } from './lsp/snapshotsView';

// Every message is checked before the protocol library reads it (lsp/messages.ts).
const transport = checkedTransport(process.argv.slice(2));
const connection = transport
  ? createConnection(ProposedFeatures.all, transport.reader, transport.writer)
  : createConnection(ProposedFeatures.all);
if (transport?.stdio) consoleToClient(connection);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
const workspace = new DiskWorkspace();
const service = createSnapshotService({ workspace, log, rules: withFailpoint(process.env.REVIEW_SNAPSHOT_FAILPOINT) });
const folders = new Folders();
const settings = new SettingsStore(connection);
const checker = new Checker({ connection, documents, service, folders, settings, log, ruleDocUrl });
const prompts = new Prompts({ documents, service, folders, checker });
checker.prompts = prompts;
checker.cross = new CrossSnapshots(service, folders);
const freshness = new FreshnessRunner({ documents, log, republish: (uri, version) => validator.republish(uri, version) });
const validator = new Validator({ connection, documents, service, folders, settings, checker, log, ruleDocUrl, prompts, freshness });
const republishOpen = () => {
  for (const doc of documents.all()) {
    const result = validator.ready(doc.uri);
    if (result && checker.cross?.changed(doc.uri, result)) validator.republish(doc.uri, doc.version);
  }
};
const indexer = new IndexRunner({ service, folders, settings, log });
indexer.whenUpdated(republishOpen);

const view = registerSnapshotsView({ connection, documents, service, folders, checker, indexer, freshness, log });
registerLifecycle({
  connection,
  service,
  workspace,
  folders,
  settings,
  validator,
  checker,
  freshness,
  view,
  onReady: () => indexer.start(),
});
registerFeatures({ connection, documents, service, folders, settings, validator, checker, indexer, prompts, freshness });
registerCompare({ connection, documents, service, workspace, folders, indexer, trusted: () => freshness.trusted });
// Fired on open and on every change: a document seen for the first time is checked at once.
documents.onDidChangeContent((e) => validator.changed(e.document));
documents.onDidClose((e) => {
  validator.closed(e.document);
  prompts.forget(e.document.uri);
  settings.forget(e.document.uri);
});
documents.listen(connection);
connection.listen();
