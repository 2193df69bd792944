#!/usr/bin/env bash
# Crash test at full size: imports CRASH_ROWS generated leads
# (../shared/bench/gen_leads.go, into a temp dir, never into the repo), kills
# the import with SIGKILL (kill -9) CRASH_KILLS times at random points, runs
# it again each time, and checks after every kill that the store opens,
# passes its consistency check, and that `leads list` and `imports list`
# work; every import that runs to its end must leave a store equal to one
# uninterrupted import: the same leads and counts, the export byte-identical
# apart from the updated_at column. Prints one line per kill (delay, exit
# status, where it landed, check result) and ends with "survived K/K kills".
#
# The work is done by TestCrashKill9 (cmd/leadpipe/crash_test.go; its doc
# comment describes the method), run here against bin/leadpipe (make build)
# at full size; `go test ./cmd/leadpipe` runs it at CI size. A failing run
# keeps the crash store under CRASH_ARTIFACTS.
#
#   CRASH_ROWS   rows to import (default 100000)
#   CRASH_KILLS  kills (default 50)
#   CRASH_BATCH  rows per commit (default 0: leadpipe's own, 4000)
#   CRASH_SEED   seed of the delays (default: from the clock; printed)
#   CRASH_STAGE_KILLS  kills of each later command (default 10)
#   CRASH_INTERRUPTS   imports stopped with SIGINT/SIGTERM (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
GEN=../shared/bench/gen_leads.go
BIN=${CRASH_BIN:-$PWD/bin/leadpipe}
ARTIFACTS=${CRASH_ARTIFACTS:-${TMPDIR:-/tmp}/leadpipe-crashtest}
[ -f "$GEN" ] || { echo "crashtest: $GEN not found (the shared folder must sit beside the repo)"; exit 1; }
[ -x "$BIN" ] || { echo "crashtest: $BIN not found: run make build"; exit 1; }
mkdir -p "$ARTIFACTS"

export CRASH_ROWS=${CRASH_ROWS:-100000}
export CRASH_KILLS=${CRASH_KILLS:-50}
export CRASH_BATCH=${CRASH_BATCH:-0}
export CRASH_BIN=$BIN
[ -z "${CRASH_SEED:-}" ] || export CRASH_SEED

go test -count=1 -run '^TestCrashKill9$' -v -timeout "${CRASH_TIMEOUT:-60m}" \
  -artifacts -outputdir "$ARTIFACTS" ./cmd/leadpipe |
  sed -E 's/^ +crash_test\.go:[0-9]+: //'

# Then the commands after import (score, dedupe, status set, convert), each
# killed CRASH_STAGE_KILLS times on a store of CRASH_ROWS leads
# (TestCrashKillStages).
export CRASH_STAGE_ROWS=${CRASH_STAGE_ROWS:-$CRASH_ROWS}
export CRASH_STAGE_KILLS=${CRASH_STAGE_KILLS:-10}
go test -count=1 -run '^TestCrashKillStages$' -v -timeout "${CRASH_TIMEOUT:-60m}" ./cmd/leadpipe |
  sed -E 's/^ +crash_stages_test\.go:[0-9]+: //'

# And SIGINT/SIGTERM at random points of an import on an empty store,
# CRASH_INTERRUPTS times (TestInterrupt): exit 130, a consistent store, and
# the re-run converges.
export CRASH_INTERRUPTS=${CRASH_INTERRUPTS:-20}
go test -count=1 -run '^TestInterrupt$' -v -timeout "${CRASH_TIMEOUT:-60m}" ./cmd/leadpipe |
  sed -E 's/^ +crash_stages_test\.go:[0-9]+: //'
