# Not shipped logic: a one-off helper kept with the tests so assertion lines stay aligned when
# fixtures change. Lines "@@ TEXT => SCOPE" become tmgrammar-test assertions for the first
# occurrence of TEXT on the source line above.
import sys
out = []
src = None
for line in open(sys.argv[1]).read().split('\n'):
    if line.startswith('@@ '):
        text, scope = line[3:].split(' => ')
        col = src.index(text)
        n = len(text)
        if col >= 5:
            out.append('<!--' + ' ' * (col - 4) + '^' * n + ' ' + scope)
        else:
            out.append('<!-- <' + '~' * col + '-' * n + ' ' + scope)
    else:
        out.append(line)
        if not line.startswith('<!--'):
            src = line
open(sys.argv[2], 'w').write('\n'.join(out))
