// metadata/*: the `Key: value` lines between the title and the first section.
import type { Range } from 'vscode-languageserver-types';
import type { Finding, Rule, RuleContext } from '../findings';
import type { MetadataEntry } from '../snapshot';
import { lineSpan } from '../text';

export const REFS_KEY = 'Contract baseline refs';
export const DATE_KEY = 'Date';
const LANE_KEY = 'Runner lane';

/** The value a quick fix or a new snapshot writes for a key, before the author fills it in. */
export function metadataPlaceholder(key: string, today: string, eol: string): string {
  if (key === DATE_KEY) return `${key}: ${today}`;
  if (key === REFS_KEY) return `${key}:${eol}- /specs/schema/review_snapshot_schema_v1.yaml`;
  if (key === LANE_KEY) return `${key}: rust|required`;
  return `${key}: TODO`;
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function lastLineOf(e: MetadataEntry): number {
  return e.items.length ? e.items[e.items.length - 1].line : e.line;
}

export const metadataRule: Rule = {
  name: 'metadata',
  run(ctx: RuleContext): Finding[] {
    const { model, schema, conventions, options } = ctx;
    const out: Finding[] = [];
    const eol = model.text.eol();
    const first = new Map<string, MetadataEntry>();
    for (const e of model.metadata) {
      const prev = first.get(e.key);
      if (prev) {
        out.push({
          rule: 'metadata/duplicate',
          severity: 'error',
          message: `Duplicate metadata key "${e.key}" (first on line ${prev.line + 1}).`,
          range: e.keyRange,
        });
      } else first.set(e.key, e);
    }

    const required = schema.requiredMetadata;
    for (let k = 0; k < required.length; k++) {
      const key = required[k];
      const e = first.get(key);
      if (e) continue;
      // Report and insert where the key belongs: before the next required key that is present,
      // else after the previous one, else right after the title.
      let at: Range | undefined;
      let insertLine: number | undefined;
      for (let n = k + 1; n < required.length && !at; n++) {
        const next = first.get(required[n]);
        if (next) {
          at = next.keyRange;
          insertLine = next.line;
        }
      }
      for (let p = k - 1; p >= 0 && !at; p--) {
        const prev = first.get(required[p]);
        if (prev) {
          at = prev.keyRange;
          insertLine = lastLineOf(prev) + 1;
        }
      }
      if (!at) {
        const anchor = model.title ? model.title.line : 0;
        at = model.title ? model.title.textRange : model.text.lineRange(0);
        insertLine = model.title ? anchor + 1 : 0;
      }
      const stray = model.strayMetadata.get(key);
      const where =
        stray !== undefined
          ? ` ("${key}:" on line ${stray + 1} is outside the metadata block, which runs from the title to the first "## " section)`
          : '';
      const text = metadataPlaceholder(key, options.today, eol);
      const line = insertLine ?? 0;
      const needsBlankAfterTitle = model.title && line === model.title.line + 1 && model.metadata.length === 0;
      out.push({
        rule: 'metadata/missing',
        severity: 'error',
        message: `Missing metadata key "${key}"${where}.`,
        range: at,
        fixes: [
          {
            title: `Insert metadata key "${key}"`,
            safe: true,
            preferred: true,
            edits: [
              {
                range: lineSpan(line, 0, 0),
                newText: line >= model.text.lineCount ? eol + text : (needsBlankAfterTitle ? eol : '') + text + eol,
              },
            ],
          },
        ],
      });
    }

    for (const e of first.values()) {
      if (!required.includes(e.key)) continue;
      if (e.key === REFS_KEY) {
        if (e.items.length === 0) {
          out.push({
            rule: 'metadata/refs-list',
            severity: 'error',
            message: `"${REFS_KEY}" must be followed by a bullet list of refs (one "- path" per line)${e.value ? `, not an inline value` : ''}.`,
            range: e.value ? e.valueRange : e.keyRange,
          });
        }
        continue;
      }
      if (e.value === '' && e.items.length === 0) {
        out.push({ rule: 'metadata/empty', severity: 'error', message: `Metadata key "${e.key}" has no value.`, range: e.keyRange });
        continue;
      }
      if (e.key === DATE_KEY && !isIsoDate(e.value)) {
        out.push({
          rule: 'metadata/date',
          severity: 'error',
          message: `Date "${e.value}" is not an ISO date (YYYY-MM-DD).`,
          range: e.valueRange,
        });
      }
      if (e.key === LANE_KEY && conventions.runnerLanes.length && !conventions.runnerLanes.includes(e.value)) {
        out.push({
          rule: 'metadata/runner-lane',
          severity: 'warning',
          message: `Runner lane "${e.value}" is not a conventional lane (${conventions.runnerLanes.join(', ')}).`,
          range: e.valueRange,
        });
      }
    }
    return out;
  },
};
