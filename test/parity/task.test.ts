// The Validate Workspace (CLI) task runs the CLI in the workspace folder with the arguments the
// client gives it (protocol.ts VALIDATE_TASK_ARGS): in a package of a monorepo opened alone, where
// the repository and its configuration file lie above the folder, it gives the editor's verdict
// (each file checked from its repository, as the server's rootOf finds it).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { VALIDATE_TASK_ARGS } from '../../server/src/protocol';
import { cliVerdictOf, serverVerdicts } from '../support/parity';
import { SNAPSHOT_REL, TempWorkspace, VALID_TEXT } from '../support/workspace';

describe('parity: the Validate Workspace task and the editor', function () {
  this.timeout(60000);
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace('rs-task-parity-').withExampleRepo()));
  afterEach(() => ws.dispose());

  it('give the same findings in a package opened alone, under the repository configuration above it', async () => {
    fs.mkdirSync(ws.path('.git'));
    ws.write('.review-snapshot.yaml', 'rules:\n  table/severity: error\n');
    const folder = ws.path('packages/app');
    ws.write(`packages/app/${SNAPSHOT_REL}`, VALID_TEXT.replace('| P2 | Verified |', '| High | Verified |'));
    const [command, ...rest] = VALIDATE_TASK_ARGS;
    assert.equal(command, 'validate');
    const byTask = cliVerdictOf([command, '--format', 'json', ...rest], folder);
    const byEditor = await serverVerdicts(folder, {});
    assert.deepEqual(byEditor.workspace, byTask);
    assert.ok(
      byTask[SNAPSHOT_REL].some((f) => f.startsWith('table/severity ') && f.endsWith(' error')),
      `the configuration above the folder applies: ${byTask[SNAPSHOT_REL]}`,
    );
  });
});
