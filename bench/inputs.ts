// Deterministic benchmark inputs: valid snapshots of a given size, built from a seeded
// generator, so every run (and every machine) measures the same text.

/** A small seeded PRNG (mulberry32): the same seed gives the same inputs everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'gate adapter runner governance retry diagnostics artifact summary lane parity contract schema snapshot pending candidate review trace command exit signal timeout fixture module config cache index parser table section label'.split(
    ' ',
  );

export interface InputSpec {
  name: string;
  findingsRows: number;
  logRows: number;
  candidates: number;
  rawOutputLines: number;
}

export const SPECS: InputSpec[] = [
  { name: 'typical', findingsRows: 5, logRows: 6, candidates: 2, rawOutputLines: 8 },
  { name: '100KB', findingsRows: 300, logRows: 40, candidates: 10, rawOutputLines: 200 },
  { name: '1MB', findingsRows: 4000, logRows: 200, candidates: 40, rawOutputLines: 1000 },
  { name: '5MB', findingsRows: 12000, logRows: 1000, candidates: 100, rawOutputLines: 22000 },
];

export function snapshot(spec: InputSpec, seed = 1): string {
  const r = rng(seed);
  const pick = () => WORDS[Math.floor(r() * WORDS.length)];
  const sentence = (n: number) => Array.from({ length: n }, pick).join(' ');
  const out: string[] = [
    '# Review Snapshot',
    '',
    'Date: 2026-02-19',
    'Model: bench-model',
    'Prompt: `docs/reviews/prompts/bench.md`',
    'Prompt revision: 7ea2a63',
    'Repo revision: 7ea2a63',
    'Contract baseline refs:',
    '- /specs/schema/review_snapshot_schema_v1.yaml',
    'Runner lane: rust|required',
    '',
    '## Scope Notes',
    '',
    `- ${sentence(12)}`,
    '',
    '## Command Execution Log',
    '',
    '| command | status | exit_code | stdout_stderr_summary |',
    '|---|---|---:|---|',
  ];
  for (let i = 0; i < spec.logRows; i++) {
    const fail = r() < 0.1;
    out.push(
      `| ./runners/public/runner_adapter.sh --impl rust ${pick()}-${i} | ${fail ? 'fail' : 'pass'} | ${fail ? 137 : 0} | ${sentence(10)}. |`,
    );
  }
  out.push(
    '',
    '## Findings',
    '',
    '| Severity | Verified/Hypothesis | File:Line | What | Why | When | Proposed fix |',
    '|---|---|---|---|---|---|---|',
  );
  for (let i = 0; i < spec.findingsRows; i++) {
    out.push(
      `| P${i % 4} | ${r() < 0.5 ? 'Verified' : 'Hypothesis'} | src/${pick()}/${pick()}_${i % 50}.ts:${1 + (i % 40)} | ${sentence(6)}. | ${sentence(7)}. | ${sentence(3)}. | ${sentence(6)}. |`,
    );
  }
  out.push('', '## Synthesis', '', `- ${sentence(15)}`, '', '## Spec Candidates (YAML)', '', '```yaml');
  for (let i = 0; i < spec.candidates; i++) {
    out.push(
      `- id: BENCH-RUN-${String(i + 1).padStart(3, '0')}`,
      `  title: ${sentence(8)}`,
      '  type: contract.check',
      '  class: MUST',
      `  target_area: runtime.${pick()}`,
      '  acceptance_criteria:',
      `  - ${sentence(10)}.`,
      `  - ${sentence(8)}.`,
      '  affected_paths:',
      `  - /src/${pick()}/${pick()}_${i % 50}.ts`,
      '  risk: moderate',
    );
  }
  out.push('```', '', '## Classification Labels', '');
  for (let i = 0; i < spec.candidates; i++) out.push(`- \`BENCH-RUN-${String(i + 1).padStart(3, '0')}\`: behavior`);
  out.push(
    '',
    '## Reject / Defer List',
    '',
    `- feature: ${sentence(6)}`,
    `  why_defer: ${sentence(8)}`,
    `  revisit_trigger: ${sentence(6)}`,
    '',
    '## Raw Output',
    '',
    '```text',
  );
  for (let i = 0; i < spec.rawOutputLines; i++) out.push(`[${String(i).padStart(6, '0')}] ${sentence(10)} | exit=${i % 7} \`${pick()}\``);
  out.push('```', '');
  return out.join('\n');
}
