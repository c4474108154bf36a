#!/usr/bin/env python3
"""Groups the goroutines of a ?debug=2 dump by identical stack and prints one
representative per group, in dump format, with argument words and PC offsets
elided ("(…)", "+0x…"), goroutine ids replaced by N/M, and the oracle's
module prefix stripped from file paths so that listings print as main.go.

Usage: stacks.py DUMP.debug2.txt [...]
"""
import collections
import re
import sys


def strip_args(f):
    """Replace the trailing argument list of a frame line."""
    if not f.endswith(')'):
        return f
    depth = 0
    for i in range(len(f) - 1, -1, -1):
        c = f[i]
        if c in ')}':
            depth += 1
        elif c in '({':
            depth -= 1
            if depth == 0:
                args = f[i:]
                if args in ('()', '(...)'):
                    return f
                return f[:i] + '(…)'
    return f


def main():
    for fn in sys.argv[1:]:
        text = open(fn).read().strip()
        groups = collections.OrderedDict()
        for block in text.split('\n\n'):
            lines = block.split('\n')
            m = re.match(r'goroutine \d+ \[(.*)\]:', lines[0])
            if not m:
                continue
            state = re.sub(r', \d+ minutes', '', m.group(1))
            out = []
            for i in range(1, len(lines) - 1, 2):
                f = lines[i]
                if f.startswith('created by'):
                    f = re.sub(r' in goroutine \d+$', ' in goroutine M', f)
                else:
                    f = strip_args(f)
                loc = lines[i + 1].strip()
                loc = re.sub(r' \+0x[0-9a-f]+$', ' +0x…', loc)
                loc = re.sub(r'^leaklab/oracle/[^/]+/', '', loc)
                out.append(f)
                out.append('\t' + loc)
            key = (state, tuple(out))
            groups[key] = groups.get(key, 0) + 1
        print(f'# {fn}')
        for (state, out), n in groups.items():
            print(f'# {n} goroutine(s) like this:')
            print(f'goroutine N [{state}]:')
            print('\n'.join(out))
            print()


if __name__ == '__main__':
    main()
