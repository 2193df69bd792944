# measure NAME CMD... runs CMD under GNU time with its output in $tmp
# (out.txt, err.txt) and prints "NAME  wall s  peak RSS MB  exit N"; the
# first lines of stderr follow when CMD failed (exit other than 0 and 3).
# Sourced by the bench scripts, which set $tmp and MEASURE_WIDTH.
measure() {
  local name=$1; shift
  local rc wall rss
  set +e
  /usr/bin/time -f '%e %M' -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"
  rc=$?
  set -e
  # A command that exits non-zero makes GNU time write a line before the
  # figures: read the last one.
  read -r wall rss < <(tail -n 1 "$tmp/time.txt") || true
  printf "%-${MEASURE_WIDTH:-40}s %8.2f s %8.0f MB  exit %d\n" "$name" "$wall" "$((rss / 1024))" "$rc"
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then sed -n '1,5p' "$tmp/err.txt"; fi
}
