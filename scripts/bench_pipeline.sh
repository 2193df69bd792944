#!/usr/bin/env bash
# Full-pipeline benchmark (issue 7): for each size in BENCH_SIZES (default
# "100000 1000000") generates leads with ../shared/bench/gen_leads.go into a
# temp dir (never into the repo) and runs, on one fresh store, the stages a
# team runs: import (fuzzy matching), dedupe across the store, score,
# status set Qualified for one lead source in ten, and convert with
# opportunities. Prints wall time and peak RSS per stage, so that the
# growth from the small to the large size can be read off (BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${BENCH_SIZES:-"100000 1000000"}
GEN=../shared/bench/gen_leads.go
BIN=$PWD/bin/leadpipe
[ -f "$GEN" ] || { echo "bench: $GEN not found (the shared folder must sit beside the repo)"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed: apt-get install time"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/leadpipe-bench-pipeline.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

MEASURE_WIDTH=44
. scripts/measure.sh

for n in $SIZES; do
  go run "$GEN" -n "$n" -csv "$tmp/leads_$n.csv" >/dev/null
  db="$tmp/p_$n.db"
  echo "## $n rows"
  measure "import ($n)" "$BIN" --store "$db" --no-progress --json import "$tmp/leads_$n.csv"
  measure "dedupe ($n)" "$BIN" --store "$db" --json dedupe
  echo "  $(tr -d ' \n' <"$tmp/out.txt" | grep -o '"leads":[0-9]*' | head -1) merges: $(grep -c '"survivor"' "$tmp/out.txt" || true)"
  measure "score ($n)" "$BIN" --store "$db" --json score
  measure "status set Qualified, source webinar ($n)" "$BIN" --store "$db" --json status set Qualified --where 'source == "webinar"'
  echo "  $(tr -d ' \n' <"$tmp/out.txt" | grep -o '"changed":[0-9]*' | head -1)"
  measure "convert --opportunity ($n)" "$BIN" --store "$db" --json convert --opportunity
  echo "  $(tr -d ' \n' <"$tmp/out.txt" | grep -o '"totals":{[^}]*}' | head -1)"
  echo "  store size: $(du -h "$db" | cut -f1)"
done
