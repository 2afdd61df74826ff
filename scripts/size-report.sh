#!/usr/bin/env bash
# Prints each file of the release bundle (dist/) with its raw and gzip -9
# size: first what the first load of the page transfers (the page, its CSS,
# JS and wasm, the manifest, the service worker, embed.js, the icon), then
# what is loaded on demand (the rule packs, one per province, and the
# picker's search index), and apart the catalogue published (list/*.html,
# catalogue.json and its schema: pages of their own, never loaded by the
# app), and apart the rules workbench (workbench/: the staff's page, its own
# bundle, never loaded by the checker). Fails if the first load exceeds the
# budget, or if the checker's page refers to anything of the workbench.
#
# Then the wasm built against two catalogues: the one in dist/ (the real
# rule files, or $YANGLAO_RULES_DIR) and a second build, made here, against
# the synthetic catalogue of 3,255 rule files of the scale benchmark
# (bench/scale/gen.py, in a temporary folder; the build goes to
# target/size-synthetic/). Fails if their gzipped wasm differ by more than
# 2 KiB: the wasm holds no rules, so it must not grow with the catalogue.
# The second build takes 30-60 s (cargo rebuilds the app crate, as
# YANGLAO_RULES_DIR changed, and the post-build hook packs 3,255 files);
# YANGLAO_SIZE_SYNTHETIC=0 skips it.
#
#   ./scripts/size-report.sh [dist-folder]      (budget: YANGLAO_BUDGET_KIB, default 273)
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist}
# Raised from 250 on 2026-12-02: the vocabulary as data, the words of both
# languages in the engine, 怎么算的 and the decision diagrams took the first
# load from about 251 to 274.5 KiB. Issue 15's goal (150 KiB first load,
# 120 KiB wasm) is not met; lower this as the wasm is cut. Lowered to 276 the
# same day: the nine style sheets joined into one without their comments
# (scripts/prebuild.sh) took the first load to 274.1 KiB. Raised to 280 in
# the evening: the picker's in-place list and the results made in steps
# (issue 13 and 15's speed) took it from 275.5 to 278.9 KiB (wasm +3.3 KB
# gzipped: more of Yew's hooks and more DOM calls in the glue). A trade of
# bytes for speed, against issue 15's goal: win it back when the wasm is cut.
# Raised to 282 on 2026-12-07: the start page rendered ahead into
# index.html (issue 15, item 1: the picker shows before the wasm arrives)
# added 2.3 KB gzipped to index.html and its take-over 1.9 KB to the wasm
# (Yew's hydration would have added 16 KB); the JS glue minified by terser
# (-1.0 KB), SHA-256 instead of SHA-384 for the packs' integrity in the
# catalogue (-0.6 KB) and index.html without its comments (-0.45 KB) won
# back part: 279.2 -> 281.5 KiB. Lowered to 278 the same evening: wasm-opt
# no longer inlines every function that has one caller, whatever its size
# (index.html, data-wasm-opt-params: only those of at most 20 bytes), which
# took the wasm from 267,918 to 263,928 B gzipped and the first load to
# 277.7 KiB. Lowered to 274 late that evening: every sort of the browser's
# code became one sort of u64 keys (crates/core/src/order.rs; std's sort
# had put 22 KB of copies in the wasm, -7.1 KB gzipped), which paid for the
# take-over made in steps (src/stage.rs, +3.0 KB): first load 274.0 KiB
# (280,552 B), wasm 259,979 B. Lowered to 273 on 2026-12-08: a portal
# colour's contrast by the browser's Math.pow (Rust's powf brought libm's
# pow, 1.3 KB) and postcard's errors named by variant, not by their text:
# first load 272.8 KiB (279,320 B), wasm 258,727 B. (The same day a build
# was 2.4 KiB over: Trunk had named the JS glue with a 15-digit hash, and
# postbuild, looking for 16, left it unminified; fixed in postbuild.py.)
BUDGET_KIB=${YANGLAO_BUDGET_KIB:-273}

[ -d "$DIST" ] || {
    echo "size-report: no $DIST/ folder; run 'trunk build --release --offline' first" >&2
    exit 1
}
kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

first_raw=0
first_gz=0
demand_raw=0
demand_gz=0
demand_n=0
published_raw=0
published_gz=0
published_n=0
workbench_raw=0
workbench_gz=0
workbench_n=0
largest_gz=0
largest=""
printf '%-48s %10s %10s\n' "file" "bytes" "gzip -9"
while IFS= read -r -d '' file; do
    rel=${file#"$DIST"/}
    raw=$(wc -c <"$file")
    gz=$(gzip -9 -c "$file" | wc -c)
    case "$rel" in
        packs/* | regions-*.tsv)
            demand_raw=$((demand_raw + raw))
            demand_gz=$((demand_gz + gz))
            demand_n=$((demand_n + 1))
            if [ "$gz" -gt "$largest_gz" ]; then largest_gz=$gz; largest=$rel; fi
            ;;
        workbench/*)
            workbench_raw=$((workbench_raw + raw))
            workbench_gz=$((workbench_gz + gz))
            workbench_n=$((workbench_n + 1))
            ;;
        list/* | catalogue.json | catalogue.schema.json)
            published_raw=$((published_raw + raw))
            published_gz=$((published_gz + gz))
            published_n=$((published_n + 1))
            ;;
        *)
            first_raw=$((first_raw + raw))
            first_gz=$((first_gz + gz))
            printf '%-48s %10d %10d\n' "$rel" "$raw" "$gz"
            ;;
    esac
done < <(find "$DIST" -type f -print0 | sort -z)

[ "$first_gz" -gt 0 ] || {
    echo "size-report: $DIST/ is empty" >&2
    exit 1
}
printf '%-48s %10d %10d\n' "first load" "$first_raw" "$first_gz"
printf '%-48s %10d %10d\n' "on demand: $demand_n files (packs, search index)" "$demand_raw" "$demand_gz"
printf '%-48s %10d %10d\n' "published: $published_n files (list/, catalogue.json)" "$published_raw" "$published_gz"
printf '%-48s %10d %10d\n' "workbench: $workbench_n files (workbench/, own bundle)" "$workbench_raw" "$workbench_gz"
echo "on demand: largest $largest, $(kib "$largest_gz") KiB gzipped"
echo "bundle: $(kib "$first_gz") KiB gzipped first load ($(kib "$first_raw") KiB raw); budget $BUDGET_KIB KiB; on demand $(kib "$demand_gz") KiB in $demand_n files"
echo "workbench: $(kib "$workbench_gz") KiB gzipped in $workbench_n files, none of them in the checker's first load"
if grep -q 'workbench' "$DIST/index.html"; then
    echo "size-report: FAILED: the checker's index.html refers to the workbench" >&2
    exit 1
fi
if [ "$first_gz" -gt $((BUDGET_KIB * 1024)) ]; then
    echo "size-report: FAILED: the first load is $(kib "$first_gz") KiB gzipped, over the $BUDGET_KIB KiB budget" >&2
    exit 1
fi

# The wasm of a build folder: its raw and gzip -9 size.
wasm_of() {
    local w
    w=$(find "$1" -maxdepth 1 -name '*_bg.wasm' | head -n1)
    [ -n "$w" ] || {
        echo "size-report: no *_bg.wasm in $1/" >&2
        exit 1
    }
    echo "$(wc -c <"$w") $(gzip -9 -c "$w" | wc -c)"
}
read -r real_raw real_gz <<<"$(wasm_of "$DIST")"
real_label="the real rule files (${YANGLAO_RULES_DIR:-rules})"
if [ "${YANGLAO_SIZE_SYNTHETIC:-1}" = 0 ]; then
    echo "wasm: $real_gz B gzipped against $real_label; the synthetic build skipped (YANGLAO_SIZE_SYNTHETIC=0)"
    exit 0
fi
export PATH="$PWD/.tools/node_modules/binaryen/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
syn_dir=$(mktemp -d "${TMPDIR:-/tmp}/yanglao-size.XXXXXX")
trap 'rm -rf "$syn_dir"' EXIT
syn_dist=target/size-synthetic
mkdir -p target
echo "size-report: building against the synthetic catalogue (bench/scale/gen.py, then trunk build into $syn_dist/; 30-60 s)" >&2
python3 bench/scale/gen.py "$syn_dir/rules" >"$syn_dir/gen.log" 2>&1 || {
    cat "$syn_dir/gen.log" >&2
    echo "size-report: bench/scale/gen.py failed" >&2
    exit 1
}
files=$(find "$syn_dir/rules" -maxdepth 1 -name '[0-9]*.toml' | wc -l)
YANGLAO_WORKBENCH=0 YANGLAO_RULES_DIR="$syn_dir/rules" trunk build --release --offline --dist "$syn_dist" >target/size-synthetic.log 2>&1 || {
    tail -20 target/size-synthetic.log >&2
    echo "size-report: the synthetic build failed (target/size-synthetic.log)" >&2
    exit 1
}
read -r syn_raw syn_gz <<<"$(wasm_of "$syn_dist")"
diff_gz=$((syn_gz - real_gz))
printf '%-48s %10s %10s\n' "wasm, built against" "bytes" "gzip -9"
printf '%-48s %10d %10d\n' "$real_label" "$real_raw" "$real_gz"
printf '%-48s %10d %10d\n' "the synthetic catalogue ($files files)" "$syn_raw" "$syn_gz"
echo "wasm: $real_gz B gzipped against $real_label, $syn_gz B against the synthetic $files files ($(printf '%+d' "$diff_gz") B; at most 2 KiB)"
if [ "${diff_gz#-}" -gt 2048 ]; then
    echo "size-report: FAILED: the wasm built against the synthetic catalogue differs by $diff_gz B gzipped, over 2 KiB" >&2
    exit 1
fi
