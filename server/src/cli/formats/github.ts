// --format github: GitHub Actions workflow commands, one annotation per finding:
//   ::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>
// with GitHub's escaping (data: % CR LF; properties also : and ,), so nothing from a snapshot can
// end a command early or start one of its own (`::add-mask::`, `::stop-commands::`); the caller
// shows any other control character as an escape. The summary line follows, as plain text.
import type { Finding } from '../../service/core';
import { summary } from './text';
import type { RunReport } from './report';

/** A command's message: `%`, CR and LF encoded (GitHub decodes them back). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: as data, and `:` and `,` too (they end a property). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(f: Finding): string {
  return f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
}

export function formatGithubRun(run: RunReport): string {
  const lines: string[] = [];
  for (const file of run.files) {
    for (const f of file.findings) {
      const props = [
        `file=${escapeProperty(file.file.split('\\').join('/'))}`,
        `line=${f.range.start.line + 1}`,
        `col=${f.range.start.character + 1}`,
        `endLine=${f.range.end.line + 1}`,
        `endColumn=${f.range.end.character + 1}`,
        `title=${escapeProperty(f.rule)}`,
      ];
      lines.push(`::${command(f)} ${props.join(',')}::${escapeData(`${f.message} [${f.rule}]`)}`);
    }
  }
  lines.push(summary(run));
  return lines.join('\n') + '\n';
}
