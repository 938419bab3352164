// metadata/*: the `Key: value` lines between the title and the first section.
import type { Range } from 'vscode-languageserver-types';
import { META } from '../contract/contract';
import { choiceFixes } from '../findings';
import type { KeyNearMiss } from '../model/nearMiss';
import { hasPlaceholder, metadataPlaceholderOptions } from '../contract/placeholders';
import type { MetadataEntry, SnapshotModel } from '../model/snapshot';
import { metadataPlaceholder } from '../contract/templates';
import { lineSpan } from '../model/text';
import { defineRules, type Report, type RuleContext } from './registry';

export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-') return false;
  const [y, m, d] = [s.slice(0, 4), s.slice(5, 7), s.slice(8, 10)];
  if (![y, m, d].every((p) => /^\d+$/.test(p))) return false;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

function lastLineOf(e: MetadataEntry): number {
  return e.items.length ? e.items[e.items.length - 1].line : e.line;
}

/** Whether an entry reads `Key:` exactly (`Date :` is a near miss of `Date:`, not the key). */
function writtenExactly(model: SnapshotModel, e: MetadataEntry): boolean {
  return model.text.lineText(e.line).startsWith(e.key + ':');
}

/** The first entry of each key; later ones are duplicates. */
function firstOfEach(model: SnapshotModel, report: Report): Map<string, MetadataEntry> {
  const first = new Map<string, MetadataEntry>();
  for (const e of model.metadata) {
    if (!writtenExactly(model, e)) continue;
    const prev = first.get(e.key);
    if (!prev) {
      first.set(e.key, e);
      continue;
    }
    report('metadata/duplicate', e.keyRange, `Duplicate metadata key "${e.key}" (first on line ${prev.line + 1}); keep one line.`, {
      related: [{ message: 'first written here', range: prev.keyRange }],
    });
  }
  return first;
}

/** Where a missing key is reported and inserted: before the next required key present, else after the previous one, else after the title. */
function placeFor(model: SnapshotModel, required: string[], k: number, first: Map<string, MetadataEntry>): { at: Range; line: number } {
  for (let n = k + 1; n < required.length; n++) {
    const next = first.get(required[n]);
    if (next) return { at: next.keyRange, line: next.line };
  }
  for (let p = k - 1; p >= 0; p--) {
    const prev = first.get(required[p]);
    if (prev) return { at: prev.keyRange, line: lastLineOf(prev) + 1 };
  }
  if (model.title) return { at: model.title.textRange, line: model.title.line + 1 };
  return { at: model.text.lineRange(0), line: 0 };
}

function reportMissing(ctx: RuleContext, key: string, place: { at: Range; line: number }, report: Report): void {
  const { model } = ctx;
  const eol = model.text.eol();
  const stray = model.strayMetadata.get(key);
  const where =
    stray !== undefined
      ? ` ("${key}:" on line ${stray + 1} is outside the metadata block, which runs from the title to the first "## " section)`
      : '';
  const text = metadataPlaceholder(key, ctx.today, eol);
  const { line } = place;
  const needsBlankAfterTitle = model.title && line === model.title.line + 1 && model.metadata.length === 0;
  const newText = line >= model.text.lineCount ? eol + text : (needsBlankAfterTitle ? eol : '') + text + eol;
  report('metadata/missing', place.at, `Missing metadata key "${key}"${where}.`, {
    fixes: [{ title: `Insert metadata key "${key}"`, safe: true, preferred: true, edits: [{ range: lineSpan(line, 0, 0), newText }] }],
  });
}

function checkValue(ctx: RuleContext, e: MetadataEntry, report: Report): void {
  if (e.key === META.refs) {
    if (e.items.length === 0) {
      const inline = e.value ? ', not an inline value' : '';
      report(
        'metadata/refs-list',
        e.value ? e.valueRange : e.keyRange,
        `"${META.refs}" must be followed by a bullet list of refs (one "- path" per line)${inline}.`,
      );
    }
    return;
  }
  if (e.value === '' && e.items.length === 0) {
    report('metadata/empty', e.keyRange, `Metadata key "${e.key}" has no value.`);
    return;
  }
  // A placeholder is not a wrong value: the placeholder rule reports it (outside templates).
  if (hasPlaceholder(e.value, metadataPlaceholderOptions(e.key, ctx.conventions.runnerLanes))) return;
  if (e.key === META.date && !isIsoDate(e.value)) {
    const shaped = /^\d{4}-\d{2}-\d{2}$/.test(e.value);
    const why = shaped ? 'is not a day of the calendar' : 'is not written as an ISO date';
    report('metadata/date', e.valueRange, `Date "${e.value}" ${why}; write the review's day as YYYY-MM-DD.`);
  }
  const lanes = ctx.conventions.runnerLanes;
  if (e.key === META.runnerLane && lanes.length && !lanes.includes(e.value)) {
    report('metadata/runner-lane', e.valueRange, `Runner lane "${e.value}" is not a conventional lane; use one of: ${lanes.join(', ')}.`, {
      fixes: choiceFixes(e.key, e.valueRange, lanes),
    });
  }
}

/** A required key written almost right: reported where it is, rewritten in place (never inserted again). */
function reportNearMiss(nm: KeyNearMiss, report: Report): void {
  report('metadata/near-miss', nm.range, nm.message, {
    fixes: [{ title: `Write the key as "${nm.key}:"`, safe: nm.safe, preferred: true, edits: [nm.edit] }],
  });
}

function check(ctx: RuleContext, report: Report): void {
  const first = firstOfEach(ctx.model, report);
  const required = ctx.schema.requiredMetadata;
  required.forEach((key, k) => {
    if (first.has(key)) return;
    const near = ctx.nearMisses.metadata.get(key);
    if (near) reportNearMiss(near, report);
    else reportMissing(ctx, key, placeFor(ctx.model, required, k, first), report);
  });
  for (const e of first.values()) if (required.includes(e.key)) checkValue(ctx, e, report);
}

export const metadataRules = defineRules({
  family: 'metadata',
  rules: [
    {
      id: 'metadata/missing',
      contract: true,
      fixable: true,
      description: 'A required `Key:` line is not in the metadata block (between the title and the first `## `).',
    },
    { id: 'metadata/duplicate', contract: true, fixable: false, description: 'A metadata key is written twice.' },
    { id: 'metadata/empty', contract: true, fixable: false, description: 'A metadata key has no value.' },
    { id: 'metadata/date', contract: true, fixable: false, description: '`Date` is not an ISO date (`YYYY-MM-DD`, a real day).' },
    { id: 'metadata/refs-list', contract: true, fixable: false, description: '`Contract baseline refs` is not followed by a bullet list.' },
    {
      id: 'metadata/runner-lane',
      contract: false,
      convention: true,
      fixable: true,
      description: 'The runner lane is not one of the conventional lanes.',
    },
    {
      id: 'metadata/near-miss',
      contract: true,
      fixable: true,
      description:
        'A required key is missing while a line of the metadata block is close to it (another case, emphasis, a list item, a blank before the colon, a small misspelling); reported on that line.',
    },
  ],
  check,
});
