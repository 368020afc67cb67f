#!/usr/bin/env bash
# `make fuzz`: every fuzz target under libFuzzer (cargo fuzz, stable Rust, no sanitizer),
# FUZZ_RUNS inputs each (default 1,000,000), two at a time on this 2-core machine, each
# from its seeds (the archive, ../shared/seeds, the frozen index, the benchmark queries;
# see src/seeds.rs) and the corpus earlier runs left in .cache/fuzz/corpus. Prints, per
# target: inputs tried, coverage (edges and features, libFuzzer's unique paths), the
# corpus size, crashes, hangs (an input over 1 s) and the time taken.
#
#   FUZZ_RUNS=100000 FUZZ_TARGETS="query bundle" make fuzz
#   fuzz/run.sh cmin    # minimise each corpus in .cache/fuzz/corpus (libFuzzer -merge)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${FUZZ_RUNS:-1000000}
TARGETS=${FUZZ_TARGETS:-issue_markdown standard_document query bundle}
WORK=.cache/fuzz
# The workspace's release profile is for phones (size, LTO, one codegen unit): a fuzzer
# wants speed and a quick build.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
cargo fuzz build --sanitizer none --features libfuzzer
rm -rf "$WORK/seeds"
cargo run -q -p twir-fuzz --example seeds -- "$WORK/seeds"
BIN=target/x86_64-unknown-linux-gnu/release

if [ "${1:-}" = cmin ]; then
  # The same inputs in, the same smallest corpus keeping every feature out: libFuzzer's
  # merge is deterministic for a given corpus and binary.
  for t in $TARGETS; do
    before=$(ls "$WORK/corpus/$t" | wc -l)
    rm -rf "$WORK/cmin/$t"; mkdir -p "$WORK/cmin/$t"
    "$BIN/$t" -merge=1 -max_len=8192 -timeout=1 "$WORK/cmin/$t" "$WORK/corpus/$t" > "$WORK/$t.cmin.log" 2>&1
    rm -rf "$WORK/corpus/$t"; mv "$WORK/cmin/$t" "$WORK/corpus/$t"
    echo "$t: corpus $before -> $(ls "$WORK/corpus/$t" | wc -l) inputs"
  done
  exit 0
fi

one() {
  local t=$1 start end
  mkdir -p "$WORK/corpus/$t" "$WORK/artifacts/$t"
  start=$(date +%s)
  # -timeout=1: an input that takes over a second is a hang. -max_len: see FUZZ_MAX_LEN.
  "$BIN/$t" "$WORK/corpus/$t" "$WORK/seeds/$t" -runs="$RUNS" -timeout=1 -max_len=8192 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$WORK/artifacts/$t/" \
    > "$WORK/$t.log" 2>&1 || true
  end=$(date +%s)
  echo "$((end - start))" > "$WORK/$t.seconds"
}
export -f one
export BIN WORK RUNS
printf '%s\n' $TARGETS | xargs -P 2 -I{} bash -c 'one {}'

echo
printf '%-18s %12s %8s %9s %8s %8s %6s %8s\n' target inputs edges features corpus crashes hangs seconds
fail=0
for t in $TARGETS; do
  log="$WORK/$t.log"
  runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  edges=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  features=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(ls "$WORK/corpus/$t" | wc -l)
  crashes=$(ls "$WORK/artifacts/$t" | grep -cE '^(crash|oom|leak)-' || true)
  hangs=$(ls "$WORK/artifacts/$t" | grep -cE '^(timeout|slow-unit)-' || true)
  printf '%-18s %12s %8s %9s %8s %8s %6s %8s\n' "$t" "${runs:-?}" "${edges:-?}" "${features:-?}" \
    "$corpus" "$crashes" "$hangs" "$(cat "$WORK/$t.seconds")"
  if [ "$crashes" != 0 ] || [ "$hangs" != 0 ] || [ "${runs:-0}" -lt "$RUNS" ]; then
    fail=1
    grep -m1 -A3 -E 'panicked|ERROR: libFuzzer' "$log" || true
    ls "$WORK/artifacts/$t"
  fi
done
exit $fail
