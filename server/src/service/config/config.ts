// The repository's configuration file: `.review-snapshot.yaml` (or `.yml`, `.json`), the nearest
// one from a snapshot's folder up to the workspace folder / repository root. The language server,
// the CLI and every task read it through here, so they give the same verdict. The file itself is
// checked: an unknown key, a wrong type, an unknown rule, a contract rule turned down — each is a
// problem at its line and column, never a silent fallback.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { ConventionsSetting } from '../contract/conventions';
import { compileGlob, GlobError } from '../repo/glob';
import { isInside } from '../repo/paths';
import { ALL_RULES, nearestRuleId } from '../rules/index';
import { TextLines } from '../model/text';
import { describeDenied, type Workspace } from '../repo/workspace';
import { parseYaml } from '../model/yaml';

export const CONFIG_NAMES = ['.review-snapshot.yaml', '.review-snapshot.yml', '.review-snapshot.json'] as const;

/** Whether a file name is one of the configuration file's names. */
export function isConfigName(name: string): boolean {
  return (CONFIG_NAMES as readonly string[]).includes(name);
}

export type RuleLevel = 'off' | 'warning' | 'error';

/** What a configuration file sets; a key it leaves out is left to the editor settings, or the default. */
export interface RepoConfig {
  files?: string[];
  ignores?: string[];
  templates?: string[];
  /** Globs of the review prompts (checked against the contract's words: rules/prompt.ts). */
  prompts?: string[];
  schemaPath?: string;
  conventions?: ConventionsSetting;
  links?: { validate?: boolean; external?: string[] };
  rules?: Map<string, RuleLevel>;
  pending?: { directory?: string; format?: 'yaml' | 'markdown' };
  /** Sibling repositories by name: where each clone is (relative to the configuration file's folder until rebased). */
  repositories?: Map<string, string>;
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string;
  config: RepoConfig;
  problems: ConfigProblem[];
  /** False when the file could not be read or does not parse: nothing of it is in force. */
  applied: boolean;
}

type Check = (node: unknown, at: string) => unknown;

class Reader {
  readonly problems: ConfigProblem[] = [];
  constructor(private readonly lines: TextLines) {}

  rangeOf(node: unknown): Range {
    const r = (node as Node | null)?.range;
    return r ? this.lines.rangeOf(r[0], Math.max(r[1], r[0] + 1)) : this.lines.lineRange(0);
  }

  problem(node: unknown, message: string): undefined {
    this.problems.push({ message, range: this.rangeOf(node) });
    return undefined;
  }

  string: Check = (node, at) =>
    isScalar(node) && typeof node.value === 'string' ? node.value : this.problem(node, `"${at}" must be a string`);

  boolean: Check = (node, at) =>
    isScalar(node) && typeof node.value === 'boolean' ? node.value : this.problem(node, `"${at}" must be true or false`);

  strings: Check = (node, at) => {
    if (!isSeq(node)) return this.problem(node, `"${at}" must be a list of strings`);
    const out: string[] = [];
    for (const item of node.items) {
      if (isScalar(item) && typeof item.value === 'string') out.push(item.value);
      else this.problem(item, `each item of "${at}" must be a string`);
    }
    return out;
  };

  globs: Check = (node, at) => {
    const list = this.strings(node, at) as string[] | undefined;
    if (!list || !isSeq(node)) return undefined;
    list.forEach((g, i) => {
      try {
        compileGlob(g);
      } catch (e) {
        if (e instanceof GlobError) this.problem(node.items[i], `glob "${g}" in "${at}" is refused: ${e.message}`);
      }
    });
    return list;
  };

  /** A mapping's pairs by key, with unknown keys reported (`known` lists the allowed ones). */
  mapping(node: unknown, at: string, known: readonly string[]): Map<string, Pair> | undefined {
    if (!isMap(node)) return this.problem(node, at ? `"${at}" must be a mapping` : 'the configuration must be a mapping of keys');
    const out = new Map<string, Pair>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!known.includes(key)) this.problem(pair.key, `unknown key "${at ? at + '.' : ''}${key}" (known: ${known.join(', ')})`);
      else out.set(key, pair);
    }
    return out;
  }
}

const TOP = ['files', 'ignores', 'templates', 'prompts', 'schemaPath', 'conventions', 'links', 'rules', 'pending', 'repositories'] as const;
const CONVENTION_KEYS = [
  'mode',
  'statuses',
  'severities',
  'verification',
  'runnerLanes',
  'candidateTypes',
  'candidateClasses',
  'candidateRisks',
];

function readRules(r: Reader, node: unknown): Map<string, RuleLevel> | undefined {
  if (!isMap(node)) return r.problem(node, '"rules" must be a mapping of rule ids to off, warning or error');
  const out = new Map<string, RuleLevel>();
  for (const pair of node.items) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    const level = isScalar(pair.value) ? String(pair.value.value) : '';
    const decl = ALL_RULES.get(id);
    if (!decl) {
      const near = nearestRuleId(id, (x) => !x.contract);
      r.problem(
        pair.key,
        `unknown rule "${id}"${near ? `; did you mean "${near}"?` : ' (review-snapshot explain --list lists the rules)'}`,
      );
    } else if (level !== 'off' && level !== 'warning' && level !== 'error') {
      r.problem(pair.value, `"${id}" must be off, warning or error (not "${level}")`);
    } else if (decl.contract && level !== 'error') {
      r.problem(
        pair.value,
        `"${id}" is a contract rule: a snapshot that violates the contract cannot conform, so it cannot be turned off or lowered`,
      );
    } else out.set(id, level);
  }
  return out;
}

function readSeverities(r: Reader, node: unknown): void {
  if (isSeq(node)) r.strings(node, 'conventions.severities');
  else if (!isMap(node)) r.problem(node, '"conventions.severities" must be a mapping of levels to meanings, or a list of levels');
  else {
    for (const pair of node.items) {
      const level = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!isScalar(pair.value) || (pair.value.value !== null && typeof pair.value.value !== 'string')) {
        r.problem(pair.value ?? pair.key, `the meaning of "conventions.severities.${level}" must be a string`);
      }
    }
  }
}

function readConventions(r: Reader, node: unknown): ConventionsSetting | undefined {
  const m = r.mapping(node, 'conventions', CONVENTION_KEYS);
  if (!m) return undefined;
  for (const [key, pair] of m) {
    if (key === 'mode') {
      const v = r.string(pair.value, 'conventions.mode');
      if (v !== undefined && v !== 'extend' && v !== 'replace') r.problem(pair.value, '"conventions.mode" must be extend or replace');
    } else if (key === 'statuses') {
      const st = r.mapping(pair.value, 'conventions.statuses', ['pass', 'fail', 'skipped']);
      for (const [k, p] of st ?? []) r.strings(p.value, `conventions.statuses.${k}`);
    } else if (key !== 'severities') r.strings(pair.value, `conventions.${key}`);
    else readSeverities(r, pair.value);
  }
  return (node as { toJSON(): unknown }).toJSON() as ConventionsSetting;
}

function readLinks(r: Reader, node: unknown): RepoConfig['links'] {
  const m = r.mapping(node, 'links', ['validate', 'external']);
  if (!m) return undefined;
  const out: RepoConfig['links'] = {};
  if (m.has('validate')) out.validate = r.boolean(m.get('validate')!.value, 'links.validate') as boolean | undefined;
  if (m.has('external')) out.external = r.globs(m.get('external')!.value, 'links.external') as string[] | undefined;
  return out;
}

function readPending(r: Reader, node: unknown): RepoConfig['pending'] {
  const m = r.mapping(node, 'pending', ['directory', 'format']);
  if (!m) return undefined;
  const out: RepoConfig['pending'] = {};
  if (m.has('directory')) out.directory = r.string(m.get('directory')!.value, 'pending.directory') as string | undefined;
  if (m.has('format')) {
    const f = r.string(m.get('format')!.value, 'pending.format');
    if (f === 'yaml' || f === 'markdown') out.format = f;
    else if (f !== undefined) r.problem(m.get('format')!.value, '"pending.format" must be yaml or markdown');
  }
  return out;
}

/** `repositories: { name: ../path }`: a name is one path segment (what a cite starts with). */
function readRepositories(r: Reader, node: unknown): Map<string, string> | undefined {
  if (!isMap(node)) return r.problem(node, '"repositories" must be a mapping of repository names to folders');
  const out = new Map<string, string>();
  for (const pair of node.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const where = r.string(pair.value, `repositories.${name}`) as string | undefined;
    if (!name || /[\\/]/.test(name) || name === '.' || name === '..') {
      r.problem(pair.key, `"${name}" is not a repository name (one path segment)`);
    } else if (where !== undefined && !where.trim()) r.problem(pair.value, `"repositories.${name}" must name a folder`);
    else if (where !== undefined) out.set(name, where);
  }
  return out;
}

function readTop(r: Reader, key: (typeof TOP)[number], value: unknown, config: RepoConfig): void {
  if (key === 'files' || key === 'ignores' || key === 'templates' || key === 'prompts') {
    config[key] = r.globs(value, key) as string[] | undefined;
  } else if (key === 'schemaPath') config.schemaPath = r.string(value, key) as string | undefined;
  else if (key === 'conventions') config.conventions = readConventions(r, value);
  else if (key === 'links') config.links = readLinks(r, value);
  else if (key === 'rules') config.rules = readRules(r, value);
  else if (key === 'repositories') config.repositories = readRepositories(r, value);
  else config.pending = readPending(r, value);
}

/** Parses and checks a configuration file's text (YAML, of which JSON is a part). */
export function parseConfig(text: string): { config: RepoConfig; problems: ConfigProblem[]; applied: boolean } {
  const doc = parseYaml(text);
  const lines = new TextLines(text);
  const r = new Reader(lines);
  if (doc.errors.length) {
    for (const e of doc.errors) {
      r.problems.push({ message: `YAML: ${e.message.split('\n')[0]}`, range: lines.rangeOf(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)) });
    }
    return { config: {}, problems: r.problems, applied: false };
  }
  const config: RepoConfig = {};
  // An empty file configures nothing.
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { config, problems: [], applied: true };
  const top = r.mapping(doc.contents, '', TOP);
  for (const [key, pair] of top ?? []) readTop(r, key as (typeof TOP)[number], pair.value, config);
  const byPlace = (a: ConfigProblem, b: ConfigProblem) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  return { config, problems: r.problems.sort(byPlace), applied: true };
}

/**
 * Paths and globs in a configuration file are relative to its folder; the settings they join are
 * relative to the workspace folder. `sub/.review-snapshot.yaml` saying `docs/**` means `sub/docs/**`.
 */
export function rebase(config: RepoConfig, configDir: string, root: string): RepoConfig {
  const prefix = path.relative(root, configDir).split(path.sep).join('/');
  if (!prefix) return config;
  const p = (x: string) => `${prefix}/${x.replace(/^\.\//, '')}`;
  const out: RepoConfig = { ...config };
  for (const k of ['files', 'ignores', 'templates', 'prompts'] as const) if (config[k]) out[k] = config[k]!.map(p);
  if (config.schemaPath) out.schemaPath = p(config.schemaPath);
  if (config.pending?.directory) out.pending = { ...config.pending, directory: p(config.pending.directory) };
  // Sibling folders are usually outside the repository (`../name`): joined, not prefixed.
  if (config.repositories) {
    out.repositories = new Map([...config.repositories].map(([k, v]) => [k, path.isAbsolute(v) ? v : path.posix.join(prefix, v)]));
  }
  // links.external is left as written: it matches cited paths, which snapshots write from the root.
  return out;
}

/** Finds, reads and checks configuration files through the Workspace port; cached until `invalidate`. */
export class ConfigLoader {
  /**
   * Per folder it may be read from (the guarded read's scope) and configuration file, what it
   * says, and its paths rebased per root it was asked from: the same file is read from the
   * repository's root by a check and from the workspace folder by the workspace index; a path in
   * it means one place, relative to the file, and whether it may be read at all depends on the scope.
   */
  private readonly loaded = new Map<string, { loaded: LoadedConfig; rebased: Map<string, RepoConfig> }>();
  /** Folder → the configuration file in it (absolute), or null for none. */
  private readonly inFolder = new Map<string, string | null>();
  /** Root and folder → the nearest configuration file from that folder, or null for none. */
  private readonly nearestFrom = new Map<string, string | null>();

  constructor(private readonly workspace: Workspace) {}

  /** The nearest configuration file from `file`'s folder up to `root` (both included). */
  nearest(root: string, file: string): string | undefined {
    // Snapshots come by folder: the answer for a folder is worked out once (forgotten with the rest).
    const from = path.dirname(file);
    const key = root + '\0' + from;
    let hit = this.nearestFrom.get(key);
    if (hit === undefined) {
      hit = null;
      for (let dir = from; isInside(root, dir); dir = path.dirname(dir)) {
        const found = this.configIn(root, dir);
        if (found) {
          hit = found;
          break;
        }
        if (dir === root) break;
      }
      this.nearestFrom.set(key, hit);
    }
    return hit ?? undefined;
  }

  private configIn(root: string, dir: string): string | null {
    let hit = this.inFolder.get(dir);
    if (hit === undefined) {
      // A name that leads out of the repository (a symbolic link) is found, so that loading it
      // reports the refusal: skipping it would silently drop the team's configuration.
      hit =
        CONFIG_NAMES.map((n) => path.join(dir, n)).find((f) => ['file', 'outside'].includes(this.workspace.stat(root, f) ?? '')) ?? null;
      this.inFolder.set(dir, hit);
    }
    return hit;
  }

  /** Reads and checks a configuration file; `scope` is the folder it must lie in. */
  load(scope: string, file: string, root: string): { loaded: LoadedConfig; rebased: RepoConfig } {
    const key = scope + '\0' + file;
    let hit = this.loaded.get(key);
    if (!hit) {
      const read = this.workspace.readText(scope, file, 256 * 1024);
      const parsed = read.ok
        ? parseConfig(read.text)
        : {
            config: {},
            applied: false,
            problems: [
              {
                message: `cannot read the configuration: ${describeDenied(read)}`,
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              },
            ],
          };
      hit = { loaded: { file, config: parsed.config, problems: parsed.problems, applied: parsed.applied }, rebased: new Map() };
      this.loaded.set(key, hit);
    }
    let rebased = hit.rebased.get(root);
    if (!rebased) {
      rebased = rebase(hit.loaded.config, path.dirname(file), root);
      hit.rebased.set(root, rebased);
    }
    return { loaded: hit.loaded, rebased };
  }

  /** A file changed: forget it (and where configuration files are, since one may have come or gone). */
  invalidate(abs?: string): void {
    if (!abs) this.loaded.clear();
    else for (const key of [...this.loaded.keys()]) if (key.endsWith('\0' + abs)) this.loaded.delete(key);
    this.inFolder.clear();
    this.nearestFrom.clear();
  }
}
