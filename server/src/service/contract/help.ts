// Words for what each part of the contract is for (bundled help.yaml), for hovers and completion
// documentation. The facts — required or not, order, table headers, key types — come from the
// schema in use; these words only explain them.
import { parseDocument } from 'yaml';
import helpText from '../../schema/help.yaml';

export interface Help {
  metadata: Map<string, string>;
  sections: Map<string, string>;
  labels: Map<string, string>;
  candidateKeys: Map<string, string>;
}

let bundled: Help | undefined;

const asMap = (v: unknown) => new Map(Object.entries((v ?? {}) as Record<string, string>));

export function help(): Help {
  if (!bundled) {
    const doc = parseDocument(helpText);
    // The file is ours: a mistake in it must fail the tests, not quietly drop entries.
    if (doc.errors.length) throw new Error(`help.yaml: ${doc.errors[0].message}`);
    const h = doc.toJS() as Record<string, unknown>;
    bundled = {
      metadata: asMap(h.metadata),
      sections: asMap(h.sections),
      labels: asMap(h.labels),
      candidateKeys: asMap(h.candidate_keys),
    };
  }
  return bundled;
}
