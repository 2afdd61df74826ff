#!/usr/bin/env bash
# Short fuzz runs of the rule-file loader, the condition language, the
# answers readers and the hand-off link (URL fragment) reader (libFuzzer
# via cargo-fuzz on the stable toolchain). The corpus is kept in fuzz/corpus;
# a crash found becomes a regression test in crates/core/tests.
#
#   ./scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
# cargo-fuzz passes sanitizer flags that stable rustc accepts only with this.
export RUSTC_BOOTSTRAP=1
for target in rule_file condition answers fragment; do
    echo "== fuzz $target for ${seconds}s"
    cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=4096 2>&1 |
        grep -E "^Done|ERROR|SUMMARY|panicked" || true
    if ls artifacts/"$target"/crash-* >/dev/null 2>&1; then
        echo "fuzz: $target found a crash: see fuzz/artifacts/$target" >&2
        exit 1
    fi
done
