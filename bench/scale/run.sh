#!/usr/bin/env bash
# The scale benchmark of issue 13 in one command: how the build, the packs,
# the page and the command line grow from the five real rule files to a
# synthetic catalogue of 3,255 (bench/scale/gen.py). A report, not a test:
# nothing fails on a slow number (it fails only when something breaks: a
# generated file that does not pass `rules check`, a build that fails).
# See bench/scale/README.md.
#
#   bench/scale/run.sh [--no-build] [--runs N] [--rate N]
#
#   --no-build   reuse the two builds of the last run (target/scale/dist-real,
#                target/scale/dist-synthetic); build times are then not measured
#   --runs N     page loads per build in the browser part, default 5
#   --rate N     CPU slow-down in the browser part, default 4
#
# Prints a markdown table; writes target/scale/report.json (every figure)
# and target/scale/report.md (the tables). Raw outputs go to target/scale/raw/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

BUILD=1
RUNS=5
RATE=4
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) BUILD=0 ;;
        --runs) RUNS="${2:?--runs needs a number}"; shift ;;
        --rate) RATE="${2:?--rate needs a number}"; shift ;;
        -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "scale: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
for n in "$RUNS" "$RATE"; do
    case "$n" in '' | *[!0-9]* | 0) echo "scale: --runs and --rate take a positive number" >&2; exit 2 ;; esac
done

say() { printf 'scale: %s\n' "$*" >&2; }
fail() { printf 'scale: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }

export PATH="$ROOT/.tools/node_modules/binaryen/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
for tool in cargo node python3 gzip; do
    command -v "$tool" >/dev/null || fail "$tool is needed and not on PATH"
done

OUT="$ROOT/target/scale"
RAW="$OUT/raw"
rm -rf "$RAW"
mkdir -p "$RAW"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/yanglao-scale.XXXXXX")
SERVERS=()
cleanup() {
    for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
SYN="$WORK/synthetic"
REAL="$ROOT/rules"

# 1. Tools: Trunk, wasm-bindgen, binaryen, Chromium, playwright-core
#    (scripts/setup.sh skips what is there); hyperfine from Debian if it can.
if [ "$BUILD" = 1 ]; then
    ./scripts/setup.sh >&2 || fail "scripts/setup.sh failed"
else
    [ -x /usr/bin/chromium ] || fail "no /usr/bin/chromium: run scripts/setup.sh"
    ./scripts/e2e-packages.sh >&2 || fail "the playwright-core install failed"
fi
if ! command -v hyperfine >/dev/null; then
    say "hyperfine not found: trying apt-get install hyperfine"
    { apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; }; } ||
        say "no hyperfine: timing with a loop of date +%s%N instead"
fi
say "building the command line (cargo build --release --bin yanglao) and yanglao-pack"
cargo build -q --release -p yanglao-cli -p yanglao-pack >&2 || fail "cargo build of yanglao / yanglao-pack failed"
YANGLAO="$ROOT/target/release/yanglao"
PACK="$ROOT/target/release/yanglao-pack"

# 2. The synthetic catalogue.
t0=$(now)
python3 "$HERE/gen.py" "$SYN" 2> "$RAW/gen.txt" || { cat "$RAW/gen.txt" >&2; fail "gen.py failed"; }
t1=$(now)
echo "$t0 $t1" > "$RAW/gen-time.txt"
cat "$RAW/gen.txt" >&2

# Times a command: mean, median, min and max of RUNS runs after WARMUP
# untimed ones (default 1), as JSON in $RAW/NAME.json.
#   timeit NAME RUNS COMMAND [WARMUP]   (COMMAND is run by a shell)
timeit() {
    local name=$1 runs=$2 cmd=$3 warmup=${4:-1}
    if command -v hyperfine >/dev/null; then
        # Through a shell (for the < redirect); hyperfine subtracts the shell's own start-up.
        hyperfine --style none --warmup "$warmup" --runs "$runs" --export-json "$RAW/$name.json" "$cmd" >/dev/null ||
            fail "timing $name failed: $cmd"
    else
        for _ in $(seq "$warmup"); do bash -c "$cmd" >/dev/null 2>&1 || true; done
        local times=()
        for _ in $(seq "$runs"); do
            local a b
            a=$(date +%s%N)
            bash -c "$cmd" >/dev/null 2>&1 || true
            b=$(date +%s%N)
            times+=("$(( (b - a) / 1000 ))")
        done
        python3 -c 'import json,sys; t=[int(x)/1e6 for x in sys.argv[2:]]; json.dump({"results":[{"command":sys.argv[1],"times":t,"mean":sum(t)/len(t),"min":min(t),"median":sorted(t)[len(t)//2]}]}, open(sys.argv[1],"w"))' \
            "$RAW/$name.json" "${times[@]}"
    fi
}

# 3. `rules check`: every file valid and every case passing (the synthetic
#    catalogue must pass: that is part of the report), then its time.
say "rules check on the synthetic catalogue (every file, every case)"
"$YANGLAO" rules check --rules "$SYN" > "$RAW/rules-check-synthetic.txt" 2>&1 ||
    { tail -20 "$RAW/rules-check-synthetic.txt" >&2; fail "the synthetic catalogue does not pass rules check (see $RAW/rules-check-synthetic.txt)"; }
tail -1 "$RAW/rules-check-synthetic.txt" >&2
"$YANGLAO" rules check --rules "$REAL" > "$RAW/rules-check-real.txt" 2>&1 || fail "rules/ does not pass rules check"
say "timing rules check and check"
timeit rules-check-real 10 "$YANGLAO rules check --rules $REAL"
# (The check above read every synthetic file once: the page cache is warm.)
timeit rules-check-synthetic 3 "$YANGLAO rules check --rules $SYN" 0
timeit rules-check-builtin 10 "$YANGLAO rules check"
# 4. `check`: one person (72, alone) in 410726 延津县 (real) or 410725 原阳县
#    (synthetic: 延津 is not in the synthetic catalogue, its neighbour is), on
#    the cases' date. Start-up is nearly all of it: every file is read and checked.
echo '{"age": 72, "living": "alone", "lives_in_region": true}' > "$WORK/answers.json"
for region in 410726 410725; do
    "$YANGLAO" check --rules "$( [ $region = 410726 ] && echo "$REAL" || echo "$SYN")" --region $region --date 2026-11-22 --answers - \
        < "$WORK/answers.json" > "$RAW/check-$region.json" || fail "yanglao check --region $region failed"
done
timeit check-real 10 "$YANGLAO check --rules $REAL --region 410726 --date 2026-11-22 --answers - < $WORK/answers.json"
timeit check-synthetic 3 "$YANGLAO check --rules $SYN --region 410725 --date 2026-11-22 --answers - < $WORK/answers.json" 0
timeit check-builtin 20 "$YANGLAO check --region 410726 --date 2026-11-22 --answers - < $WORK/answers.json"
timeit pack-real 5 "$PACK --rules $REAL --out $WORK/pack-real"
timeit pack-synthetic 3 "$PACK --rules $SYN --out $WORK/pack-synthetic" 0

# 5. How well one list compresses alone: the pack of 河南 (41) with one real
#    list (410726) and with one synthetic list (410725), less the pack with none.
mkdir -p "$WORK/one-real" "$WORK/one-synthetic" "$WORK/none"
for d in one-real one-synthetic none; do cp "$REAL/terms.toml" "$WORK/$d/"; done
cp "$REAL/410726.toml" "$WORK/one-real/"
cp "$SYN/410725.toml" "$WORK/one-synthetic/"
for d in one-real one-synthetic none; do
    "$PACK" --rules "$WORK/$d" --out "$WORK/pack-$d" >/dev/null || fail "yanglao-pack on $d failed"
    cp "$WORK/pack-$d/packs/41.bin" "$RAW/alone-$d.bin"
done

# 6. The two builds: trunk build --release --offline --dist <tmp>, with
#    YANGLAO_RULES_DIR = rules/ and then the synthetic folder, each twice (the
#    second build touches nothing). Kept in target/scale/ for --no-build.
build() {
    local label=$1 dir=$2 dist=$3
    rm -rf "$dist"
    local a b
    a=$(now)
    YANGLAO_RULES_DIR="$dir" trunk build --release --offline --dist "$dist" > "$RAW/build-$label.log" 2>&1 ||
        { tail -30 "$RAW/build-$label.log" >&2; fail "trunk build ($label) failed: see $RAW/build-$label.log"; }
    b=$(now)
    echo "$a $b" > "$RAW/build-$label.time"
    say "build $label: $(python3 -c "print(f'{$b - $a:.1f} s')")"
}
if [ "$BUILD" = 1 ]; then
    build real-1 "$REAL" "$OUT/dist-real"
    build real-2 "$REAL" "$OUT/dist-real"
    build synthetic-1 "$SYN" "$OUT/dist-synthetic"
    build synthetic-2 "$SYN" "$OUT/dist-synthetic"
else
    [ -f "$OUT/dist-real/index.html" ] && [ -f "$OUT/dist-synthetic/index.html" ] ||
        fail "--no-build: no earlier builds in $OUT/dist-real and $OUT/dist-synthetic"
fi

# 7. The browser part: each build served by scripts/serve-dist.py on a free
#    port (started here, not in a subshell, so that the exit trap stops them).
serve() {
    local dist=$1 log=$2
    python3 scripts/serve-dist.py "$dist" 0 > "$log" 2>&1 &
    SERVERS+=("$!")
}
url_of() {
    for _ in $(seq 100); do
        grep -q '^serving ' "$1" 2>/dev/null && break
        sleep 0.1
    done
    grep -o 'http://[^ ]*' "$1" | head -1
}
serve "$OUT/dist-real" "$WORK/serve-real.log"
serve "$OUT/dist-synthetic" "$WORK/serve-synthetic.log"
URL_REAL=$(url_of "$WORK/serve-real.log")
URL_SYN=$(url_of "$WORK/serve-synthetic.log")
[ -n "$URL_REAL" ] && [ -n "$URL_SYN" ] || fail "scripts/serve-dist.py did not start"
# 河南 (41): the largest synthetic pack (196 lists); in the real build it has one (延津).
say "browser: $RUNS loads of each build, taking turns, at CPU ${RATE}x (first screen, search keystrokes, opening 河南)"
node "$HERE/browser.mjs" --urls "real=$URL_REAL,synthetic=$URL_SYN" --rate "$RATE" --runs "$RUNS" --province 41 \
    > "$RAW/browser.json" || fail "the browser part failed"
say "browser: the same at CPU 1x, 2 loads each (for comparison)"
node "$HERE/browser.mjs" --urls "real=$URL_REAL,synthetic=$URL_SYN" --rate 1 --runs 2 --province 41 \
    > "$RAW/browser-1x.json" || fail "the browser part (1x) failed"

# 8. RegionIndex::search natively (the ignored timing test in crates/core/src/regions.rs).
say "RegionIndex::search natively (cargo test --release … search_speed -- --ignored)"
cargo test -q -p yanglao-core --release --lib regions::tests::search_speed -- --ignored --nocapture \
    > "$RAW/search-native.txt" 2>&1 || { tail -20 "$RAW/search-native.txt" >&2; fail "the native search timing failed"; }

# 9. The report.
{
    echo "date $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "cores $(nproc)"
    echo "memory $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
    echo "os $(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "chromium $(/usr/bin/chromium --version 2>/dev/null | head -1)"
    echo "trunk $(trunk --version 2>/dev/null)"
    echo "rustc $(rustc --version)"
    echo "hyperfine $(hyperfine --version 2>/dev/null || echo none)"
    echo "load $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min, at the end)"
    echo "build $BUILD"
    echo "runs $RUNS"
    echo "rate $RATE"
} > "$RAW/machine.txt"
python3 "$HERE/report.py" "$OUT" "$SYN" "$REAL"
