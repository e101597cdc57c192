# Sourced by the project's scripts: puts Node >= 22 and the Chromium wrapper for TeaVM's test runner on PATH.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_DIR="$("$ROOT/scripts/ensure-node.sh")"
export PATH="$NODE_DIR:$ROOT/scripts/bin:$PATH"
export ROOT
