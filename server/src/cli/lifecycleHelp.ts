// Help texts of the review-lifecycle commands (diff, findings), kept apart from help.ts so
// that file stays a table.

export const DIFF_USAGE = 'review-snapshot diff [--format text|json|markdown] <older> <newer>';
export const FINDINGS_USAGE = 'review-snapshot findings [--format sarif|json] [--root DIR] <snapshot|dir|glob>...';

export const DIFF_HELP = `Compare two reviews: which findings and spec candidates are new, unchanged,
updated (same finding, its text or severity changed) or absent (resolved or dropped).

Usage:
  ${DIFF_USAGE}

Findings are matched by what they say, not by line: first by a fingerprint of the
File:Line path (without the line) and the normalized What text; then, when both reviews
name a commit of the repository in Repo revision, a row whose file git says was renamed
between them (same text) is the same finding. Without git (no repository, a revision
that is not a commit) that is not followed, and the output says so. Then a row whose path
was rewritten (same file name, same text) and a row of the same file with similar text
are matched too, marked "uncertain" with a confidence. Candidates are matched by id,
then by title (uncertain).

Options:
  --format FORMAT          text (default): counts, then one line per change
                           json: version 1, { renames: {followed, ...},
                           findings: [{state, older, newer, uncertain, confidence,
                           by}], candidates: [...] }
                           markdown: for a pull request comment or $GITHUB_STEP_SUMMARY

Exit codes: 0 compared, 2 usage or file errors.`;

export const FINDINGS_HELP = `Export the Findings rows of reviews, for code scanning.

Usage:
  ${FINDINGS_USAGE}

Each row becomes a SARIF 2.1.0 result at its File:Line in the code (level: P0/P1,
critical/high -> error; P2/medium -> warning; P3/low/info -> note), with the finding's
text as message, its row in the snapshot as related location, and a partialFingerprint
from the path and text (not the line), so code scanning keeps tracking a finding whose
line moved and closes it when a later review drops it.

Options:
  --format FORMAT          sarif (default): SARIF 2.1.0 for github/codeql-action/upload-sarif
                           json: version 1, each snapshot's rows with their fingerprint
  --root DIR               repository root the paths are relative to (default: the
                           nearest folder holding .git above the first snapshot)

Exit codes: 0 exported, 2 usage or file errors.`;
