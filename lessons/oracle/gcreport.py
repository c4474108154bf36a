#!/usr/bin/env python3
"""Condenses gcwatch's raw stack dumps: for each dump, the goroutines whose first
main.* frame is the same, in goroutine-id order, as runs of equal header states
("20 x [sleep, 1 minutes]"), so that batches of sleepers started at different
times stand out.

Usage: gcreport.py DUMP.stacks.txt ...
"""
import re
import sys

HEADER = re.compile(r"^goroutine (\d+) \[(.*)\]:$")


def goroutines(text):
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        m = HEADER.match(lines[0])
        if not m:
            continue
        user = next((l.split("(")[0] for l in lines[1::2] if l.startswith("main.")), "-")
        yield int(m.group(1)), m.group(2), user


def main(paths):
    for path in paths:
        with open(path) as f:
            gs = sorted(goroutines(f.read()))
        print(path.rsplit("/", 1)[-1])
        by_user = {}
        for goid, state, user in gs:
            by_user.setdefault(user, []).append(state)
        for user in sorted(by_user):
            runs = []
            for state in by_user[user]:
                if runs and runs[-1][1] == state:
                    runs[-1][0] += 1
                else:
                    runs.append([1, state])
            print("  %-28s %s" % (user, "; ".join("%d x [%s]" % (n, s) for n, s in runs)))


if __name__ == "__main__":
    main(sys.argv[1:])
