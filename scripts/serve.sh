#!/usr/bin/env bash
# Serves the app on http://127.0.0.1:8080 (release build, rebuilt on change),
# installing whatever is missing first.
#
#   ./scripts/serve.sh            (YANGLAO_PORT=9000 ./scripts/serve.sh for another port)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/.tools/node_modules/binaryen/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
PORT=${YANGLAO_PORT:-8080}
echo "serving on http://127.0.0.1:$PORT/ (Ctrl-C stops)"
# --offline: Trunk uses the pinned tools on PATH and never downloads.
# --no-autoreload: the page stays exactly the built bundle (no injected reload socket);
# Trunk still rebuilds when a file changes, reload the page to see it.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "$PORT"
