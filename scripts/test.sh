#!/usr/bin/env bash
# Runs every kind of test and counts each: JUnit 5 on the JVM, the engine in Wasm GC in Chromium
# (TeaVM's JUnit runner), Node 22 against the packed package, Cloudflare workerd (miniflare), and the
# browser tests in Chromium, Firefox ESR and WebKitGTK. Every suite runs even when an earlier one fails; the
# exit code says if any did.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
LOGS="$ROOT/target/test-logs"
rm -rf "$LOGS" && mkdir -p "$LOGS"
summary=()
total_pass=0
total_fail=0
status=0

record() { # name passed failed
  summary+=("$(printf '%-34s %5d passed %5d failed' "$1" "$2" "$3")")
  total_pass=$((total_pass + $2))
  total_fail=$((total_fail + $3))
  if [ "$3" -ne 0 ] || [ "$2" -eq 0 ]; then status=1; fi
}

surefire_counts() { # reports dir → "passed failed"
  node -e '
    const fs = require("fs"), dir = process.argv[1];
    let tests = 0, bad = 0, skipped = 0;
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      if (!/^TEST-.*\.xml$/.test(f)) continue;
      const head = fs.readFileSync(dir + "/" + f, "utf8").match(/<testsuite[^>]*>/)[0];
      const n = (k) => Number((head.match(new RegExp(" " + k + "=\"(\\d+)\"")) || [0, 0])[1]);
      tests += n("tests"); bad += n("failures") + n("errors"); skipped += n("skipped");
    }
    console.log(tests - bad - skipped, bad);' "$1"
}

node_counts() { # TAP log → "passed failed"
  local pass fail
  pass=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
  fail=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
  echo "${pass:-0} ${fail:-1}"
}

echo "== JUnit 5 (JVM) and TeaVM JUnit (Wasm GC in Chromium)"
mvn -B test 2>&1 | grep -v '^browser stderr:' | tee "$LOGS/maven.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r p f < <(surefire_counts wasm-core/target/surefire-reports); record "JUnit 5, JVM (wasm-core)" "$p" "$f"
read -r p f < <(surefire_counts js-bindings/target/surefire-reports); record "TeaVM JUnit, Wasm GC in Chromium" "$p" "$f"

echo "== Node 22: the packed package"
# Every npm-package test except the workerd ones, which are counted on their own below.
node_tests=$(cd npm-package && ls test/*.test.mjs | grep -Ev '^test/worker(-text)?\.test\.mjs$')
(cd npm-package && node --test --test-reporter=tap --test-concurrency=1 $node_tests) 2>&1 | tee "$LOGS/node.log"
read -r p f < <(node_counts "$LOGS/node.log"); record "Node $(node --version), packed package" "$p" "$f"

echo "== Cloudflare workerd (miniflare)"
(cd npm-package && node --test --test-reporter=tap --test-concurrency=1 test/worker.test.mjs test/worker-text.test.mjs) 2>&1 | tee "$LOGS/worker.log"
read -r p f < <(node_counts "$LOGS/worker.log"); record "workerd (miniflare)" "$p" "$f"

# Every browser test file in Chromium; the files written on the driver layer (browser-tests/drivers, which they
# import) again in Firefox ESR and in WebKitGTK (MiniBrowser under one xvfb-run). Each engine is counted on its own
# line; what an engine's driver cannot do is reported as skipped, with the reason, in its log.
browser_versions() { # engine → its label
  case "$1" in
    chromium) echo "Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')" ;;
    firefox) echo "Firefox $(/usr/bin/firefox-esr --version 2>/dev/null | awk '{print $3}')" ;;
    webkit) echo "WebKitGTK $(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0 2>/dev/null | sed 's/-.*//')" ;;
  esac
}
for engine in chromium firefox webkit; do
  label="$(browser_versions "$engine")"
  echo "== Browser tests in $label"
  if [ "$engine" = chromium ]; then
    files=$(cd browser-tests && ls test/*.test.mjs)
  else
    files=$(cd browser-tests && grep -l "drivers/engines\.mjs" test/*.test.mjs)
  fi
  display=()
  [ "$engine" = webkit ] && display=(xvfb-run -a)
  # Bounded: a browser or driver that hangs must not stall the whole run (it is counted as a failure).
  (cd browser-tests && TEAVEC_ENGINE=$engine "${display[@]}" timeout --kill-after=30 1800 \
    node --test --test-reporter=tap --test-concurrency=1 $files) 2>&1 | tee "$LOGS/browser-$engine.log"
  ended=${PIPESTATUS[0]}
  read -r p f < <(node_counts "$LOGS/browser-$engine.log")
  if [ "$ended" = 124 ] || [ "$ended" = 137 ]; then
    echo "browser tests in $label did not finish within 30 minutes: stopped"
    f=$((f + 1))
  fi
  skipped=$(grep -E '^# skipped [0-9]+' "$LOGS/browser-$engine.log" | tail -1 | awk '{print $3}')
  [ "${skipped:-0}" -gt 0 ] && label="$label, $skipped skipped"
  record "Browsers: $label" "$p" "$f"
done

echo "== SolrCloud: teavec/solr and the solr-cloud module against a real 2-node cluster"
# The module's JUnit tests ran with Maven above; the Node tests start the cluster (solr-cloud/bin/solr-cloud).
(cd solr-cloud && timeout 1800 node --test --test-reporter=tap --test-concurrency=1 test/*.test.mjs) 2>&1 | tee "$LOGS/solr.log"
read -r p f < <(node_counts "$LOGS/solr.log"); read -r jp jf < <(surefire_counts solr-cloud/target/surefire-reports)
record "SolrCloud (JVM + Node)" "$((p + jp))" "$((f + jf))"

echo
echo "== Summary"
printf '%s\n' "${summary[@]}"
echo "TOTAL: $total_pass passed, $total_fail failed"
exit $status
