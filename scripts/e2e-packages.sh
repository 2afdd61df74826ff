#!/usr/bin/env bash
# The end-to-end tests' node packages, pinned: playwright-core drives the
# system Chromium (it never downloads a browser of its own) and axe-core
# audits accessibility. Installed into .tools/ (beside binaryen) only when
# missing or at another version. Called by scripts/setup.sh and scripts/e2e.sh.
# Prints one line; exits 1 with the reason when the install fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PLAYWRIGHT_VERSION=1.49.1
AXE_VERSION=4.10.2
pkg_version() { node -p "require('./.tools/node_modules/$1/package.json').version" 2>/dev/null || true; }
wanted=()
[ "$(pkg_version playwright-core)" = "$PLAYWRIGHT_VERSION" ] || wanted+=("playwright-core@$PLAYWRIGHT_VERSION")
[ "$(pkg_version axe-core)" = "$AXE_VERSION" ] || wanted+=("axe-core@$AXE_VERSION")
if [ ${#wanted[@]} -eq 0 ]; then
    printf '%-22s %s\n' "e2e packages" "already present (playwright-core $PLAYWRIGHT_VERSION, axe-core $AXE_VERSION)"
    exit 0
fi
mkdir -p .tools
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix .tools --no-audit --no-fund --silent --save-exact "${wanted[@]}" ||
    { echo "e2e packages: npm install ${wanted[*]} failed" >&2; exit 1; }
[ "$(pkg_version playwright-core)" = "$PLAYWRIGHT_VERSION" ] && [ "$(pkg_version axe-core)" = "$AXE_VERSION" ] ||
    { echo "e2e packages: installed ${wanted[*]} but .tools/node_modules does not have the pinned versions" >&2; exit 1; }
printf '%-22s %s\n' "e2e packages" "installed (${wanted[*]})"
