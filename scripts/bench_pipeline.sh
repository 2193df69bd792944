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

measure() {
  local name=$1; shift
  local rc
  set +e
  /usr/bin/time -f '%e %M' -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"
  rc=$?
  set -e
  read -r wall rss < <(tail -n 1 "$tmp/time.txt") || true
  printf '%-44s %8.2f s %8.0f MB  exit %d\n' "$name" "$wall" "$((rss / 1024))" "$rc"
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then sed -n '1,5p' "$tmp/err.txt"; fi
}

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
