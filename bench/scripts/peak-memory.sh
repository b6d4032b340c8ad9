#!/usr/bin/env bash
# Peak memory (maximum resident set size) and wall time of the release `smithy-codegen generate`
# binary on each model, by GNU time (apt-get install time). RUNS runs each (default 3); the
# largest RSS is reported. Also the size of the Rust it writes.
#
#   bench/scripts/peak-memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
shared=../shared
[ -d "$shared" ] || { echo "*** ../shared is missing: the models are read from there ***" >&2; exit 1; }
cargo build -q --release -p smithy-codegen --bin smithy-codegen
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/smithy-codegen
out=$(mktemp -d)
printf '%-34s %12s %10s %12s\n' model "max RSS KiB" "wall s" "Rust bytes"
for model in model "$shared/models/socialmessaging-2024-01-01.json" \
  "$shared/models/corpus/dataexchange-2017-07-25.json"; do
  max=0; wall=""
  for _ in $(seq "${RUNS:-3}"); do
    rm -rf "$out/crate"
    /usr/bin/time -v "$bin" generate --model "$model" --out "$out/crate" 2>"$out/time" >/dev/null
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time")
    wall="$wall $(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/time" | sed 's/^0://')"
    [ "$rss" -gt "$max" ] && max=$rss
  done
  bytes=$(find "$out/crate/src" -name '*.rs' -exec cat {} + | wc -c)
  printf '%-34s %12s %10s %12s\n' "$(basename "$model")" "$max" "$(echo $wall | tr ' ' ',')" "$bytes"
done
rm -rf "$out"
