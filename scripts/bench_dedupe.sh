#!/usr/bin/env bash
# Fuzzy dedupe benchmark (issue 4): generates 100k, 300k and BENCH_ROWS
# leads with ../shared/bench/gen_leads.go into a temp dir (never into the
# repo) and measures, alternating, in the same run:
#   - leadpipe import --match exact (the time fuzzy matching adds is
#     measured against it),
#   - the DuckDB SQL dedupe peer (../shared/bench/peers/duckdb_dedupe.mjs;
#     needs node and npm, installs @duckdb/node-api into the temp dir),
#   - leadpipe import (fuzzy) into an empty store, the re-import into the
#     store holding those leads, and the candidate pairs per row at each size.
# Prints wall time and peak RSS; BENCHMARKS.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${BENCH_ROWS:-1000000}
ROUNDS=${BENCH_ROUNDS:-2}
GEN=../shared/bench/gen_leads.go
PEER=../shared/bench/peers/duckdb_dedupe.mjs
BIN=$PWD/bin/leadpipe
[ -f "$GEN" ] || { echo "bench: $GEN not found (the shared folder must sit beside the repo)"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed: apt-get install time"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/leadpipe-bench-dedupe.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for n in 100000 300000 "$ROWS"; do
  go run "$GEN" -n "$n" -csv "$tmp/leads_$n.csv" -truth "$tmp/truth_$n.csv" >/dev/null
done
duck=""
if command -v node >/dev/null && command -v npm >/dev/null && [ -f "$PEER" ]; then
  cp "$PEER" "$tmp/" && (cd "$tmp" && npm install --silent @duckdb/node-api@1.5.6-r.1 >/dev/null 2>&1) && duck="$tmp/duckdb_dedupe.mjs"
fi

MEASURE_WIDTH=40
. scripts/measure.sh
pairs() { tr -d ' \n' <"$tmp/out.txt" | grep -o '"candidate_pairs_per_row":[0-9.]*' | head -1; }

for round in $(seq 1 "$ROUNDS"); do
  echo "## round $round"
  rm -f "$tmp/ex.db" "$tmp/fz.db"
  measure "leadpipe import --match exact ($ROWS)" "$BIN" --store "$tmp/ex.db" --no-progress --json import --match exact "$tmp/leads_$ROWS.csv"
  if [ -n "$duck" ]; then
    measure "duckdb dedupe ($ROWS)" node "$duck" "$tmp/leads_$ROWS.csv" "$tmp/truth_$ROWS.csv"
    grep -E 'candidate pairs|threshold 0.75' "$tmp/out.txt" | sed 's/^/  /'
  fi
  measure "leadpipe import fuzzy ($ROWS)" "$BIN" --store "$tmp/fz.db" --no-progress --json import "$tmp/leads_$ROWS.csv"
  echo "  $(pairs)"
  measure "leadpipe re-import fuzzy ($ROWS)" "$BIN" --store "$tmp/fz.db" --no-progress --json import "$tmp/leads_$ROWS.csv"
  measure "leadpipe dedupe --dry-run ($ROWS)" "$BIN" --store "$tmp/fz.db" --json dedupe --dry-run
done
echo "## candidate pairs per row by size"
for n in 100000 300000 "$ROWS"; do
  rm -f "$tmp/p.db"
  measure "leadpipe import fuzzy ($n)" "$BIN" --store "$tmp/p.db" --no-progress --json import "$tmp/leads_$n.csv"
  echo "  $(pairs)"
done
