// The contract's vocabulary is written once (contract.ts) and must agree with the bundled schema
// and conventions; the schema exists once in the source, and the copies the example and e2e
// workspaces carry are the same bytes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CANDIDATE,
  COMMAND_COLUMN,
  DEFAULTS,
  META,
  MENTION_SECTIONS,
  SECTION,
  TABLE,
  TITLE,
  isSchemaRef,
} from '../../server/src/service/contract/contract';
import { bundledConventions, conventions } from '../../server/src/service/contract/conventions';
import { help } from '../../server/src/service/contract/help';
import { BUNDLED_SCHEMA_TEXT, bundledSchema, parseSchema, tableKeyOf } from '../../server/src/service/contract/schema';
import { VALID, edit, findings } from '../support/engine';

describe('contract vocabulary', () => {
  it('every metadata key and section the product gives a role is required by the bundled schema', () => {
    const s = bundledSchema();
    for (const key of Object.values(META)) assert.ok(s.requiredMetadata.includes(key), key);
    for (const name of Object.values(SECTION)) assert.ok(s.requiredSections.includes(name), name);
    for (const key of Object.values(TABLE)) assert.ok(s.tableHeaders.has(key), key);
    assert.equal(tableKeyOf(SECTION.log), TABLE.log);
    assert.equal(tableKeyOf(SECTION.findings), TABLE.findings);
    assert.ok(s.tableHeaders.get(TABLE.log)!.includes(COMMAND_COLUMN));
  });

  it('the bundled schema, read at build time, is what parsing its file gives (and a copy of it is the same)', () => {
    // Another text (a comment more) for the same YAML: parsed, not recognized as the bundled file.
    const parsed = parseSchema(`# a copy\n${BUNDLED_SCHEMA_TEXT}`, 'bundled v1');
    assert.ok('schema' in parsed);
    assert.deepEqual(parsed.schema, bundledSchema());
    assert.deepEqual(parseSchema(BUNDLED_SCHEMA_TEXT, 'specs/schema/v1.yaml'), {
      schema: { ...bundledSchema(), source: 'specs/schema/v1.yaml' },
    });
  });

  it('candidate keys the product reads, and the sections it finds mentions in, are in the schema', () => {
    const s = bundledSchema();
    for (const key of Object.values(CANDIDATE)) assert.ok(s.candidates.requiredKeys.includes(key), key);
    for (const name of MENTION_SECTIONS) assert.ok(s.requiredSections.includes(name), name);
  });

  it('help.yaml explains exactly the metadata keys, sections, labels and candidate keys of the bundled schema', () => {
    const s = bundledSchema();
    const h = help();
    assert.deepEqual([...h.metadata.keys()], s.requiredMetadata);
    assert.deepEqual([...h.sections.keys()], s.requiredSections);
    assert.deepEqual([...h.labels.keys()], s.labels.allowed);
    assert.deepEqual([...h.candidateKeys.keys()], s.candidates.requiredKeys);
  });

  it('the conventions name columns the schema has', () => {
    const c = bundledConventions().columns;
    const log = bundledSchema().tableHeaders.get(TABLE.log)!;
    const findingsHeader = bundledSchema().tableHeaders.get(TABLE.findings)!;
    for (const col of [c.status, c.exitCode]) assert.ok(log.includes(col), col);
    for (const col of [c.severity, c.verification, c.location]) assert.ok(findingsHeader.includes(col), col);
  });

  it('the defaults name the schema file the way refs do, and the title is the contract title', () => {
    for (const p of DEFAULTS.schemaLocations) assert.ok(isSchemaRef(p), p);
    assert.ok(isSchemaRef(DEFAULTS.schemaRef));
    assert.equal(TITLE, 'Review Snapshot');
  });

  it('the schema copies in examples/ and the e2e workspaces are byte-equal to the bundled one', () => {
    const copies = ['examples', 'test/e2e/workspace', 'test/e2e/workspace-restricted'].map((d) =>
      path.join(process.cwd(), d, 'specs', 'schema', 'review_snapshot_schema_v1.yaml'),
    );
    for (const c of copies) assert.equal(fs.readFileSync(c, 'utf8'), BUNDLED_SCHEMA_TEXT, c);
  });
});

describe('conventions setting', () => {
  const P4_ROW = (t: string) => edit(t, '| P2 | Verified |', '| P4 | Verified |');

  it('severities in the documented object form ({"P4": "meaning"}) are accepted', () => {
    const conv = { severities: { P4: 'trivial — cosmetic only.' } };
    assert.equal(conventions(conv).severities.get('P4'), 'trivial — cosmetic only.');
    assert.deepEqual(
      findings(P4_ROW(VALID()), { conventions: conv }).map((f) => f.rule),
      [],
    );
    assert.ok(
      findings(P4_ROW(VALID())).some((f) => f.rule === 'table/severity'),
      'without the setting P4 is flagged',
    );
  });

  it('severities as a list of names, and mode "replace", work too', () => {
    assert.deepEqual(
      findings(P4_ROW(VALID()), { conventions: { severities: ['P4'] } }).map((f) => f.rule),
      [],
    );
    const only = conventions({ mode: 'replace', severities: { S1: 'one' } });
    assert.deepEqual([...only.severities.keys()], ['S1']);
  });
});
