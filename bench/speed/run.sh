#!/usr/bin/env bash
# The speed report in one command (a report, not a test: nothing fails on a
# slow number). See bench/speed/README.md.
#
#   bench/speed/run.sh [--no-build] [--runs N] [--step-runs N] [--task-runs N]
#
#   --no-build      reuse dist/ (the app, from `trunk build --release --offline`)
#                   and the empty app's last build (target/speed/empty-dist/)
#                   instead of building both
#   --runs N        Lighthouse pairs (app, empty), default 3
#   --step-runs N   step-timing runs per region and CPU rate, default 3
#   --task-runs N   traced first loads of each app for the long tasks' make-up
#                   (bench/speed/tasks.mjs), default 3
#
# Builds the release checker and the empty Yew app (bench/speed/empty-yew/)
# the same way, serves both gzip-encoded (bench/speed/serve-gzip.py), runs
# Lighthouse on both, the in-page step timing on the checker and a trace of
# both apps' first loads (what their long tasks are made of), and prints
# markdown tables; the raw numbers go to target/speed/report.json, the tables
# to target/speed/report.md. Installs what it needs (skipping what is there);
# never downloads a browser: it drives /usr/bin/chromium.
set -euo pipefail

SPEED="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SPEED/../.." && pwd)"
cd "$ROOT"

LIGHTHOUSE_VERSION=12.8.2 # the last Lighthouse that runs on Node 20 (13.x needs Node >= 22.19)
BUILD=1
RUNS=3
STEP_RUNS=3
TASK_RUNS=3
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) BUILD=0 ;;
        --runs) RUNS="${2:?--runs needs a number}"; shift ;;
        --step-runs) STEP_RUNS="${2:?--step-runs needs a number}"; shift ;;
        --task-runs) TASK_RUNS="${2:?--task-runs needs a number}"; shift ;;
        -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "speed: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
for n in "$RUNS" "$STEP_RUNS" "$TASK_RUNS"; do
    case "$n" in '' | *[!0-9]* | 0) echo "speed: --runs, --step-runs and --task-runs take a positive number" >&2; exit 2 ;; esac
done

say() { printf 'speed: %s\n' "$*" >&2; }
fail() { printf 'speed: %s\n' "$*" >&2; exit 1; }

export PATH="$ROOT/.tools/node_modules/binaryen/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROME_PATH=/usr/bin/chromium
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
for tool in node npm python3 gzip; do
    command -v "$tool" >/dev/null || fail "$tool is needed and not on PATH"
done

# 1. What it needs. Building needs everything scripts/setup.sh installs (Trunk,
#    wasm-bindgen-cli, binaryen, Chromium, playwright-core); it skips what is
#    there, so a second run takes seconds. --no-build needs only the browser
#    and the node packages.
if [ "$BUILD" = 1 ]; then
    ./scripts/setup.sh >&2 || fail "scripts/setup.sh failed"
else
    [ -x "$CHROME_PATH" ] || fail "no $CHROME_PATH: run scripts/setup.sh (it installs Debian's chromium)"
    ./scripts/e2e-packages.sh >&2 || fail "the playwright-core install failed"
fi
lh_version() { node -p "require('./.tools/node_modules/lighthouse/package.json').version" 2>/dev/null || true; }
if [ "$(lh_version)" = "$LIGHTHOUSE_VERSION" ]; then
    say "lighthouse $LIGHTHOUSE_VERSION already present"
else
    say "installing lighthouse@$LIGHTHOUSE_VERSION into .tools/"
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --silent --save-exact "lighthouse@$LIGHTHOUSE_VERSION" ||
        fail "npm install lighthouse@$LIGHTHOUSE_VERSION failed"
    [ "$(lh_version)" = "$LIGHTHOUSE_VERSION" ] || fail "lighthouse installed but .tools/ does not have $LIGHTHOUSE_VERSION"
fi

# 2. The two builds, the same way: trunk build --release --offline, the same
#    Trunk, wasm-bindgen and wasm-opt (binaryen 132), the same profile settings.
OUT="$ROOT/target/speed"
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/yanglao-speed.XXXXXX")
SERVERS=()
MEASURE=
cleanup() {
    if [ -n "$MEASURE" ]; then
        kill "$MEASURE" 2>/dev/null || true
        wait "$MEASURE" 2>/dev/null || true
    fi
    for pid in "${SERVERS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${SERVERS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

EMPTY_DIST="$OUT/empty-dist"
if [ "$BUILD" = 1 ]; then
    APP_DIST="$WORK/app"
    say "building the checker: trunk build --release --offline --dist $APP_DIST ($(trunk --version))"
    t0=$SECONDS
    trunk build --release --offline --dist "$APP_DIST" >"$OUT/build-app.log" 2>&1 ||
        { tail -n 30 "$OUT/build-app.log" >&2; fail "the checker's build failed (log: target/speed/build-app.log)"; }
    say "  built in $((SECONDS - t0)) s"
    say "building the empty Yew app (bench/speed/empty-yew/)"
    t0=$SECONDS
    (
        cd "$SPEED/empty-yew"
        CARGO_TARGET_DIR="$OUT/empty-yew-target" trunk build --release --offline --dist "$WORK/empty"
    ) >"$OUT/build-empty.log" 2>&1 ||
        { tail -n 30 "$OUT/build-empty.log" >&2; fail "the empty app's build failed (log: target/speed/build-empty.log)"; }
    say "  built in $((SECONDS - t0)) s"
    rm -rf "$EMPTY_DIST"
    cp -r "$WORK/empty" "$EMPTY_DIST"
else
    APP_DIST="$ROOT/dist"
    [ -f "$APP_DIST/index.html" ] || fail "--no-build: no dist/index.html; run 'trunk build --release --offline' first"
    [ -f "$EMPTY_DIST/index.html" ] || fail "--no-build: no $EMPTY_DIST/index.html; run once without --no-build"
    say "reusing dist/ and target/speed/empty-dist/"
fi

# 3. Both served gzip-encoded, each on a free port. The servers are children
#    of this shell, so the exit trap stops them.
serve() { # folder, name -> sets URL
    local log="$WORK/serve-$2.log"
    python3 "$SPEED/serve-gzip.py" "$1" 0 >"$log" 2>&1 &
    SERVERS+=($!)
    for _ in $(seq 100); do
        URL=$(sed -n 's/^serving //p' "$log")
        [ -n "$URL" ] && return 0
        kill -0 "${SERVERS[-1]}" 2>/dev/null || break
        sleep 0.1
    done
    cat "$log" >&2
    fail "the $2 server did not start"
}
serve "$APP_DIST" app
APP_URL=$URL
serve "$EMPTY_DIST" empty
EMPTY_URL=$URL
say "serving the checker at $APP_URL and the empty app at $EMPTY_URL"
enc=$(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%header{content-encoding}' "$APP_URL" 2>/dev/null || true)
[ -z "$enc" ] || [ "$enc" = gzip ] || fail "the server did not gzip the page (Content-Encoding: $enc)"

# Runs a measuring command, its output into a file, in the background with
# `wait`, so a TERM to this shell runs the trap at once (bash runs traps only
# between foreground commands). Returns the command's status.
measure() { # output file, command...
    local out=$1 status=0
    shift
    "$@" >"$out" &
    MEASURE=$!
    wait "$MEASURE" || status=$?
    MEASURE=
    return "$status"
}

# 4 and 5. Lighthouse, the step timing, the tables.
say "measuring ($RUNS Lighthouse pairs, $STEP_RUNS step runs per region and CPU rate; a few minutes)"
measure "$OUT/report.md" node "$SPEED/report.mjs" --app "$APP_URL" --empty "$EMPTY_URL" \
    --app-dist "$APP_DIST" --empty-dist "$EMPTY_DIST" --out "$OUT/report.json" --runs "$RUNS" --step-runs "$STEP_RUNS" ||
    fail "measuring failed (exit $?)"

# 6. What the long tasks are made of (bench/speed/tasks.mjs), the same builds.
say "tracing $TASK_RUNS first loads of each app at CPU 4x (the long tasks' make-up)"
measure "$WORK/tasks.md" node "$SPEED/tasks.mjs" --dist "$APP_DIST" --empty-dist "$EMPTY_DIST" --runs "$TASK_RUNS" ||
    fail "tracing the long tasks failed (exit $?)"
{ echo; cat "$WORK/tasks.md"; } >>"$OUT/report.md"
cat "$OUT/report.md"
