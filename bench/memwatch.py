#!/usr/bin/env python3
"""memwatch.py OUT CMD...: runs CMD and writes to OUT the highest memory
that CMD and all its descendants held at once, in KiB: the sum of their
proportional set sizes (Pss, from /proc/PID/smaps_rollup), so that pages
a forked worker shares with its parent count once, not once a process.
Sampled every 5 ms: a peak shorter than that can be missed, which GNU
time's per-process %M (also reported by run.sh) bounds from below.
Exits with CMD's status."""
import os
import subprocess
import sys
import time


def children_of(root):
    """root and every process below it."""
    parent = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses.
        fields = stat[stat.rfind(b")") + 2:].split()
        parent[int(name)] = int(fields[1])
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parent.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return tree


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(pss_kib(p) for p in children_of(proc.pid)))
        time.sleep(0.005)
    with open(out, "w") as f:
        f.write(f"{peak}\n")
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
