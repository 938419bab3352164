// The JSON Schema VS Code uses for the configuration file is the one the code makes (so it knows
// every rule id). After adding a rule: `UPDATE_SCHEMA=1 npm run test:unit` rewrites the file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configJsonSchema } from '../../server/src/service/config/configSchema';
import { parseConfig } from '../../server/src/service/config/config';

const FILE = path.join(process.cwd(), 'schemas', 'review-snapshot-config.schema.json');

describe('configuration JSON Schema', () => {
  it('the shipped schema file is the one the code makes', () => {
    const made = JSON.stringify(configJsonSchema(), null, 2) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') fs.writeFileSync(FILE, made);
    assert.equal(
      fs.readFileSync(FILE, 'utf8'),
      made,
      'run UPDATE_SCHEMA=1 npm run test:unit to rewrite schemas/review-snapshot-config.schema.json',
    );
  });
  it('names exactly the top-level keys the configuration reader accepts', () => {
    const keys = Object.keys((configJsonSchema() as { properties: object }).properties);
    for (const k of keys) {
      assert.deepEqual(
        parseConfig(`${k}: null`).problems.filter((p) => p.message.startsWith('unknown key')),
        [],
        k,
      );
    }
    assert.match(parseConfig('extra: 1').problems[0].message, new RegExp(`known: ${keys.join(', ')}`));
  });
});
