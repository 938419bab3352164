// Run Gates on Windows (simulated: which shell runs a gate and what it makes of the command can
// be computed anywhere). A gate runs as one command line, unquoted, in the shell VS Code's tasks
// use; the confirmation names that shell and says what it will expand, escape or chain in each
// command, so a log written for a POSIX shell is not run in cmd.exe or PowerShell unread.
import * as assert from 'node:assert/strict';
import { shellHazards, shellKind, shellName, shellNotes } from '../../client/src/shells';

describe('Run Gates: the shell a gate runs in (Windows simulated)', () => {
  it('knows cmd.exe and PowerShell by their Windows paths, whatever the case or separator', () => {
    assert.equal(shellKind('C:\\Windows\\System32\\cmd.exe'), 'cmd');
    assert.equal(shellKind('c:/windows/system32/CMD.EXE'), 'cmd');
    assert.equal(shellKind('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'), 'powershell');
    assert.equal(shellKind('C:\\Program Files\\PowerShell\\7\\pwsh.exe'), 'powershell');
    assert.equal(shellKind('/usr/bin/pwsh'), 'powershell');
    assert.equal(shellKind('/bin/bash'), 'posix');
    assert.equal(shellKind('C:\\Program Files\\Git\\bin\\bash.exe'), 'posix');
    assert.equal(shellName('cmd', 'C:\\Windows\\System32\\cmd.exe'), 'cmd.exe');
    assert.equal(shellName('posix', 'C:\\Program Files\\Git\\bin\\bash.exe'), 'bash.exe');
  });

  it('cmd.exe: %VAR% (also inside double quotes), !VAR!, ^ and & | are each named', () => {
    const h = (c: string) => shellHazards(c, 'cmd').join(' / ');
    assert.match(h('echo "%USERPROFILE%"'), /%USERPROFILE% is replaced .* even inside double quotes/);
    assert.match(h('echo !PATH!'), /!PATH! is replaced/);
    assert.match(h('echo a^&b'), /\^ escapes/);
    assert.match(h('npm test & del /q *'), /& and \| run further commands/);
    assert.match(h('type a | findstr b'), /& and \| run further commands/);
    assert.match(h('echo "a" & calc "b"'), /run further commands/);
    assert.deepEqual(shellHazards('npm run build', 'cmd'), [], 'a plain command has nothing to say');
    // What only PowerShell or POSIX shells read is plain text to cmd.exe.
    assert.deepEqual(shellHazards('echo $(whoami) `id`', 'cmd'), []);
  });

  it('PowerShell: $(...), $var (also inside double quotes), the backtick, ; & | and @( ) are each named', () => {
    const h = (c: string) => shellHazards(c, 'powershell').join(' / ');
    assert.match(h('echo "$(Remove-Item -Recurse ~)"'), /\$\( … \) runs the command inside it/);
    assert.match(h('echo "$env:USERPROFILE"'), /\$env:USERPROFILE is replaced by a PowerShell variable's value/);
    assert.match(h('echo a`nb'), /backtick escapes/);
    assert.match(h('npm test; rm -r x'), /run further commands/);
    assert.match(h('npm test && npm run lint'), /run further commands/);
    assert.match(h('& "C:\\tools\\x.exe"'), /run further commands/);
    assert.match(h('echo @(1,2)'), /@\( … \) and @\{ … \} build arrays/);
    assert.deepEqual(shellHazards('npm run build', 'powershell'), []);
    // %VAR% and ^ mean nothing to PowerShell.
    assert.deepEqual(shellHazards('echo %PATH% ^', 'powershell'), []);
  });

  it('the confirmation names a Windows shell and lists, per command, what it will do; a POSIX shell adds nothing', () => {
    const cmds = ['npm test', 'echo "%USERPROFILE%" & del x', 'echo "$(whoami)"'];
    const cmd = shellNotes(cmds, 'cmd', 'cmd.exe');
    assert.match(cmd, /^They run in cmd\.exe, which reads them by its own rules, not a POSIX shell's\. In cmd\.exe:\n/);
    assert.match(cmd, /\n2\. %USERPROFILE% is replaced/);
    assert.doesNotMatch(cmd, /\n1\./, 'the plain command is not listed');
    assert.doesNotMatch(cmd, /\n3\./, '$( ) is plain text to cmd.exe');
    const ps = shellNotes(cmds, 'powershell', 'PowerShell');
    assert.match(ps, /\n3\. \$\( … \) runs the command inside it/);
    assert.match(ps, /\n2\. .*run further commands/);
    assert.equal(shellNotes(cmds, 'posix', 'bash'), '');
    assert.equal(
      shellNotes(['npm test'], 'cmd', 'cmd.exe'),
      "They run in cmd.exe, which reads them by its own rules, not a POSIX shell's.\n\n",
    );
  });
});
