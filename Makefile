# Groupwork. `make run` opens the app; `make test` runs every check.
# Both install the system packages they need first (Debian or Ubuntu).

# A UTF-8 locale for Fyne. Fyne reads the language from LANG's part
# before the dot, and "C" is none, so LANGUAGE names one (yours wins).
export LANG := C.UTF-8
export LANGUAGE ?= en
GO      ?= go
TAGS    := migrated_fynedo,no_emoji
GOFLAGS := -tags=$(TAGS)
export GOFLAGS
BIN     := bin/groupwork
FUZZTIME ?= 10s

.PHONY: all deps test-deps build run demo test fmt-check vet unit fuzz bench screenshots clean package-windows package-macos package-check

all: build

deps:
	@.ci/install-deps build

test-deps:
	@.ci/install-deps test

build: deps
	$(GO) build -o $(BIN) ./cmd/groupwork

# Opens the app on the default database in the per-user data folder.
run: build
	./$(BIN)

# Opens the app on a sample agency kept in demo.db, apart from real data.
demo: build
	@[ -f demo.db ] || ./$(BIN) --db demo.db demo
	./$(BIN) --db demo.db

test: test-deps fmt-check vet package-check unit fuzz

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# The store, the window and the CSV reader run under the race detector:
# saves, imports and backups run beside the UI goroutine there. The rest
# (command line, PDF rendering, packaging checks) runs as before.
RACE_PKGS := ./data ./ui ./internal/csvio

# The store's suite and the packages that read through it run a second
# time on an office database: a private PostgreSQL server each test
# binary starts in a temporary folder and stops (see internal/pgtest).
# Tests named TestOffice* make office databases of their own either way,
# so the second run skips them.
OFFICE_RACE_PKGS := ./data ./internal/csvio
OFFICE_PKGS      := ./internal/printout ./internal/cli
REQUIRE := GROUPWORK_REQUIRE_DISPLAY=1 GROUPWORK_REQUIRE_TOOLS=1 GROUPWORK_REQUIRE_POSTGRES=1

unit:
	$(REQUIRE) $(GO) test -race -count=1 -timeout 40m $(RACE_PKGS)
	$(REQUIRE) $(GO) test -count=1 -timeout 40m \
	  $$($(GO) list ./... | grep -v -x -e groupwork/data -e groupwork/ui -e groupwork/internal/csvio)
	$(REQUIRE) GROUPWORK_TEST_ENGINE=postgres $(GO) test -race -count=1 -timeout 40m -skip "^TestOffice" $(OFFICE_RACE_PKGS)
	$(REQUIRE) GROUPWORK_TEST_ENGINE=postgres $(GO) test -count=1 -timeout 40m $(OFFICE_PKGS)

# A short run of every fuzz target; the seed corpora run in `unit` too.
# Go 1.26's fuzz coordinator can report "context deadline exceeded" as the
# fuzz time runs out, having found nothing (go.dev/issue/75804, fixed in Go
# 1.27). A failure found by the target always writes its input under
# testdata/fuzz and says so; a run that ends on that message and wrote no
# input is told apart from one that did.
# -fuzzminimizetime 0: a short run explores instead of shrinking each new
# input it finds; shrinking took whole runs of the targets that write to a
# database (FuzzImportClients: 96 runs in ten seconds, 4,600 without). A
# failing input is still written, as found.
fuzz:
	@set -e; out=$$(mktemp); trap 'rm -f $$out' EXIT; \
	for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f"; \
	    if $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 0 $$pkg >$$out 2>&1; then cat $$out; \
	    elif grep -q 'context deadline exceeded' $$out && ! grep -q 'Failing input written' $$out; then \
	      cat $$out; echo "fuzz $$f: stopped by Go's fuzz time race (go.dev/issue/75804) with no failing input"; \
	    else cat $$out; exit 1; fi; \
	  done; \
	done

# Speed on ten years of a busy agency, as one table of each action, its
# medians of BENCHCOUNT runs and its goal: the queries and screens on both
# engines (the sample file, and a copy of it in an office database on a
# private PostgreSQL server over loopback TCP); the app's start and its
# memory with every screen visited, against a bare Fyne window started
# alternately under Xvfb; the export against the sqlite3 shell; and the
# large demo. BENCH=regexp picks benchmarks; BENCHOUTSIDE=false skips the
# programs.
BENCHCOUNT ?= 5
BENCH ?= .
BENCHOUTSIDE ?= true
bench: build test-deps
	@[ -f bench.db ] || ./$(BIN) --db bench.db demo --size large
	$(GO) run ./internal/enginebench -db $(CURDIR)/bench.db -count $(BENCHCOUNT) -bench '$(BENCH)' -outside=$(BENCHOUTSIDE)

# Pictures of the main screens for README.md, drawn by Fyne's software
# renderer from a fresh sample agency (no display needed).
screenshots: build
	@d=$$(mktemp -d) && ./$(BIN) --db $$d/sample.db demo >/dev/null && \
	GROUPWORK_SCREENSHOT_DB=$$d/sample.db GROUPWORK_SCREENSHOT_DIR=$(CURDIR)/assets/screenshots \
	$(GO) test -count=1 -run 'Screenshots$$' ./ui; s=$$?; rm -rf $$d; exit $$s

# The Windows app, cross-compiled here: dist/windows/Groupwork.exe, a zip
# and an installer to hand out. MESA_DIR=folder adds Mesa's software OpenGL
# (see README.md); SIGN_PFX=file.pfx SIGN_PASS_FILE=file [SIGN_TIMESTAMP=url]
# signs the program and the installer.
package-windows:
	@.ci/package windows

# The macOS app, dist/macos/Groupwork.app: on a Mac only.
package-macos:
	@.ci/package macos

# Builds the Windows app and checks it is a 64-bit GUI program that needs
# only DLLs Windows ships; runs its commands and its window under Wine,
# installs it over an older version and uninstalls it there, and signs it
# with a throwaway certificate.
package-check: package-windows test-deps
	GROUPWORK_WINDOWS_EXE=$(CURDIR)/dist/windows/Groupwork.exe GROUPWORK_REQUIRE_TOOLS=1 \
	$(GO) test -count=1 -v -timeout 30m -run '^(TestWindowsPackage|TestUnderWine|TestSignedPackage)$$' ./internal/pecheck ./internal/wintest

clean:
	rm -rf bin dist
