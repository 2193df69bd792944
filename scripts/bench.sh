#!/usr/bin/env bash
# End-to-end import benchmark: generates BENCH_ROWS leads with
# ../shared/bench/gen_leads.go into a temp dir (never into the repo), imports
# them into an empty store as CSV and as XLSX, re-imports the CSV, and runs
# the peers (Miller, ssconvert) on the same files in the same run,
# alternating. Prints wall time and peak RSS for each; BENCHMARKS.md records
# the figures. Needs bin/leadpipe (make build) and GNU time; miller and
# gnumeric are optional (apt-get install miller gnumeric).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${BENCH_ROWS:-1000000}
XLSX_ROWS=${BENCH_XLSX_ROWS:-100000}
ROUNDS=${BENCH_ROUNDS:-2}
GEN=../shared/bench/gen_leads.go
BIN=$PWD/bin/leadpipe
[ -f "$GEN" ] || { echo "bench: $GEN not found (the shared folder must sit beside the repo)"; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed: apt-get install time"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/leadpipe-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "# generating $ROWS rows (csv) and $XLSX_ROWS rows (xlsx) in $tmp"
go run "$GEN" -n "$ROWS" -csv "$tmp/leads.csv" -truth "$tmp/truth.csv" >/dev/null
go run "$GEN" -n "$XLSX_ROWS" -xlsx "$tmp/leads_small.xlsx" >/dev/null
if [ "${BENCH_XLSX_BIG:-1}" = 1 ]; then
  go run "$GEN" -n "$ROWS" -xlsx "$tmp/leads.xlsx" >/dev/null
fi
ls -l "$tmp"

# measure NAME CMD...: prints "NAME wall_s peak_rss_MB exit"
MEASURE_WIDTH=34
. scripts/measure.sh

for round in $(seq 1 "$ROUNDS"); do
  echo "## round $round"
  if command -v mlr >/dev/null; then
    measure "mlr --icsv --ojson cat ($ROWS)" sh -c "mlr --icsv --ojson cat '$tmp/leads.csv' >/dev/null"
  fi
  rm -f "$tmp/csv.db"
  # The foundation's goals are for exact-key matching; fuzzy matching (the
  # default) is measured by scripts/bench_dedupe.sh.
  measure "leadpipe import csv exact ($ROWS)" "$BIN" --store "$tmp/csv.db" --no-progress --json import --match exact "$tmp/leads.csv"
  cp "$tmp/out.txt" "$tmp/first.json"
  sum1=$(sha256sum "$tmp/csv.db" | cut -d' ' -f1)
  measure "leadpipe re-import csv ($ROWS)" "$BIN" --store "$tmp/csv.db" --no-progress --json import --match exact "$tmp/leads.csv"
  sum2=$(sha256sum "$tmp/csv.db" | cut -d' ' -f1)
  echo "  first:    $(tr -d ' \n' <"$tmp/first.json" | grep -o '"rows":[0-9]*,"created":[0-9]*,"merged":[0-9]*,"unchanged":[0-9]*,"rejected":[0-9]*' | head -1)"
  echo "  re-import: $(tr -d ' \n' <"$tmp/out.txt" | grep -o '"rows":[0-9]*,"created":[0-9]*,"merged":[0-9]*,"unchanged":[0-9]*,"rejected":[0-9]*' | head -1)"
  if [ "$sum1" = "$sum2" ]; then echo "  store file unchanged by the re-import"; else echo "  STORE FILE CHANGED by the re-import"; fi
  echo "  store size: $(du -h "$tmp/csv.db" | cut -f1)"
  if command -v ssconvert >/dev/null; then
    measure "ssconvert xlsx->csv ($XLSX_ROWS)" ssconvert "$tmp/leads_small.xlsx" "$tmp/ss.csv"
  fi
  rm -f "$tmp/xs.db"
  measure "leadpipe import xlsx ($XLSX_ROWS)" "$BIN" --store "$tmp/xs.db" --no-progress --json import --match exact "$tmp/leads_small.xlsx"
  if [ -f "$tmp/leads.xlsx" ]; then
    rm -f "$tmp/xl.db"
    measure "leadpipe import xlsx ($ROWS)" "$BIN" --store "$tmp/xl.db" --no-progress --json import --match exact "$tmp/leads.xlsx"
  fi
done
