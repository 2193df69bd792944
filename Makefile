# leadpipe build and test entry points. `make test` is what CI runs.
GO       ?= go
BIN      := bin/leadpipe
PKGS     := ./...
FUZZTIME ?= 10s
BENCH_ROWS ?= 1000000

.PHONY: all build test vet demo bench bench-go bench-e2e bench-dedupe bench-pipeline eval fuzz fixtures clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/leadpipe

vet:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

test: vet
	$(GO) test -count=1 $(PKGS)

# demo imports the bundled fixtures into a fresh store and prints the summary.
# Exit code 3 (some rows rejected, the rest committed) is the expected result:
# the fixtures contain rows that cannot be imported, on purpose.
demo: build
	@mkdir -p .demo && rm -f .demo/leadpipe.db
	@cd .demo && ../$(BIN) import --no-progress --rejects rejects.csv --row-report rows.csv \
	    ../fixtures/messe-hannover-2026.csv ../fixtures/targi-poznan-2026.csv \
	    ../fixtures/outlook-contacts.csv ../fixtures/webform-export.xlsx; \
	  rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 3 ] || exit $$rc
	@echo; echo "rejected rows: .demo/rejects*.csv   per-row outcomes: .demo/rows.csv"; echo
	@cd .demo && ../$(BIN) leads list

# bench runs the Go benchmarks and the end-to-end import benchmark at
# BENCH_ROWS rows (data goes to a temp dir); see BENCHMARKS.md.
bench: bench-go bench-e2e bench-dedupe bench-pipeline

bench-go:
	$(GO) test -run='^$$' -bench=. -benchmem $(PKGS)

bench-e2e: build
	BENCH_ROWS=$(BENCH_ROWS) scripts/bench.sh

# bench-pipeline runs import, dedupe, score, status set and convert on
# 100k and 1M generated rows (BENCH_SIZES) and prints each stage's cost.
bench-pipeline: build
	scripts/bench_pipeline.sh

# bench-dedupe measures fuzzy matching against exact keys and the DuckDB
# SQL dedupe peer, and the candidate pairs per row at 100k/300k/BENCH_ROWS.
bench-dedupe: build
	BENCH_ROWS=$(BENCH_ROWS) scripts/bench_dedupe.sh

# eval measures dedupe quality: pairwise precision, recall and F1 on the
# corpus's record-linkage sets and on EVAL_ROWS generated leads (temp dir).
EVAL_ROWS ?= 100000
eval: build
	$(GO) run ./eval -bin $(BIN) -n $(EVAL_ROWS)

# fuzz runs every fuzz target for FUZZTIME, one target per go test call.
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$t"; \
	    $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=2s $$pkg; \
	  done; \
	done

# crashtest kills an import of CRASH_ROWS generated leads with kill -9 at
# CRASH_KILLS random points, re-runs it, checks the store after each kill and
# compares the result with one uninterrupted import (data in a temp dir).
# Then score, dedupe, status set and convert, each killed CRASH_STAGE_KILLS
# times. `make test` runs the same tests at CI size (5,000 rows, 8 kills;
# 3 kills per later command).
CRASH_ROWS  ?= 100000
CRASH_KILLS ?= 50
.PHONY: crashtest
crashtest: build
	CRASH_ROWS=$(CRASH_ROWS) CRASH_KILLS=$(CRASH_KILLS) scripts/crashtest.sh

fixtures:
	$(GO) run fixtures/gen.go

clean:
	rm -rf bin .demo
