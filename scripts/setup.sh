#!/usr/bin/env bash
# Installs whatever is missing on a fresh Debian machine: the three browser engines the tests drive (Chromium,
# Firefox ESR, WebKitGTK's WebDriver with its MiniBrowser, and Xvfb for WebKit), a JDK 17 and Maven, Node 22 and
# the npm dependencies. Maven fetches its own dependencies during the build. Safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v xauth >/dev/null || missing+=(xauth)
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v git >/dev/null || missing+=(git)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

source "$ROOT/scripts/env.sh"
echo "setup: node $(node --version) ($(command -v node)), $(/usr/bin/chromium --version 2>/dev/null | head -1)," \
  "$(/usr/bin/firefox-esr --version 2>/dev/null | head -1), WebKitGTK $(dpkg-query -W -f='${Version}' webkit2gtk-driver 2>/dev/null)"
# The npm browser drivers drive the Debian browsers above and never fetch their own: puppeteer-core and
# playwright-core have no install step and selenium-webdriver is pointed at Debian's WebKitWebDriver
# (browser-tests/test/drivers.test.mjs checks it). Should a downloading package (puppeteer) ever come in, these
# keep `npm install` from fetching browsers.
export PUPPETEER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_CHROME_DOWNLOAD=true PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD=true \
  PUPPETEER_SKIP_FIREFOX_DOWNLOAD=true

for dir in npm-package browser-tests demo-web; do
  # Install only when the lock file changed since the last install. Not `npm ci`: it rejects lock files
  # that omit other platforms' optional packages (rollup's native builds), which npm here writes.
  stamp="$ROOT/$dir/node_modules/.teavec-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/$dir/package-lock.json" "$stamp"; then
    echo "setup: npm install in $dir"
    # --ignore-scripts: onnxruntime-node's install script downloads from an unreachable host, and its
    # package already ships the Linux x64 binary; no other dependency needs its scripts.
    (cd "$ROOT/$dir" && npm install --ignore-scripts --no-save --no-audit --no-fund --silent)
    cp "$ROOT/$dir/package-lock.json" "$stamp"
  fi
done
