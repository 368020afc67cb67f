# twir-search: two commands do everything on a fresh machine.
#   make serve  - install what is missing, build the index from the archive, serve the app
#   make test   - install what is missing, then fmt, clippy, native tests, release build, browser tests
# Every install step checks first and says what it installs.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

TRUNK_VERSION := 0.21.14
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

.PHONY: serve test bench bench-compare tools browser-tools index site site-subpath fmt-check clippy native-test browser-test dist clean

serve: tools index
	trunk serve --release

test: tools browser-tools fmt-check clippy native-test site site-subpath browser-test

tools:
	@if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
	  echo "installing: rust target wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown
	fi
	if ! trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)"; then
	  echo "installing: trunk $(TRUNK_VERSION) (about 9 minutes)"; cargo install --locked trunk --version $(TRUNK_VERSION)
	fi
	if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $(WASM_BINDGEN_VERSION)"; then
	  echo "installing: wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes)"
	  cargo install wasm-bindgen-cli --version "=$(WASM_BINDGEN_VERSION)"
	fi
	if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -x node_modules/.bin/pagefind ]; then
	  echo "installing: npm binaryen (wasm-opt 132), playwright-core and pagefind"; npm ci --no-audit --no-fund
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

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

native-test:
	cargo test --workspace

browser-test:
	node --test tests/*.test.mjs

# Figures, not tests: build time and memory, sizes, cold start on three networks, query
# latency per keystroke and memory in Chromium. Writes bench/results.json.
bench: tools browser-tools site
	node bench/run.mjs

# twir-search against Pagefind (npm `pagefind`, its own binary) on the same archive, in
# the same Chromium run: the issues rendered as the site's pages and indexed by Pagefind;
# build, sizes, cold start, per-query latency, and whether typo, phrase and filter queries
# find what they should. Writes bench/compare.md (kept in git) and bench/compare.json.
bench-compare: tools browser-tools site
	node bench/compare.mjs

clean:
	rm -rf dist dist-search $(DATA)
