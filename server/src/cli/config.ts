// The repository configuration file in the CLI: found (nearest to each snapshot), or named with
// --config, or ignored with --no-config; its own problems stop the run (exit 2, with file:line),
// never a silent fallback; --print-config shows what applies to one file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SnapshotCore } from '../service/core';
import { DEFAULT_SETTINGS, type SnapshotSettings } from '../service/settings';
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

  constructor(
    private readonly service: SnapshotCore,
    private readonly choice: ConfigChoice,
  ) {}

  for(root: string, file: string): SnapshotSettings {
    const s = this.service.settingsFor(root, file, DEFAULT_SETTINGS, this.choice);
    if (s.config?.problems.length && !this.reported.has(s.config.file)) {
      this.reported.add(s.config.file);
      this.broken++;
      for (const p of s.config.problems) {
        errLine(
          `${shownPath(s.config.file)}:${p.range.start.line + 1}:${p.range.start.character + 1}: error ${p.message} [config/invalid]`,
        );
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
