#!/usr/bin/env bash
# Installs what building, serving and testing the app need, skipping whatever
# is already there (a second run takes seconds). Works on a bare Debian 12
# machine with rustup/cargo, node + npm and python3; see shared/ENVIRONMENT.md.
#
#   ./scripts/setup.sh
#
# Prints one line per step; exits non-zero with the reason when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
BINARYEN_VERSION=132
BINARYEN_BIN="$ROOT/.tools/node_modules/binaryen/bin"
export PATH="$BINARYEN_BIN:$CARGO_BIN:$PATH"

step() { printf '%-22s %s\n' "$1" "$2"; }
fail() {
    printf 'setup: %s\n' "$1" >&2
    exit 1
}
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed: $2"; }

need cargo "install Rust with rustup first (https://rustup.rs)"
need rustup "install Rust with rustup first (https://rustup.rs)"
need npm "install Node.js 20 with npm first"

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        fail "'$*' needs root; run this script as root or install sudo"
    fi
}

# 1. The WebAssembly target.
installed_targets=$(rustup target list --installed) || fail "rustup target list --installed failed"
if grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
    step "wasm32 target" "already present"
else
    rustup target add wasm32-unknown-unknown >/dev/null ||
        fail "rustup target add wasm32-unknown-unknown failed"
    step "wasm32 target" "installed"
fi

# 2. System packages, in one apt-get run: Chromium and its driver for the
#    browser tests; Firefox ESR, WebKitGTK's WebKitWebDriver (it starts the
#    MiniBrowser of libwebkit2gtk-4.1) and a virtual display for MiniBrowser,
#    which has no headless mode, for tests/e2e/browsers.test.mjs; a Chinese
#    font so headless screenshots show characters rather than empty boxes; a
#    C compiler, which `cargo install` of Trunk, wasm-bindgen-cli and
#    geckodriver needs (ring).
MINIBROWSER=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
has_chromium() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }
has_firefox() { [ -x /usr/bin/firefox-esr ]; }
has_webkit() { [ -x /usr/bin/WebKitWebDriver ] && [ -x "$MINIBROWSER" ]; }
has_xvfb() { command -v Xvfb >/dev/null 2>&1; }
has_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; }
has_cc() { command -v cc >/dev/null 2>&1; }
packages=()
has_chromium || packages+=(chromium chromium-driver)
has_firefox || packages+=(firefox-esr)
has_webkit || packages+=(webkit2gtk-driver)
has_xvfb || packages+=(xvfb)
has_cjk_font || packages+=(fonts-wqy-microhei)
has_cc || packages+=(gcc libc6-dev)
if [ ${#packages[@]} -gt 0 ]; then
    need apt-get "it installs ${packages[*]} (Debian/Ubuntu)"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq || fail "apt-get update failed"
    as_root apt-get install -y -qq "${packages[@]}" >/dev/null ||
        fail "apt-get install ${packages[*]} failed"
fi
if [[ " ${packages[*]} " == *" chromium "* ]]; then
    has_chromium || fail "chromium or chromedriver still missing from /usr/bin after apt-get install"
    step "chromium" "installed ($(/usr/bin/chromium --version 2>/dev/null | head -n1))"
else
    step "chromium" "already present ($(/usr/bin/chromium --version 2>/dev/null | head -n1))"
fi
deb_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "version unknown"; }
if [[ " ${packages[*]} " == *" firefox-esr "* ]]; then
    has_firefox || fail "no /usr/bin/firefox-esr after apt-get install firefox-esr"
    step "firefox-esr" "installed ($(/usr/bin/firefox-esr --version 2>/dev/null | head -n1))"
else
    step "firefox-esr" "already present ($(/usr/bin/firefox-esr --version 2>/dev/null | head -n1))"
fi
if [[ " ${packages[*]} " == *" webkit2gtk-driver "* ]]; then
    has_webkit || fail "no /usr/bin/WebKitWebDriver or $MINIBROWSER after apt-get install webkit2gtk-driver"
    step "webkitgtk" "installed (webkit2gtk-driver $(deb_version webkit2gtk-driver))"
else
    step "webkitgtk" "already present (webkit2gtk-driver $(deb_version webkit2gtk-driver))"
fi
if [[ " ${packages[*]} " == *" xvfb "* ]]; then
    has_xvfb || fail "no Xvfb after apt-get install xvfb"
    step "xvfb" "installed ($(deb_version xvfb))"
else
    step "xvfb" "already present ($(deb_version xvfb))"
fi
if [[ " ${packages[*]} " == *" fonts-wqy-microhei "* ]]; then
    has_cjk_font || fail "no Chinese font found by fc-list after installing fonts-wqy-microhei"
    step "chinese font" "installed (fonts-wqy-microhei)"
else
    step "chinese font" "already present"
fi
if [[ " ${packages[*]} " == *" gcc "* ]]; then
    has_cc || fail "no C compiler (cc) after installing gcc"
    step "c compiler" "installed (gcc)"
else
    step "c compiler" "already present"
fi

# 3. Trunk 0.21 (0.22 needs a newer rustc than this machine has).
trunk_ok() { trunk --version 2>/dev/null | grep -Eq '^trunk 0\.21\.'; }
if trunk_ok; then
    step "trunk" "already present ($(trunk --version))"
else
    # Another `cargo install trunk` (an earlier set-up still running) would
    # build the same thing twice on two cores: wait for it instead.
    waited=0
    while pgrep -f 'cargo install trunk' >/dev/null 2>&1; do
        [ "$waited" -eq 0 ] && step "trunk" "waiting for a cargo install trunk already running"
        [ "$waited" -ge 3600 ] && fail "gave up after an hour waiting for the other cargo install trunk"
        sleep 10
        waited=$((waited + 10))
    done
    if trunk_ok; then
        step "trunk" "installed by the other run ($(trunk --version))"
    else
        step "trunk" "installing (cargo install, about 10 minutes on 2 cores)"
        cargo install trunk --version '~0.21' --locked --quiet ||
            fail "cargo install trunk --version ~0.21 --locked failed"
        trunk_ok || fail "trunk installed but 'trunk --version' does not say 0.21.x"
        step "trunk" "installed ($(trunk --version))"
    fi
fi

# 4. wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (the
#    CLI, Trunk and the test runner refuse to work with any other).
[ -f Cargo.lock ] || cargo generate-lockfile --quiet || fail "cargo generate-lockfile failed"
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WB_VERSION" ] || fail "no wasm-bindgen version found in Cargo.lock"
TRUNK_WB=$(sed -n 's/^wasm_bindgen *= *"\(.*\)".*/\1/p' Trunk.toml)
[ "$TRUNK_WB" = "$WB_VERSION" ] ||
    fail "Trunk.toml pins wasm_bindgen = \"$TRUNK_WB\" but Cargo.lock has wasm-bindgen $WB_VERSION; make them equal"
wb_ok() {
    [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WB_VERSION" ] &&
        command -v wasm-bindgen-test-runner >/dev/null 2>&1
}
if wb_ok; then
    step "wasm-bindgen-cli" "already present ($WB_VERSION)"
else
    step "wasm-bindgen-cli" "installing $WB_VERSION (cargo install, about 3 minutes)"
    # Without --locked: the registry mirror lacks one of its pinned dependencies.
    cargo install wasm-bindgen-cli --version "=$WB_VERSION" --force --quiet ||
        fail "cargo install wasm-bindgen-cli --version =$WB_VERSION failed"
    wb_ok || fail "wasm-bindgen-cli installed but 'wasm-bindgen --version' does not say $WB_VERSION"
    step "wasm-bindgen-cli" "installed ($WB_VERSION)"
fi

# 5. wasm-opt from npm's binaryen (Debian's binaryen is too old for rustc 1.95).
wo_ok() { "$BINARYEN_BIN/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; }
if wo_ok; then
    step "wasm-opt" "already present (binaryen $BINARYEN_VERSION in .tools/)"
else
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION" ||
        fail "npm install binaryen@$BINARYEN_VERSION failed"
    wo_ok || fail "binaryen installed but .tools/node_modules/binaryen/bin/wasm-opt does not report version $BINARYEN_VERSION"
    step "wasm-opt" "installed (binaryen $BINARYEN_VERSION in .tools/)"
fi

# 5b. terser, the JS minifier scripts/postbuild.py runs on wasm-bindgen's JS
#     glue (about 1 KiB less gzipped than the glue without its comments and
#     indentation). Pinned, in .tools/ beside binaryen.
TERSER_VERSION=5.46.1
terser_ok() { [ "$(node -p "require('./.tools/node_modules/terser/package.json').version" 2>/dev/null)" = "$TERSER_VERSION" ]; }
if terser_ok; then
    step "terser" "already present ($TERSER_VERSION in .tools/)"
else
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --silent --save-exact "terser@$TERSER_VERSION" ||
        fail "npm install terser@$TERSER_VERSION failed"
    terser_ok || fail "terser installed but .tools/node_modules/terser is not version $TERSER_VERSION"
    step "terser" "installed ($TERSER_VERSION in .tools/)"
fi

# 6. geckodriver, the WebDriver server for Firefox ESR (Debian has no package
#    of it; crates.io has its source). Pinned; checked with firefox-esr 153.
GECKODRIVER_VERSION=0.37.1
gd_ok() { [ "$(geckodriver --version 2>/dev/null | head -n1)" = "geckodriver $GECKODRIVER_VERSION" ]; }
if gd_ok; then
    step "geckodriver" "already present ($GECKODRIVER_VERSION)"
else
    step "geckodriver" "installing $GECKODRIVER_VERSION (cargo install, about 3 minutes)"
    cargo install geckodriver --version "=$GECKODRIVER_VERSION" --locked --force --quiet ||
        fail "cargo install geckodriver --version =$GECKODRIVER_VERSION --locked failed"
    gd_ok || fail "geckodriver installed but 'geckodriver --version' does not say $GECKODRIVER_VERSION"
    step "geckodriver" "installed ($GECKODRIVER_VERSION)"
fi

# 7. The end-to-end tests' node packages (pinned, in .tools/ beside binaryen).
./scripts/e2e-packages.sh || fail "the end-to-end test packages could not be installed"
