#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): the rule packs, then the page's
# Content Security Policy, manifest of packs and service worker.
#
# 1. yanglao-pack compiles rules/*.toml (or $YANGLAO_RULES_DIR) into one pack
#    per province and the picker's search index, in Trunk's staging folder:
#    the wasm holds no rules, so it does not grow with the number of lists.
# 2. scripts/postbuild.py names them by content hash, writes their names and
#    integrity into index.html, and writes the CSP and sw.js.
#
# YANGLAO_EMBED_REGION=410726 (a portal build) also writes that region's
# province pack into index.html, so the embedded checker makes no request for it.
set -euo pipefail
cd "$(dirname "$0")/.."
staging="${TRUNK_STAGING_DIR:-dist}"
cargo run -q --release -p yanglao-pack -- --rules "${YANGLAO_RULES_DIR:-rules}" --out "$staging"
exec python3 scripts/postbuild.py "$staging"
