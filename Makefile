# twir-search: two commands do everything on a fresh machine.
#   make serve  - install what is missing, build the index and the site, serve it at :8080
#   make test   - install what is missing, then fmt, clippy, unused dependencies, native tests, release build, the
#                 newsletter site with the search in it (make twir-site), browser tests
# Every install step checks first and says what it installs.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

TRUNK_VERSION := 0.21.14
CARGO_FUZZ_VERSION := 0.13.1
CARGO_MACHETE_VERSION := 0.9.2
# wasm-bindgen-cli must equal the wasm-bindgen that Cargo.lock pins.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3}' Cargo.lock)
DATA := public/data
# Where the site will be served: `./` works at any path; `make dist BASE=/search/` fixes it.
BASE ?= ./
CACHE := .cache
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# The archive: ARCHIVE=... if given, else ../shared's copy, else a shallow clone of upstream.
ifeq ($(origin ARCHIVE), undefined)
  ifneq ($(wildcard ../shared/twir-archive/content),)
    ARCHIVE := ../shared/twir-archive/content
  else
    ARCHIVE := $(CACHE)/this-week-in-rust/content
  endif
endif

.PHONY: unused-deps serve test bench bench-compare fuzz fuzz-cmin fuzz-tools tools browser-tools index site site-subpath twir-site fmt-check clippy native-test browser-test dist clean

# The finished site (the first view's latest issue and _headers are written by
# finish-site), served as a host would: brotli, the Content-Security-Policy.
serve: tools site
	node tests/serve.mjs dist 8080

test: tools browser-tools fmt-check clippy unused-deps native-test site site-subpath twir-site browser-test

tools:
	@if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
	  echo "installing: rust target wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown
	fi
	if ! trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)"; then
	  echo "installing: trunk $(TRUNK_VERSION) (about 9 minutes)"; cargo install --locked trunk --version $(TRUNK_VERSION)
	fi
	if ! cargo machete --version 2>/dev/null | grep -qx "$(CARGO_MACHETE_VERSION)"; then
	  echo "installing: cargo-machete $(CARGO_MACHETE_VERSION) (about 2 minutes)"; cargo install --locked cargo-machete --version $(CARGO_MACHETE_VERSION)
	fi
	if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $(WASM_BINDGEN_VERSION)"; then
	  echo "installing: wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes)"
	  cargo install wasm-bindgen-cli --version "=$(WASM_BINDGEN_VERSION)"
	fi
	if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/pagefind ] || [ ! -x node_modules/.bin/lighthouse ]; then
	  echo "installing: npm binaryen (wasm-opt 132), playwright-core, pagefind and lighthouse 12.2.3"; npm ci --no-audit --no-fund
	fi

browser-tools:
	@if ! command -v chromium >/dev/null; then
	  echo "installing: Debian chromium"
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo)
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium
	fi

$(CACHE)/this-week-in-rust/content:
	@echo "fetching the archive: shallow clone of github.com/rust-lang/this-week-in-rust"
	git clone --depth 1 https://github.com/rust-lang/this-week-in-rust $(CACHE)/this-week-in-rust

index: $(if $(findstring $(CACHE),$(ARCHIVE)),$(ARCHIVE))
	cargo run --release -q -p index-builder -- build --archive "$(ARCHIVE)" --out $(DATA)

site: index
	trunk build --release
	cargo run --release -q -p index-builder -- finish-site dist

# The site built for the sub-path /search/, for the browser test of base paths.
site-subpath: index
	trunk build --release --public-url /search/ --dist dist-search
	cargo run --release -q -p index-builder -- finish-site dist-search

# The finished static site for hosting: dist/ with .br/.gz beside every file and _headers.
dist: tools index
	trunk build --release --public-url $(BASE)
	cargo run --release -q -p index-builder -- finish-site dist
	@echo "dist/ is ready for any static host (see README: hosting)"

# this-week-in-rust.org with the search in it: ../shared's copy of the site's build files,
# integrations/twir-site/search.patch applied, built by Pelican (in its own virtual
# environment, from the site's requirements.txt) from the archive; the plugin puts the app
# (site-subpath) and an index built from the same content under output/search/.
TWIR_SITE_SRC ?= ../shared/twir-site
TWIR_SITE := $(CACHE)/twir-site
TWIR_VENV := $(CACHE)/twir-site-venv
twir-site: site-subpath
	@if [ ! -f $(TWIR_SITE_SRC)/pelicanconf.py ]; then
	  echo "twir-site: no site build files at $(TWIR_SITE_SRC) (TWIR_SITE_SRC=...)"; exit 1
	fi
	if [ ! -x $(TWIR_VENV)/bin/pelican ]; then
	  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
	    echo "installing: Debian python3-venv"
	    SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo)
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv
	  fi
	  echo "installing: a Python virtual environment with the site's requirements.txt (about 15 s)"
	  rm -rf $(TWIR_VENV); python3 -m venv $(TWIR_VENV)
	  $(TWIR_VENV)/bin/pip install -q -r $(TWIR_SITE_SRC)/requirements.txt
	fi
	rm -rf $(TWIR_SITE); mkdir -p $(CACHE); cp -r $(TWIR_SITE_SRC) $(TWIR_SITE)
	# The copy is inside this repository: the ceiling keeps git apply from taking it
	# for a sub-folder of ours.
	(cd $(TWIR_SITE) && GIT_CEILING_DIRECTORIES=$(abspath $(CACHE)) git apply --verbose $(CURDIR)/integrations/twir-site/search.patch)
	ln -sfn $(abspath $(ARCHIVE)) $(TWIR_SITE)/content
	(cd $(TWIR_SITE) && TWIR_SEARCH_APP=$(CURDIR)/dist-search \
	  TWIR_SEARCH_INDEX_BUILDER=$(CURDIR)/target/release/index-builder \
	  $(CURDIR)/$(TWIR_VENV)/bin/pelican content -s pelicanconf.py -o output)
	@echo "$(TWIR_SITE)/output is the site with its search under /search/"

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

# No dependency that no code uses (cargo-machete reads each crate's sources).
unused-deps:
	cargo machete

native-test:
	cargo test --workspace

# A test that hangs fails after 3 minutes instead of holding CI.
browser-test:
	node --test --test-timeout=180000 tests/*.test.mjs

# Figures, not tests: build time and memory, sizes, cold start on three networks, query
# latency per keystroke through the engine's worker, main-thread long tasks while loading
# and typing, memory, and Lighthouse (mobile and desktop) in Chromium (writes
# bench/results.json); then the slowest of 1,051 hostile queries, natively.
bench: tools browser-tools site
	node bench/run.mjs
	cargo run --release -q -p index-builder --example bench_hostile

# twir-search against Pagefind (npm `pagefind`, its own binary) on the same archive, in
# the same Chromium run: the issues rendered as the site's pages and indexed by Pagefind;
# build, sizes, cold start, per-query latency, and whether typo, phrase and filter queries
# find what they should. Writes bench/compare.md (kept in git) and bench/compare.json.
bench-compare: tools browser-tools site
	node bench/compare.mjs

# Coverage-guided fuzzing, not a test: each of the four targets (fuzz/src) under libFuzzer
# for FUZZ_RUNS inputs (default 1,000,000), two at a time; prints inputs tried, coverage,
# crashes and hangs (fuzz/run.sh). make test replays the seeds and the kept inputs.
fuzz: fuzz-tools
	fuzz/run.sh

# Minimises each fuzz corpus (.cache/fuzz/corpus) to the inputs that keep its coverage.
fuzz-cmin: fuzz-tools
	fuzz/run.sh cmin

fuzz-tools:
	@if ! cargo fuzz --version 2>/dev/null | grep -q "cargo-fuzz $(CARGO_FUZZ_VERSION)"; then
	  echo "installing: cargo-fuzz $(CARGO_FUZZ_VERSION) (about 1 minute)"
	  cargo install --locked cargo-fuzz --version $(CARGO_FUZZ_VERSION)
	fi

clean:
	rm -rf dist dist-search $(DATA)
