#!/usr/bin/env bash
# Instructions per call of every case of the `driver` bench, counted by valgrind's callgrind
# (immune to the noise of a shared machine; apt-get install valgrind). Only the measured loop
# is counted (--toggle-collect), not loading the fixtures nor the warm-up call.
#
#   bench/scripts/callgrind.sh                 # every case
#   bench/scripts/callgrind.sh ours_parse_ok   # some cases
#   N=5000 bench/scripts/callgrind.sh          # more iterations (default 1000; 3 for generate:*)
#
# Profiles stay in <target>/callgrind/<case>.out for `callgrind_annotate --inclusive=yes`.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { echo "valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
driver=$(cargo bench -q -p smithy-codegen-bench --bench driver --no-run --message-format=json |
  python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "driver" and m.get("executable"):
        print(m["executable"])')
target=${CARGO_TARGET_DIR:-target}
out=$target/callgrind
mkdir -p "$out"
if [ $# -gt 0 ]; then cases=("$@"); else mapfile -t cases < <("$driver" list); fi
printf '%-40s %14s\n' case "Ir per call"
for case in "${cases[@]}"; do
  case $case in generate:*) n=${N_GENERATE:-3} ;; *) n=${N:-1000} ;; esac
  file=${case//:/_}
  valgrind --tool=callgrind --callgrind-out-file="$out/$file.out" \
    --toggle-collect='*driver::measured*' "$driver" "$case" "$n" 2>"$out/$file.log" >/dev/null
  ir=$(grep -o 'Collected : [0-9]*' "$out/$file.log" | awk '{print $3}')
  printf '%-40s %14d\n' "$case" $((ir / n))
done
