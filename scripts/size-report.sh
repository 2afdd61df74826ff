#!/usr/bin/env bash
# Prints each file of the release bundle (dist/) with its raw and gzip -9
# size: first what the first load of the page transfers (the page, its CSS,
# JS and wasm, the manifest, the service worker, embed.js, the icon), then
# what is loaded on demand (the rule packs, one per province, and the
# picker's search index), and apart the catalogue published (list/*.html,
# catalogue.json and its schema: pages of their own, never loaded by the
# app). Fails if the first load exceeds the budget.
#
#   ./scripts/size-report.sh [dist-folder]      (budget: YANGLAO_BUDGET_KIB, default 250)
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-dist}
BUDGET_KIB=${YANGLAO_BUDGET_KIB:-250}

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
echo "on demand: largest $largest, $(kib "$largest_gz") KiB gzipped"
echo "bundle: $(kib "$first_gz") KiB gzipped first load ($(kib "$first_raw") KiB raw); budget $BUDGET_KIB KiB; on demand $(kib "$demand_gz") KiB in $demand_n files"
if [ "$first_gz" -gt $((BUDGET_KIB * 1024)) ]; then
    echo "size-report: FAILED: the first load is $(kib "$first_gz") KiB gzipped, over the $BUDGET_KIB KiB budget" >&2
    exit 1
fi
