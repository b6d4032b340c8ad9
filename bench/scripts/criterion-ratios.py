#!/usr/bin/env python3
"""Prints the criterion results of the last `cargo bench -p smithy-codegen-bench` (median and
its 95% interval per bench) and, in each group, each bench's ratio to the group's baseline
(the bench whose name starts with `baseline`; in the generation groups, `run+crate_files`,
the whole job, so that the stages read as shares of it). Usage, from the workspace root:

    python3 bench/scripts/criterion-ratios.py [target/criterion]
"""

import json
import os
import sys


def fmt(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.3f} µs"
    return f"{ns:.1f} ns"


def main(root):
    rows = {}
    for dirpath, _dirs, files in os.walk(root):
        if "estimates.json" in files and os.path.basename(dirpath) == "new":
            with open(os.path.join(dirpath, "benchmark.json")) as f:
                bench = json.load(f)
            with open(os.path.join(dirpath, "estimates.json")) as f:
                median = json.load(f)["median"]
            rows.setdefault(bench["group_id"], []).append(
                (bench["function_id"] or bench["title"], median["point_estimate"],
                 median["confidence_interval"]["lower_bound"],
                 median["confidence_interval"]["upper_bound"]))
    for group in sorted(rows):
        benches = sorted(rows[group])
        base = next((b for b in benches if b[0].startswith("baseline")), None) or next(
            (b for b in benches if b[0] == "run+crate_files"), benches[0])
        print(f"{group} (ratios to {base[0]})")
        for name, point, low, high in benches:
            print(f"  {name:<40} {fmt(point):>12}  [{fmt(low)} .. {fmt(high)}]  {point / base[1]:6.2f}x")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "criterion"))
