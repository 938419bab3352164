// The repository configuration file in the CLI: found (nearest to each snapshot), or named with
// --config, or ignored with --no-config; its own problems stop the run (exit 2, with file:line),
// never a silent fallback; --print-config shows what applies to one file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileCheck, FileRequest, SnapshotCore, SnapshotSettings } from '../service/core';
import { flagValue, UsageError, type Args } from './args';
import { errLine, safeJson, shownPath, writeOut } from './output';

export interface ConfigChoice {
  configFile?: string;
  noConfig: boolean;
}

export function configChoice(args: Args): ConfigChoice {
  const file = flagValue(args, 'config');
  if (file && args.flags.has('no-config')) throw new UsageError('--config and --no-config exclude each other');
  if (file && !fs.existsSync(file)) throw new UsageError(`--config ${file}: no such file`);
  return { configFile: file ? path.resolve(file) : undefined, noConfig: args.flags.has('no-config') };
}

/** The settings for one file; the configuration file's problems are printed once each, and counted. */
export class CliSettings {
  private readonly reported = new Set<string>();
  /** Configuration files with problems met so far. */
  broken = 0;
  /** Their problems, as `file:line:col: message` lines. */
  readonly problems: string[] = [];

  constructor(
    private readonly service: SnapshotCore,
    private readonly choice: ConfigChoice,
    /** Where a problem is said (standard error; the MCP server returns them instead). */
    private readonly say: (line: string) => void = errLine,
  ) {}

  /** The recipe of one file (service/fileCheck.ts), under the run's --config / --no-config. */
  fileCheck(req: Omit<FileRequest, 'configFile' | 'noConfig' | 'editor'>, text: string): FileCheck {
    const file = this.service.fileCheck({ ...req, ...this.choice }, text);
    this.report(file.settings);
    return file;
  }

  /** The settings that apply to one file (its recipe's). */
  for(root: string, file: string): SnapshotSettings {
    return this.fileCheck({ root, file }, '').settings;
  }

  /** Prints the configuration file's problems, the first time they are met. */
  private report(s: SnapshotSettings): SnapshotSettings {
    if (s.config?.problems.length && !this.reported.has(s.config.file)) {
      this.reported.add(s.config.file);
      this.broken++;
      for (const p of s.config.problems) {
        const at = `${shownPath(s.config.file)}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
        this.problems.push(`${at}: ${p.message}`);
        this.say(`${at}: error ${p.message} [config/invalid]`);
      }
      if (s.config.applied === false) {
        errLine(`${shownPath(s.config.file)}: nothing of it is applied until it parses (the defaults are in force)`);
      }
    }
    return s;
  }
}

/** `--print-config FILE`: the effective settings for that file, and where they came from. */
export function printConfig(service: SnapshotCore, root: string, file: string, choice: ConfigChoice): number {
  const s = new CliSettings(service, choice).for(root, path.resolve(file));
  const { config, rules, repositories, ...rest } = s;
  const shown = {
    configFile: config ? path.relative(root, config.file) || config.file : null,
    ...rest,
    rules: Object.fromEntries(rules),
    repositories: Object.fromEntries(repositories),
  };
  writeOut(safeJson(shown) + '\n');
  return config?.problems.length ? 2 : 0;
}
