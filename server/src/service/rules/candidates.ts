// candidates/*: the fenced YAML list of spec candidates, checked against the schema's keys
// and types, with YAML errors at their exact line and column.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseYaml } from '../yaml';
import type { Finding, Rule, RuleContext } from '../findings';
import { deref, nodeRange, readCandidates } from '../candidates';
import { SECTION_CANDIDATES } from '../snapshot';
import { insertLinesAfter, lineSpan } from '../text';

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'null';
    return typeof node.value === 'string' ? 'a string' : `a ${typeof node.value}`;
  }
  return 'something else';
}

export const PLACEHOLDER = 'TODO';

export function placeholderFor(type: string | undefined): string {
  return type === 'list[string]' ? `\n- ${PLACEHOLDER}` : ` ${PLACEHOLDER}`;
}

export const candidatesRule: Rule = {
  name: 'candidates',
  run(ctx: RuleContext): Finding[] {
    const { model, schema, conventions: conv } = ctx;
    const out: Finding[] = [];
    const section = model.sections.find((s) => s.name === SECTION_CANDIDATES);
    if (!section) return out;
    const block = model.candidates;
    if (!block) {
      const other = model.fences.find((f) => f.openLine > section.heading.line && f.openLine < section.endLine);
      // Marking a block as yaml is safe only when what it holds already reads as a YAML list.
      const readsAsList = (() => {
        if (!other || other.lang !== '' || other.closeLine === undefined) return false;
        const d = parseYaml(model.text.text.slice(other.contentStart, other.contentEnd));
        return d.errors.length === 0 && isSeq(d.contents);
      })();
      const eol = model.text.eol();
      out.push({
        rule: 'candidates/block',
        severity: 'error',
        message: other
          ? `The candidates block must be a fenced block with the info string "yaml" (this one has ${other.lang ? `"${other.lang}"` : 'none'}).`
          : `Section "${SECTION_CANDIDATES}" needs a fenced \`\`\`yaml block with the list of spec candidates.`,
        range: other ? model.text.lineRange(other.openLine) : section.heading.textRange,
        fixes: other
          ? [
              {
                title: 'Mark the block as yaml',
                safe: readsAsList,
                preferred: true,
                edits: [
                  {
                    range: model.text.lineRange(other.openLine),
                    newText: model.text.lineText(other.openLine).replace(/^(\s*(?:`{3,}|~{3,}))\s*(\S*)/, '$1yaml'),
                  },
                ],
              },
            ]
          : [
              {
                title: 'Insert an empty candidates block',
                safe: true,
                preferred: true,
                edits: [insertLinesAfter(model.text, section.heading.line, `${eol}\`\`\`yaml${eol}[]${eol}\`\`\`${eol}`)],
              },
            ],
      });
      return out;
    }
    const { doc, offset } = block;
    if (doc.errors.length) {
      for (const err of doc.errors) {
        const [a, b] = err.pos;
        out.push({
          rule: 'candidates/yaml-syntax',
          severity: 'error',
          message: `YAML: ${err.message.split('\n')[0]}`,
          range: model.text.rangeOf(offset + a, offset + Math.max(b, a + 1)),
        });
      }
      return out;
    }
    const root = doc.contents;
    if (!isSeq(root)) {
      out.push({
        rule: 'candidates/root',
        severity: 'error',
        message: `The candidates block must be a YAML list of candidates (it is ${describe(root)}).`,
        range: nodeRange(model, offset, root as Node | null) ?? model.text.lineRange(block.fence.openLine),
      });
      return out;
    }
    for (const raw of root.items) {
      const item = deref(doc, raw);
      if (!isMap(item)) {
        out.push({
          rule: 'candidates/item',
          severity: 'error',
          message: `Each candidate must be a mapping of keys (this item is ${describe(item)}).`,
          range: nodeRange(model, offset, raw as Node) ?? model.text.lineRange(block.fence.openLine),
        });
      }
    }
    const candidates = readCandidates(model);
    const ids = new Map<string, number>();
    for (const c of candidates) {
      const name = c.id ? `Candidate ${c.id}` : 'This candidate';
      const missing = schema.candidates.requiredKeys.filter((k) => !c.node.has(k));
      if (missing.length) {
        const indent = ' '.repeat(c.keyColumn);
        const lastText = model.text.lineText(c.lastLine);
        const eol = model.text.eol();
        const insert = missing
          .map((k) => `${indent}${k}:${placeholderFor(schema.candidates.keyTypes.get(k)).replace('\n', eol + indent)}`)
          .join(eol);
        out.push({
          rule: 'candidates/missing-key',
          severity: 'error',
          message: `${name} is missing required key${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
          range: c.idRange ?? lineSpan(c.range.start.line, c.range.start.character, model.text.lineText(c.range.start.line).length),
          fixes: [
            {
              title: `Add ${missing.join(', ')} with placeholders`,
              safe: true,
              preferred: true,
              edits: [{ range: lineSpan(c.lastLine, lastText.length, lastText.length), newText: eol + insert }],
            },
          ],
        });
      }
      for (const pair of c.node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (!key) continue;
        const type = schema.candidates.keyTypes.get(key);
        const value = deref(doc, pair.value);
        const where = nodeRange(model, offset, (pair.value as Node) ?? (pair.key as Node)) ?? nodeRange(model, offset, pair.key as Node)!;
        const keyWhere = nodeRange(model, offset, pair.key as Node)!;
        if (type === 'string') {
          const ok = isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '';
          if (!ok) {
            const what = isScalar(value) && typeof value.value === 'string' ? 'an empty string' : describe(value);
            out.push({
              rule: 'candidates/key-type',
              severity: 'error',
              message: `"${key}" must be a non-empty string (it is ${what}${isScalar(value) && (typeof value.value === 'number' || typeof value.value === 'boolean') ? '; quote it' : ''}).`,
              range: pair.value ? where : keyWhere,
            });
          }
        } else if (type === 'list[string]') {
          if (!isSeq(value) || value.items.length === 0) {
            out.push({
              rule: 'candidates/key-type',
              severity: 'error',
              message: `"${key}" must be a non-empty list of strings (it is ${isSeq(value) ? 'an empty list' : describe(value)}).`,
              range: pair.value ? where : keyWhere,
            });
          } else {
            for (const x of value.items) {
              const y = deref(doc, x);
              if (!(isScalar(y) && typeof y.value === 'string' && y.value.trim() !== '')) {
                out.push({
                  rule: 'candidates/key-type',
                  severity: 'error',
                  message: `Each item of "${key}" must be a non-empty string (this one is ${isScalar(y) && typeof y.value === 'string' ? 'an empty string' : describe(y)}).`,
                  range: nodeRange(model, offset, x as Node) ?? where,
                });
              }
            }
          }
        }
        const conventional: Record<string, string[]> = {
          type: conv.candidateTypes,
          class: conv.candidateClasses,
          risk: conv.candidateRisks,
        };
        const allowed = conventional[key];
        // `TODO` is the placeholder fixes and new snapshots write: the author's to fill, not a wrong value.
        const placeholder = isScalar(value) && value.value === PLACEHOLDER;
        if (
          allowed?.length &&
          !placeholder &&
          isScalar(value) &&
          typeof value.value === 'string' &&
          value.value.trim() &&
          !allowed.includes(value.value)
        ) {
          out.push({
            rule: 'candidates/convention',
            severity: 'warning',
            message: `"${key}: ${value.value}" is not a conventional value (${allowed.join(', ')}).`,
            range: where,
          });
        }
      }
      if (c.id && c.idRange) {
        const seen = ids.get(c.id);
        if (seen !== undefined) {
          out.push({
            rule: 'candidates/duplicate-id',
            severity: 'warning',
            message: `Duplicate candidate id "${c.id}" (first on line ${seen + 1}); labels and pending specs are keyed by id.`,
            range: c.idRange,
          });
        } else ids.set(c.id, c.idRange.start.line);
      }
    }
    return out;
  },
};
