#!/usr/bin/env python3
"""Wall clock of `smithy-codegen generate`, binaries in turns.

usage: generate-wall.py MODEL RUNS BINARY...

Each run writes to a fresh output directory under $TMPDIR (removed afterwards), so that no
run finds the files of the one before (TMPDIR=/dev/shm keeps a slow disk out of the figures); the binaries take turns, so that a change in the machine's speed
falls on all of them alike. Prints the median, fastest and slowest per binary, in ms.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    model, runs, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    if not os.path.exists(model):
        print(f"no model at {model} (is ../shared beside the repository?)", file=sys.stderr)
        return 1
    times = {b: [] for b in binaries}
    scratch = tempfile.mkdtemp(prefix="generate-wall-")
    try:
        for run in range(runs):
            for n, binary in enumerate(binaries):
                out = os.path.join(scratch, f"{run}-{n}")
                start = time.perf_counter()
                subprocess.run([binary, "generate", "--model", model, "--out", out],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times[binary].append((time.perf_counter() - start) * 1000)
                shutil.rmtree(out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for binary in binaries:
        t = sorted(times[binary])
        print(f"{binary}: median {statistics.median(t):.1f} ms, fastest {t[0]:.1f}, slowest {t[-1]:.1f} ({runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
