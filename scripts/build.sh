#!/usr/bin/env bash
# Builds the engine (Maven: wasm-core, js-bindings → teavec.wasm) and the npm package's dist/.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
echo "build: mvn install (tests run in \`make test\`)"
mvn -B -q install -DskipTests
(cd npm-package && node scripts/build.mjs)
