// labels/*: one classification label per candidate id, each an allowed value.
import type { Finding, Fix, Rule, RuleContext } from '../findings';
import { readCandidates } from '../candidates';
import { SECTION_LABELS, type SnapshotModel } from '../snapshot';
import { lineSpan } from '../text';

/** Where new label lines go, and how they are written (matching the labels already there). */
function labelInsertion(model: SnapshotModel): { line: number; char: number; prefix: string; backticks: boolean } | undefined {
  const section = model.sections.find((s) => s.name === SECTION_LABELS);
  if (!section) return undefined;
  const eol = model.text.eol();
  const backticks = model.labels.length === 0 || model.text.lineText(model.labels[0].line).includes('`');
  const last = model.labels[model.labels.length - 1];
  if (last) {
    const t = model.text.lineText(last.line);
    return { line: last.line, char: t.length, prefix: eol, backticks };
  }
  // After the heading: keep one blank line between heading and list.
  const h = section.heading.line;
  const next = model.text.line(h + 1);
  if (next && next.text.trim() === '' && h + 2 < section.endLine && model.text.lineText(h + 2).trim() === '') {
    return { line: h + 1, char: 0, prefix: eol, backticks };
  }
  return { line: h, char: model.text.lineText(h).length, prefix: eol + eol, backticks };
}

function labelLine(id: string, label: string, backticks: boolean): string {
  return backticks ? `- \`${id}\`: ${label}` : `- ${id}: ${label}`;
}

/** Fixes that add labels for ids, one per allowed value (the author picks the label). */
export function addLabelFixes(model: SnapshotModel, ids: string[], allowed: string[]): Fix[] {
  const at = labelInsertion(model);
  if (!at || ids.length === 0) return [];
  const eol = model.text.eol();
  return allowed.map((value, i) => ({
    title: ids.length === 1 ? `Label ${ids[0]} as "${value}"` : `Add ${ids.length} missing labels as "${value}"`,
    safe: false,
    preferred: i === 0 && ids.length === 1,
    edits: [
      {
        range: lineSpan(at.line, at.char, at.char),
        newText: at.prefix + ids.map((id) => labelLine(id, value, at.backticks)).join(eol) + (at.char === 0 ? eol : ''),
      },
    ],
  }));
}

function closeness(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 0;
  if (y.startsWith(x) || x.startsWith(y)) return 1;
  return 2;
}

export const labelsRule: Rule = {
  name: 'labels',
  run(ctx: RuleContext): Finding[] {
    const { model, schema } = ctx;
    const out: Finding[] = [];
    const section = model.sections.find((s) => s.name === SECTION_LABELS);
    if (!section) return out;
    const allowed = schema.labels.allowed;
    const candidates = readCandidates(model);
    const candidateIds = new Set(candidates.map((c) => c.id).filter((x): x is string => !!x));
    const labelled = new Map<string, number>();

    for (const l of model.labels) {
      const prev = labelled.get(l.id);
      if (prev !== undefined) {
        out.push({
          rule: 'labels/duplicate',
          severity: 'warning',
          message: `"${l.id}" is labelled twice (first on line ${prev + 1}).`,
          range: l.idRange,
          fixes: [
            {
              title: 'Remove this duplicate label line',
              safe: false,
              edits: [{ range: { start: { line: l.line, character: 0 }, end: { line: l.line + 1, character: 0 } }, newText: '' }],
            },
          ],
        });
      } else labelled.set(l.id, l.line);
      if (!allowed.includes(l.label)) {
        const ranked = [...allowed].sort((a, b) => closeness(l.label, a) - closeness(l.label, b));
        out.push({
          rule: 'labels/value',
          severity: 'error',
          message: `Label "${l.label}" is not allowed; use one of: ${allowed.join(', ')}.`,
          range: l.label ? l.labelRange : l.idRange,
          fixes: ranked.map((v, i) => ({
            title: `Change the label to "${v}"`,
            safe: closeness(l.label, v) === 0,
            preferred: i === 0 && closeness(l.label, v) < 2,
            edits: [{ range: l.labelRange, newText: v }],
          })),
        });
      }
      if (candidates.length > 0 || model.candidates) {
        if (!candidateIds.has(l.id)) {
          out.push({
            rule: 'labels/unknown-id',
            severity: 'warning',
            message: `No spec candidate has the id "${l.id}".`,
            range: l.idRange,
          });
        }
      }
    }
    for (const line of model.badLabelLines) {
      const t = model.text.lineText(line);
      out.push({
        rule: 'labels/syntax',
        severity: 'warning',
        message: 'A label line reads "- `CANDIDATE-ID`: label".',
        range: lineSpan(line, t.length - t.trimStart().length, t.trimEnd().length),
      });
    }

    if (schema.labels.requiredForEachCandidate) {
      const unlabelled = candidates.filter((c) => c.id && !labelled.has(c.id));
      for (const c of unlabelled) {
        out.push({
          rule: 'labels/missing',
          severity: 'error',
          message: `Candidate "${c.id}" has no classification label (one of: ${allowed.join(', ')}).`,
          range: c.idRange!,
          fixes: addLabelFixes(model, [c.id!], allowed),
        });
      }
      if (unlabelled.length > 1) {
        // Offered on each: label every unlabelled id at once.
        const all = addLabelFixes(
          model,
          unlabelled.map((c) => c.id!),
          allowed,
        );
        for (const f of out) if (f.rule === 'labels/missing') f.fixes = [...(f.fixes ?? []), ...all];
      }
    }
    return out;
  },
};
