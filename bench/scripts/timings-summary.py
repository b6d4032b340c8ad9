#!/usr/bin/env python3
"""Summarises a `cargo build -p socialmessaging --timings` report (cargo-timing.html): wall
time, the generated crate's own compile, its build script, the units compiled only because the
code is generated at build time (the generator and its dependencies), and the slowest units.

Usage (from the workspace root): timings-summary.py <target>/cargo-timings/cargo-timing.html
"""

import collections
import json
import re
import subprocess
import sys


def library_dependencies():
    """(name, version) of everything the generated library needs without its build script:
    its normal dependencies and their proc-macros (serde_derive and what it uses)."""
    out = subprocess.run(
        ["cargo", "tree", "-q", "-p", "socialmessaging", "-e", "normal", "--prefix", "none"],
        check=True, capture_output=True, text=True).stdout
    deps = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].startswith("v"):
            deps.add((parts[0], parts[1][1:]))
    return deps


def main(path):
    html = open(path, encoding="utf-8").read()
    units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
    total = re.search(r"Total time:</td><td>([^<]*)", html).group(1)
    work = sum(u["duration"] for u in units)
    print(f"wall: {total}; {len(units)} units; {work:.1f} s of compile work in all")

    def label(u):
        target = u["target"].strip()
        return f"{u['name']} {u['version']}" + (f" ({target})" if target else "")

    library = library_dependencies()
    generator, duplicates = [], collections.defaultdict(list)
    for u in units:
        key = (u["name"], u["version"])
        if u["name"] == "socialmessaging":
            if u["target"].strip():
                generator.append(u)  # its build script: compiled, then run
                print(f"{label(u)}: {u['duration']:.2f} s")
            else:
                print(f"the generated crate itself (socialmessaging lib): {u['duration']:.1f} s, "
                      f"from {u['start']:.1f} s to {u['start'] + u['duration']:.1f} s")
        elif key not in library:
            generator.append(u)
        elif not u["target"].strip():
            duplicates[key].append(u)
    twice = {k: v for k, v in duplicates.items() if len(v) > 1}
    print(f"only for the build script ({len(generator)} units: "
          f"{', '.join(sorted({label(u) for u in generator}))}): "
          f"{sum(u['duration'] for u in generator):.1f} s of compile work")
    for (name, version), copies in sorted(twice.items()):
        times = ", ".join(f"{u['duration']:.1f} s" for u in copies)
        print(f"built twice (a host copy for the generator, with other features): "
              f"{name} {version}: {times}")
    print("slowest units:")
    for u in sorted(units, key=lambda u: -u["duration"])[:12]:
        print(f"  {u['duration']:6.2f} s  {label(u)}  "
              f"[{u['start']:.1f} s .. {u['start'] + u['duration']:.1f} s]")


if __name__ == "__main__":
    main(sys.argv[1])
