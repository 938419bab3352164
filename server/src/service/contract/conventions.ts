// Conventional values: what real snapshots use beyond what the schema requires (statuses,
// severities, Verified/Hypothesis, runner lanes, candidate types/classes/risks), from the
// bundled conventions file, extended or replaced by a repository's or user's own. A value
// outside them is a warning, never an error.
import bundledConventionsData from '../../schema/conventions.yaml?data';

export interface Conventions {
  statuses: { pass: string[]; fail: string[]; skipped: string[] };
  /** Severity levels and what each means. */
  severities: Map<string, string>;
  /** Words some templates use instead of the levels (`high` → `P1`). */
  severityWords: Map<string, string>;
  verification: string[];
  runnerLanes: string[];
  candidateTypes: string[];
  candidateClasses: string[];
  candidateRisks: string[];
  /** Header names of the columns whose values are checked. */
  columns: { status: string; exitCode: string; severity: string; verification: string; location: string };
  /**
   * Whether the repository (or the user) declared conventions of its own: a `conventions` list in
   * the configuration, or alternatives its templates offer. Until then a value outside the
   * bundled ones is information, not a warning (rules declared `convention`).
   */
  declared: boolean;
}

/** The `conventions` setting: each list extended (default) or replaced. */
export interface ConventionsSetting {
  mode?: 'extend' | 'replace';
  statuses?: { pass?: string[]; fail?: string[]; skipped?: string[] };
  /** Levels with their meaning (`{"P4": "…"}`), or bare level names. */
  severities?: Record<string, string> | string[];
  verification?: string[];
  runnerLanes?: string[];
  candidateTypes?: string[];
  candidateClasses?: string[];
  candidateRisks?: string[];
}

let bundledConv: Conventions | undefined;
export function bundledConventions(): Conventions {
  if (!bundledConv) bundledConv = readConventions(bundledConventionsData);
  return bundledConv;
}

function readConventions(c: Record<string, unknown>): Conventions {
  const st = c.statuses as Record<string, string[]>;
  const col = c.columns as Record<string, string>;
  return {
    statuses: { pass: st.pass, fail: st.fail, skipped: st.skipped },
    severities: new Map(Object.entries(c.severities as Record<string, string>)),
    severityWords: new Map(Object.entries(c.severity_words as Record<string, string>)),
    verification: c.verification as string[],
    runnerLanes: c.runner_lanes as string[],
    candidateTypes: c.candidate_types as string[],
    candidateClasses: c.candidate_classes as string[],
    candidateRisks: c.candidate_risks as string[],
    columns: {
      status: col.status,
      exitCode: col.exit_code,
      severity: col.severity,
      verification: col.verification,
      location: col.location,
    },
    declared: false,
  };
}

function merge(base: string[], extra: unknown, replace: boolean): string[] {
  if (!Array.isArray(extra)) return base;
  const add = extra.filter((x): x is string => typeof x === 'string');
  return replace ? add : [...new Set([...base, ...add])];
}

/** Severity levels: the bundled ones, then the setting's (a list of names, or names with meanings). */
function severities(base: Map<string, string>, setting: ConventionsSetting['severities'], replace: boolean): Map<string, string> {
  const sev = new Map(replace && setting ? [] : base);
  if (Array.isArray(setting)) {
    for (const s of setting) {
      if (typeof s === 'string') sev.set(s, s);
    }
  } else if (setting && typeof setting === 'object') {
    for (const [k, v] of Object.entries(setting)) sev.set(k, String(v));
  }
  return sev;
}

/** The setting's keys that declare conventions (`mode` alone declares nothing). */
const LISTS = ['statuses', 'severities', 'verification', 'runnerLanes', 'candidateTypes', 'candidateClasses', 'candidateRisks'] as const;

export function conventions(setting?: ConventionsSetting | null): Conventions {
  const b = bundledConventions();
  if (!setting || typeof setting !== 'object') return b;
  const replace = setting.mode === 'replace';
  return {
    statuses: {
      pass: merge(b.statuses.pass, setting.statuses?.pass, replace),
      fail: merge(b.statuses.fail, setting.statuses?.fail, replace),
      skipped: merge(b.statuses.skipped, setting.statuses?.skipped, replace),
    },
    severities: severities(b.severities, setting.severities, replace),
    severityWords: b.severityWords,
    verification: merge(b.verification, setting.verification, replace),
    runnerLanes: merge(b.runnerLanes, setting.runnerLanes, replace),
    candidateTypes: merge(b.candidateTypes, setting.candidateTypes, replace),
    candidateClasses: merge(b.candidateClasses, setting.candidateClasses, replace),
    candidateRisks: merge(b.candidateRisks, setting.candidateRisks, replace),
    columns: b.columns,
    declared: LISTS.some((k) => setting[k] !== undefined),
  };
}

/** What a repository's templates offer as alternatives, by place (see repoTemplates.ts). */
export interface OfferedConventions {
  runnerLanes: string[];
  statuses: string[];
  severities: string[];
  verification: string[];
  candidateTypes: string[];
  candidateClasses: string[];
  candidateRisks: string[];
}

/** Which of pass, fail, skipped an offered status word means: the known words as known, others by their stem. */
function statusKind(c: Conventions, word: string): 'pass' | 'fail' | 'skipped' {
  const w = word.toLowerCase();
  for (const k of ['pass', 'fail', 'skipped'] as const) if (c.statuses[k].some((s) => s.toLowerCase() === w)) return k;
  if (w.includes('skip')) return 'skipped';
  return w.includes('fail') || w.includes('error') ? 'fail' : 'pass';
}

/** The conventions with what the repository's templates offer added (never removed). */
export function withOffered(c: Conventions, o: OfferedConventions): Conventions {
  const total = Object.values(o).reduce((n, xs: string[]) => n + xs.length, 0);
  if (total === 0) return c;
  const add = (base: string[], extra: string[]) => [...new Set([...base, ...extra])];
  const statuses = { pass: [...c.statuses.pass], fail: [...c.statuses.fail], skipped: [...c.statuses.skipped] };
  for (const s of o.statuses) {
    const k = statusKind(c, s);
    if (!statuses[k].includes(s)) statuses[k].push(s);
  }
  const severities = new Map(c.severities);
  for (const s of o.severities) {
    if (!severities.has(s)) {
      severities.set(s, severities.get(c.severityWords.get(s.toLowerCase()) ?? '') ?? "from the repository's template");
    }
  }
  return {
    ...c,
    statuses,
    severities,
    verification: add(c.verification, o.verification),
    runnerLanes: add(c.runnerLanes, o.runnerLanes),
    candidateTypes: add(c.candidateTypes, o.candidateTypes),
    candidateClasses: add(c.candidateClasses, o.candidateClasses),
    candidateRisks: add(c.candidateRisks, o.candidateRisks),
    declared: true,
  };
}
