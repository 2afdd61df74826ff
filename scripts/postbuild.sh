#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): the rule packs, then the page's
# Content Security Policy, manifest of packs and service worker.
#
# 1. yanglao-pack compiles rules/*.toml (or $YANGLAO_RULES_DIR) into one pack
#    per province and the picker's search index, in Trunk's staging folder:
#    the wasm holds no rules, so it does not grow with the number of lists.
# 2. The rules workbench (crates/workbench), the staff's page, is built as a
#    bundle of its own into workbench/: the checker's first load never holds
#    it. YANGLAO_WORKBENCH=0 leaves it out (a build measured for size only).
# 3. scripts/postbuild.py names the packs by content hash, writes their names
#    and integrity into index.html, renders the start page ahead into it
#    (crates/prerender), and writes the CSPs and sw.js.
#
# YANGLAO_EMBED_REGION=410726 (a portal build) also writes that region's
# province pack into index.html, so the embedded checker makes no request for it.
set -euo pipefail
cd "$(dirname "$0")/.."
staging="${TRUNK_STAGING_DIR:-dist}"
cargo run -q --release -p yanglao-pack -- --rules "${YANGLAO_RULES_DIR:-rules}" --out "$staging"
if [ "${YANGLAO_WORKBENCH:-1}" != 0 ]; then
    staging_abs=$(cd "$staging" && pwd)
    release=()
    [ "${TRUNK_PROFILE:-release}" = debug ] || release=(--release)
    mkdir -p target
    # The checker's styles, which the preview uses (the checker's build made them already).
    bash scripts/prebuild.sh
    # The outer build's TRUNK_* variables would steer this build: drop them.
    if ! env -u TRUNK_STAGING_DIR -u TRUNK_DIST_DIR -u TRUNK_PUBLIC_URL -u TRUNK_HTML_FILE \
        -u TRUNK_SOURCE_DIR -u TRUNK_PROFILE -u TRUNK_CONFIG \
        trunk --config crates/workbench/Trunk.toml build "${release[@]}" --offline \
        --dist "$staging_abs/workbench" >target/workbench-build.log 2>&1; then
        tail -30 target/workbench-build.log >&2
        echo "postbuild: the workbench build failed (target/workbench-build.log)" >&2
        exit 1
    fi
fi
# The start page rendered ahead (crates/prerender, built and run by postbuild.py).
YANGLAO_PRERENDER=1 exec python3 scripts/postbuild.py "$staging"
