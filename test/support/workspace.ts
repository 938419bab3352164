// Temporary workspace folders on disk for protocol and CLI tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const FIXTURES = path.join(process.cwd(), 'test', 'fixtures');
export const VALID_TEXT = fs.readFileSync(path.join(FIXTURES, 'snapshots', 'valid.md'), 'utf8');
export const SCHEMA_TEXT = fs.readFileSync(path.join(process.cwd(), 'server', 'src', 'schema', 'review_snapshot_schema_v1.yaml'), 'utf8');
export const SNAPSHOT_REL = 'docs/reviews/snapshots/2026-02-19_self-heal-run.md';
/** A review prompt that names the contract and asks for every section in order (the prompt rules pass it). */
export const PROMPT_TEXT = fs.readFileSync(path.join(FIXTURES, 'prompts', 'conforming.md'), 'utf8');

export class TempWorkspace {
  readonly root: string;
  constructor(prefix = 'rs-ws-') {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  }
  path(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }
  uri(rel: string): string {
    return pathToFileURL(this.path(rel)).toString();
  }
  write(rel: string, text: string | Buffer): string {
    const p = this.path(rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  }
  read(rel: string): string {
    return fs.readFileSync(this.path(rel), 'utf8');
  }
  exists(rel: string): boolean {
    return fs.existsSync(this.path(rel));
  }
  /** A repository as the example snapshot expects it: schema, prompt and cited files (in the folder `under`, if given). */
  withExampleRepo(under = ''): this {
    const write = (rel: string, text: string) => this.write(under ? `${under}/${rel}` : rel, text);
    write('specs/schema/review_snapshot_schema_v1.yaml', SCHEMA_TEXT);
    write('docs/reviews/prompts/self_healing.md', PROMPT_TEXT);
    for (const f of [
      'specs/schema/schema_v1.md',
      'specs/contract/12_runner_interface.md',
      'specs/contract/25_compatibility_matrix.md',
      'specs/contract/26_review_output_contract.md',
      'specs/governance/check_sets_v1.yaml',
      'docs/book/80_troubleshooting.md',
    ]) {
      write(f, '# stub\n');
    }
    write('dc-runner-rust/runner_adapter.sh', 'echo\n'.repeat(150));
    return this;
  }
  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
