// Code lenses on each candidate: its label (click to pick another: the choices carry their own
// edits, for the version of the document they were computed from) and whether a pending spec
// carries it (click to open it there, or to create it with Convert Candidates to Pending Spec).
import type { CodeLens, Range } from 'vscode-languageserver-types';
import { readCandidates } from '../model/candidates';
import type { CheckResult } from '../engine';
import { help } from '../contract/help';
import type { AuthoringContext } from './context';
import {
  CONVERT_COMMAND,
  OPEN_PENDING_COMMAND,
  PICK_LABEL_COMMAND,
  type LabelChoice,
  type OpenPendingArgs,
  type PickLabelArgs,
} from './lensCommands';
import { pendingSpecsFor } from './navigation';

/** The labels/missing rule's own fixes insert a missing label, one per allowed value, in that order. */
const MISSING_LABEL = 'labels/missing';

function labelChoices(result: CheckResult, id: string, idRange: Range): LabelChoice[] {
  const allowed = result.schema.labels.allowed;
  const words = help().labels;
  const label = result.model.labels.find((l) => l.id === id);
  if (label) {
    return allowed
      .filter((v) => v !== label.label)
      .map((v) => ({ label: v, description: words.get(v), edits: [{ range: label.labelRange, newText: v }] }));
  }
  const finding = result.findings.find(
    (f) => f.rule === MISSING_LABEL && f.range.start.line === idRange.start.line && f.range.start.character === idRange.start.character,
  );
  const fixes = finding?.fixes ?? [];
  return allowed
    .map((v, i) => ({ label: v, description: words.get(v), edits: fixes[i]?.edits ?? [] }))
    .filter((c, i) => c.edits.length && fixes[i].edits.some((e) => e.newText.includes(c.label)));
}

export function codeLenses(result: CheckResult, ctx: AuthoringContext): CodeLens[] {
  const specs = pendingSpecsFor(ctx);
  const out: CodeLens[] = [];
  for (const c of readCandidates(result.model)) {
    if (!c.id || !c.idRange) continue;
    const id = c.id;
    // A label line with nothing after the colon is no label yet.
    const current = result.model.labels.find((l) => l.id === id)?.label || undefined;
    const args: PickLabelArgs = { uri: ctx.uri, version: ctx.version, id, current, choices: labelChoices(result, id, c.idRange) };
    out.push({
      range: c.idRange,
      command: { title: `label: ${current ?? 'none'}`, command: PICK_LABEL_COMMAND, arguments: [args] },
    });
    const spec = specs.find((s) => s.entries.some((e) => e.id === id));
    const entry = spec?.entries.find((e) => e.id === id);
    out.push({
      range: c.idRange,
      command:
        spec && entry
          ? {
              title: 'pending spec: yes',
              command: OPEN_PENDING_COMMAND,
              arguments: [{ uri: spec.uri, range: entry.range } as OpenPendingArgs],
            }
          : { title: 'pending spec: no — create', command: CONVERT_COMMAND, arguments: [ctx.uri, [id]] },
    });
  }
  return out;
}
