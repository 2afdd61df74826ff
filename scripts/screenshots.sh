#!/usr/bin/env bash
# Screenshots of every screen into docs/screenshots/ (phone 390×844 and kiosk
# 1080×1920), from the release build, with the check date pinned.
#
#   ./scripts/screenshots.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
# The e2e runner builds (unless --no-build), serves the app and the repository
# on two origins, and runs the script with their addresses.
exec ./scripts/e2e.sh "$@" --script tests/e2e/screenshots.mjs
