#!/usr/bin/env bash
# Build cost of the generated crate, from clean, debug and release:
#  1. `cargo build -p socialmessaging` of generated/ (its build script compiles and runs the
#     generator on model/), each run in a fresh CARGO_TARGET_DIR so that nothing is reused;
#  2. for comparison, the same code checked in: a standalone crate written by
#     `smithy-codegen generate` (no build script), built with the workspace's Cargo.lock;
# timed by hyperfine (apt-get install hyperfine), RUNS times each. Then one `--timings` build of
# generated/ per profile, summarised by timings-summary.py.
#
#   bench/scripts/build-cost.sh            # RUNS=3 by default
#   RUNS=2 bench/scripts/build-cost.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v hyperfine >/dev/null || { echo "hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
runs=${RUNS:-3}
scratch=${SCRATCH:-/tmp/smithy-codegen-build-cost}
mkdir -p "$scratch"
cargo fetch >/dev/null  # sources downloaded beforehand: the timings are builds, not downloads

# The standalone crate (not timed).
standalone=$scratch/standalone
rm -rf "$standalone"
CARGO_TARGET_DIR=$scratch/cli cargo run -q --release -p smithy-codegen -- \
  generate --model model --out "$standalone" --crate-name socialmessaging
cp Cargo.lock "$standalone/Cargo.lock"

hyperfine --runs "$runs" --export-json "$scratch/hyperfine.json" \
  --prepare "rm -rf $scratch/debug" \
  --command-name "generated/ debug (build script)" \
  "CARGO_TARGET_DIR=$scratch/debug cargo build -q -p socialmessaging" \
  --prepare "rm -rf $scratch/release" \
  --command-name "generated/ release (build script)" \
  "CARGO_TARGET_DIR=$scratch/release cargo build -q --release -p socialmessaging" \
  --prepare "rm -rf $scratch/standalone-debug" \
  --command-name "standalone debug (checked-in code)" \
  "CARGO_TARGET_DIR=$scratch/standalone-debug cargo build -q --offline --manifest-path $standalone/Cargo.toml" \
  --prepare "rm -rf $scratch/standalone-release" \
  --command-name "standalone release (checked-in code)" \
  "CARGO_TARGET_DIR=$scratch/standalone-release cargo build -q --offline --release --manifest-path $standalone/Cargo.toml"

for profile in debug release; do
  rm -rf "$scratch/timings-$profile"
  flag=""; [ "$profile" = release ] && flag=--release
  CARGO_TARGET_DIR="$scratch/timings-$profile" cargo build -q $flag -p socialmessaging --timings
  echo "== cargo build $flag -p socialmessaging --timings (one run)"
  python3 bench/scripts/timings-summary.py "$scratch/timings-$profile/cargo-timings/cargo-timing.html"
done
