// The near-miss suite (issue 15): each fixture is one deviation of the real example snapshot —
// a heading, a metadata key, a fence, the labels, a table, the YAML written almost right — with
// the rule expected, the line it must be on (found in the deviated text) and the text its
// preferred fix must give (the valid snapshot unless said). Shared by the unit and CLI suites.
import * as fs from 'node:fs';
import * as path from 'node:path';

const VALID_TEXT = fs.readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'snapshots', 'valid.md'), 'utf8');

export interface NearMiss {
  name: string;
  /** The deviated snapshot. */
  text: string;
  /** The rule of the one finding at the near miss (an error, with a fix). */
  rule: string;
  /** A string held by the line the finding must be on (the first line holding it). */
  line: string;
  /** Rules the deviation legitimately adds elsewhere (a label of candidates nobody checks). */
  also?: string[];
  /** The text after the finding's preferred fix (the valid snapshot unless given). */
  fixed: string;
}

/** Replaces exactly one occurrence (fails loudly when the snapshot does not hold it once). */
function swap(text: string, from: string, to: string): string {
  const n = text.split(from).length - 1;
  if (n !== 1) throw new Error(`near-miss fixture: expected one ${JSON.stringify(from)}, found ${n}`);
  return text.replace(from, () => to);
}

type Row = [name: string, from: string, to: string, rule: string, line: string, extra?: { also?: string[]; fixed?: [string, string] }];

const LABELS_UNCHECKED = { also: ['labels/unchecked'] };
const LABEL = '- `SELFHEAL-RUN-001`: behavior';
const FINDINGS_HEADER = '| Severity | Verified/Hypothesis | File:Line | What | Why | When | Proposed fix |';
const LOG_HEADER = '| command | status | exit_code | stdout_stderr_summary |';
const CANDIDATE = /```yaml\n([\s\S]*?)```\n/.exec(VALID_TEXT)![1];
const PATHS = '  affected_paths:\n  - /dc%2Drunner%2Drust/runner_adapter.sh\n  - /docs/book/80_troubleshooting.md\n';
const FLOW_PATHS = '  affected_paths: [/dc%2Drunner%2Drust/runner_adapter.sh, /docs/book/80_troubleshooting.md]\n';

const ROWS: Row[] = [
  // Headings: case, level, the space after `#`, setext, punctuation, emphasis, qualifier, spelling.
  [
    'candidates heading in lower case',
    '## Spec Candidates (YAML)',
    '## Spec candidates (YAML)',
    'section/near-miss',
    '## Spec candidates',
    LABELS_UNCHECKED,
  ],
  [
    'candidates heading without its qualifier',
    '## Spec Candidates (YAML)',
    '## Spec Candidates',
    'section/near-miss',
    '## Spec Candidates',
    LABELS_UNCHECKED,
  ],
  [
    'candidates heading, qualifier in lower case',
    '## Spec Candidates (YAML)',
    '## Spec Candidates (yaml)',
    'section/near-miss',
    '(yaml)',
    LABELS_UNCHECKED,
  ],
  [
    'candidates heading without the space',
    '## Spec Candidates (YAML)',
    '##Spec Candidates (YAML)',
    'section/near-miss',
    '##Spec',
    LABELS_UNCHECKED,
  ],
  [
    'candidates heading at level 3',
    '## Spec Candidates (YAML)',
    '### Spec Candidates (YAML)',
    'section/near-miss',
    '### Spec',
    LABELS_UNCHECKED,
  ],
  ['Findings at level 3', '## Findings', '### Findings', 'section/near-miss', '### Findings'],
  ['Findings at level 1', '## Findings', '# Findings', 'section/near-miss', '# Findings'],
  ['Findings without the space', '## Findings', '##Findings', 'section/near-miss', '##Findings'],
  ['Findings as a setext heading', '## Findings\n', 'Findings\n--------\n', 'section/near-miss', 'Findings'],
  ['Findings in lower case', '## Findings', '## findings', 'section/near-miss', '## findings'],
  ['Findings with a colon', '## Findings', '## Findings:', 'section/near-miss', '## Findings:'],
  ['Findings in bold', '## Findings', '## **Findings**', 'section/near-miss', '**Findings**'],
  ['Scope Notes in lower case', '## Scope Notes', '## Scope notes', 'section/near-miss', '## Scope notes'],
  ['Scope Notes in capitals', '## Scope Notes', '## SCOPE NOTES', 'section/near-miss', 'SCOPE NOTES'],
  [
    'Command Execution Log in lower case',
    '## Command Execution Log',
    '## Command execution log',
    'section/near-miss',
    '## Command execution',
  ],
  ['Command Execution Logs (misspelt)', '## Command Execution Log', '## Command Execution Logs', 'section/near-miss', 'Execution Logs'],
  ['Synthesys (misspelt)', '## Synthesis', '## Synthesys', 'section/near-miss', '## Synthesys'],
  ['Synthesis as a level-1 setext heading', '## Synthesis\n', 'Synthesis\n=========\n', 'section/near-miss', 'Synthesis'],
  [
    'Classification labels in lower case',
    '## Classification Labels',
    '## Classification labels',
    'section/near-miss',
    '## Classification labels',
  ],
  [
    'Classification Label (misspelt)',
    '## Classification Labels',
    '## Classification Label',
    'section/near-miss',
    '## Classification Label',
  ],
  ['Classification Labels at level 3', '## Classification Labels', '### Classification Labels', 'section/near-miss', '### Classification'],
  ['Reject/Defer List without spaces', '## Reject / Defer List', '## Reject/Defer List', 'section/near-miss', '## Reject/Defer'],
  ['Reject / defer list in lower case', '## Reject / Defer List', '## Reject / defer list', 'section/near-miss', 'defer list'],
  ['Raw output in lower case', '## Raw Output', '## Raw output', 'section/near-miss', '## Raw output'],
  ['Raw Output at level 3', '## Raw Output', '### Raw Output', 'section/near-miss', '### Raw Output'],
  // Metadata keys: case, emphasis, a blank before the colon, a list item, no colon, spelling.
  ['date: in lower case', 'Date: 2026-02-19', 'date: 2026-02-19', 'metadata/near-miss', 'date:'],
  ['Date in bold', 'Date: 2026-02-19', '**Date:** 2026-02-19', 'metadata/near-miss', '**Date:**'],
  ['Date with a blank before the colon', 'Date: 2026-02-19', 'Date : 2026-02-19', 'metadata/near-miss', 'Date :'],
  ['Date without the colon', 'Date: 2026-02-19', 'Date 2026-02-19', 'metadata/near-miss', 'Date 2026'],
  ['model: in lower case', 'Model: gpt-5-codex', 'model: gpt-5-codex', 'metadata/near-miss', 'model:'],
  ['Model in italics', 'Model: gpt-5-codex', '*Model*: gpt-5-codex', 'metadata/near-miss', '*Model*'],
  ['Prompt Revision in title case', 'Prompt revision: 7ea2a63', 'Prompt Revision: 7ea2a63', 'metadata/near-miss', 'Prompt Revision'],
  ['Prompt revision without the colon', 'Prompt revision: 7ea2a63', 'Prompt revision 7ea2a63', 'metadata/near-miss', 'Prompt revision 7ea'],
  ['Repo Revision in title case', 'Repo revision: 7ea2a63', 'Repo Revision: 7ea2a63', 'metadata/near-miss', 'Repo Revision'],
  ['Repo revison (misspelt)', 'Repo revision: 7ea2a63', 'Repo revison: 7ea2a63', 'metadata/near-miss', 'Repo revison'],
  ['Contract Baseline Refs in title case', 'Contract baseline refs:', 'Contract Baseline Refs:', 'metadata/near-miss', 'Contract Baseline'],
  ['Runner Lane in title case', 'Runner lane: rust|required', 'Runner Lane: rust|required', 'metadata/near-miss', 'Runner Lane'],
  ['Runner-lane with a hyphen', 'Runner lane: rust|required', 'Runner-lane: rust|required', 'metadata/near-miss', 'Runner-lane'],
  ['Runner lane as a list item', 'Runner lane: rust|required', '- Runner lane: rust|required', 'metadata/near-miss', '- Runner lane'],
  // The candidates fence and block.
  ['the fence marked yml', '```yaml', '```yml', 'candidates/near-miss', '```yml'],
  ['the fence marked YAML', '```yaml', '```YAML', 'candidates/near-miss', '```YAML'],
  ['the fence without an info string', '```yaml', '```', 'candidates/block', '```', LABELS_UNCHECKED],
  [
    'the candidates without a fence',
    '```yaml\n' + CANDIDATE + '```\n',
    CANDIDATE,
    'candidates/near-miss',
    '- id: SELFHEAL',
    LABELS_UNCHECKED,
  ],
  // Classification Labels.
  ['labels as a table', LABEL, '| id | label |\n|---|---|\n| SELFHEAL-RUN-001 | behavior |', 'labels/near-miss', '| id | label |'],
  [
    'labels as a table with ticks and a header',
    LABEL,
    '| Candidate | Classification |\n| --- | --- |\n| `SELFHEAL-RUN-001` | behavior |',
    'labels/near-miss',
    '| Candidate |',
  ],
  ['a label without its bullet', LABEL, '`SELFHEAL-RUN-001`: behavior', 'labels/near-miss', '`SELFHEAL-RUN-001`: behavior'],
  ['a label as a numbered item', LABEL, '1. `SELFHEAL-RUN-001`: behavior', 'labels/near-miss', '1. `SELFHEAL'],
  ['a label id in lower case', LABEL, '- `selfheal-run-001`: behavior', 'labels/near-miss', 'selfheal-run-001'],
  [
    'a label id in bold',
    LABEL,
    '- **SELFHEAL-RUN-001**: behavior',
    'labels/near-miss',
    '**SELFHEAL',
    { fixed: [LABEL, '- SELFHEAL-RUN-001: behavior'] },
  ],
  ['a label in title case', LABEL, '- `SELFHEAL-RUN-001`: Behavior', 'labels/value', ': Behavior'],
  // Tables.
  [
    'the log header in title case',
    LOG_HEADER,
    '| Command | Status | exit_code | stdout_stderr_summary |',
    'table/header',
    '| Command | Status',
  ],
  [
    'the Findings delimiter row left out',
    FINDINGS_HEADER + '\n|---|---|---|---|---|---|---|\n',
    FINDINGS_HEADER + '\n',
    'table/missing',
    '| Severity |',
  ],
  ['the log delimiter row left out', LOG_HEADER + '\n|---|---|---:|---|\n', LOG_HEADER + '\n', 'table/missing', '| command | status'],
  [
    'the Findings delimiter row one cell short',
    '|---|---|---|---|---|---|---|',
    '|---|---|---|---|---|---|',
    'table/missing',
    '|---|---|---|---|---|---|',
  ],
  // The candidates YAML: keys, quotes, brackets, tabs.
  ['a candidate key in title case', '  title: Improve', '  Title: Improve', 'candidates/near-miss', '  Title:'],
  ['the id key in capitals', '- id: SELFHEAL', '- ID: SELFHEAL', 'candidates/near-miss', '- ID:'],
  ['acceptance-criteria with a hyphen', '  acceptance_criteria:', '  acceptance-criteria:', 'candidates/near-miss', 'acceptance-criteria'],
  ['affected_path (misspelt)', '  affected_paths:', '  affected_path:', 'candidates/near-miss', 'affected_path:'],
  [
    'an unclosed quote',
    '  title: Improve rust governance command failure diagnostics and retry behavior',
    '  title: "Improve rust governance command failure diagnostics and retry behavior',
    'candidates/yaml-syntax',
    'title: "Improve',
    {
      fixed: [
        '  title: Improve rust governance command failure diagnostics and retry behavior',
        '  title: "Improve rust governance command failure diagnostics and retry behavior"',
      ],
    },
  ],
  ['a tab for indentation', '  type: contract.check', '\ttype: contract.check', 'candidates/yaml-syntax', '\ttype:'],
  [
    'an unclosed flow list',
    PATHS,
    FLOW_PATHS.replace(']', ''),
    'candidates/yaml-syntax',
    'affected_paths: [',
    { fixed: [PATHS, FLOW_PATHS] },
  ],
];

export const NEAR_MISSES: NearMiss[] = ROWS.map(([name, from, to, rule, line, extra]) => ({
  name,
  text: swap(VALID_TEXT, from, to),
  rule,
  line,
  also: extra?.also,
  fixed: extra?.fixed ? swap(VALID_TEXT, extra.fixed[0], extra.fixed[1]) : VALID_TEXT,
}));
