// Before the monorepo pass (both hosts): the pass's scratch folder, which holds the workspace
// folder, becomes the repository: `.git`, the team's `.review-snapshot.yaml`, the schema and the
// file the snapshot cites, all one folder above what VS Code opens.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workspace');

export function repositoryAbove(scratch) {
  fs.mkdirSync(path.join(scratch, '.git'));
  fs.writeFileSync(
    path.join(scratch, '.review-snapshot.yaml'),
    '# The whole repository writes severities as P0-P3.\nrules:\n  table/severity: error\n',
  );
  const schema = path.join('specs', 'schema', 'review_snapshot_schema_v1.yaml');
  fs.mkdirSync(path.join(scratch, path.dirname(schema)), { recursive: true });
  fs.copyFileSync(path.join(FIXTURE, schema), path.join(scratch, schema));
  fs.cpSync(path.join(FIXTURE, 'src'), path.join(scratch, 'src'), { recursive: true });
}
