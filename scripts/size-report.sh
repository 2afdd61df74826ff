#!/usr/bin/env bash
# Prints each file of the release bundle (dist/) with its raw and gzip -9
# size, and the gzipped total; fails if the total exceeds the budget.
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

total_raw=0
total_gz=0
printf '%-48s %10s %10s\n' "file" "bytes" "gzip -9"
while IFS= read -r -d '' file; do
    raw=$(wc -c <"$file")
    gz=$(gzip -9 -c "$file" | wc -c)
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
    printf '%-48s %10d %10d\n' "${file#"$DIST"/}" "$raw" "$gz"
done < <(find "$DIST" -type f -print0 | sort -z)

[ "$total_gz" -gt 0 ] || {
    echo "size-report: $DIST/ is empty" >&2
    exit 1
}
kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
printf '%-48s %10d %10d\n' "total" "$total_raw" "$total_gz"
echo "bundle: $(kib "$total_gz") KiB gzipped in total ($(kib "$total_raw") KiB raw); budget $BUDGET_KIB KiB"
if [ "$total_gz" -gt $((BUDGET_KIB * 1024)) ]; then
    echo "size-report: FAILED: the bundle is $(kib "$total_gz") KiB gzipped, over the $BUDGET_KIB KiB budget" >&2
    exit 1
fi
