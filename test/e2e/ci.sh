#!/usr/bin/env bash
# Editor tests for CI (called by .ci/run after npm ci): installs what they need from Debian
# (Chromium, Neovim, the headers code-server's native modules build against), then runs
# test:e2e (code-server + Chromium), test:vscode (extension-host suites) and test:nvim.
# code-server itself and its Node 24 are installed by test:e2e into
# ${RUNBOOK_E2E_CACHE:-~/.cache/runbook-e2e}, outside the clone, once per machine.
set -uo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
for p in libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
for t in g++ make python3; do
  command -v "$t" >/dev/null 2>&1 || { need+=(build-essential python3); break; }
done
if ((${#need[@]})); then
  echo "editor tests: apt-get install ${need[*]}"
  sudo_=""
  [ "$(id -u)" = 0 ] || sudo_="sudo"
  $sudo_ apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "editor tests: apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
status=0
for suite in e2e vscode nvim; do
  echo "=== npm run test:$suite"
  npm run -s "test:$suite" 2>&1 | tee "$logs/$suite.log"
  rc=${PIPESTATUS[0]}
  [ "$rc" = 0 ] || { echo "=== test:$suite failed (exit $rc)"; status=1; }
done

# One closing line for the three runners together.
passed=0 failed=0 skipped=0
for suite in e2e vscode nvim; do
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/$suite.log" | tail -1)
  [ -n "$line" ] || { failed=$((failed + 1)); continue; }
  p=$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line")
  f=$(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
  s=$(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+' || echo 0)
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
[ "$status" = 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "editors: $passed passed, $failed failed, $skipped skipped"
exit "$status"
