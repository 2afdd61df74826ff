#!/usr/bin/env bash
# End-to-end tests in headless Chromium (playwright-core), and a whole check in
# Firefox ESR and WebKitGTK over WebDriver (browsers.test.mjs), against the release
# build served as a deployment would serve it (scripts/serve-dist.py):
# offline use, privacy, the portal embed, the accessibility audit, sizes,
# keyboard use, read-aloud, a second deployment. Installs playwright-core and
# axe-core (pinned) into .tools/ when missing; serves dist/ on a free port and
# passes its address to each test as APP_URL; stops the servers on exit.
#
#   ./scripts/e2e.sh              builds dist/ first
#   ./scripts/e2e.sh --no-build   uses dist/ as it is (the test command builds it just before)
#   ./scripts/e2e.sh privacy      runs only tests/e2e/privacy.test.mjs
#   ./scripts/e2e.sh --script F   runs one other script with the servers up (screenshots)
#
# Each test file prints its own lines; a summary line per file comes at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/binaryen/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

build=1
only=()
script=""
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0 ;;
        --script) script="$2"; shift ;;
        *) only+=("$1") ;;
    esac
    shift
done

# The node packages (pinned; installed only when missing).
./scripts/e2e-packages.sh >/dev/null
[ -x /usr/bin/chromium ] || { echo "e2e: no /usr/bin/chromium: run ./scripts/setup.sh" >&2; exit 1; }

if [ "$build" = 1 ]; then
    mkdir -p target
    trunk build --release --offline >"$PWD/target/e2e-build.log" 2>&1 || { tail -20 target/e2e-build.log; echo "e2e: trunk build failed" >&2; exit 1; }
fi
[ -f dist/index.html ] || { echo "e2e: no dist/index.html: build first (trunk build --release --offline)" >&2; exit 1; }

logs=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$logs"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Serves a folder on a free port (the server picks it) and sets $served to its
# address. Called directly, never in $(...): a subshell's pids+= would be lost
# and the trap would leave the server running.
served=""
serve() {
    local log="$logs/$2.log"
    python3 scripts/serve-dist.py "$1" 0 >"$log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 100); do
        served=$(sed -n 's/^serving //p' "$log" | head -n1)
        [ -n "$served" ] && return
        sleep 0.1
    done
    echo "e2e: the server for $1 did not start: $(cat "$log")" >&2
    exit 1
}
# The app, and the repository (for examples/portal.html) on another origin:
# a portal is never the checker's own site. The tests read both addresses
# from the environment (tests/e2e/lib.mjs).
export APP_URL REPO_URL
serve dist app
APP_URL=$served
serve . repo
REPO_URL=${served/127.0.0.1/localhost}

if [ -n "$script" ]; then
    node "$script"
    exit
fi

files=()
if [ ${#only[@]} -gt 0 ]; then
    for name in "${only[@]}"; do
        [ -f "tests/e2e/$name.test.mjs" ] || { echo "e2e: no tests/e2e/$name.test.mjs" >&2; exit 2; }
        files+=("tests/e2e/$name.test.mjs")
    done
else
    files=(tests/e2e/*.test.mjs)
fi
results=()
failed=0
for file in "${files[@]}"; do
    echo "==> $file"
    start=$(date +%s)
    # A hung browser must not hang the test command: 10 minutes per file at most.
    if timeout --kill-after=10 600 node "$file"; then
        results+=("$(printf '    %-32s ok (%ds)' "$(basename "$file")" $(($(date +%s) - start)))")
    else
        results+=("$(printf '    %-32s FAILED (%ds)' "$(basename "$file")" $(($(date +%s) - start)))")
        failed=1
    fi
done
echo "==> e2e summary"
printf '%s\n' "${results[@]}"
exit "$failed"
