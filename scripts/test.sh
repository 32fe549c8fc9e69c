#!/usr/bin/env bash
# Set up everything the tests need, then run them. Usage: scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
# browser tests: Debian's chromium and a CJK font (no browser download)
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
      || echo "warning: could not install chromium/fonts-noto-cjk" >&2
  else
    echo "warning: chromium missing and not root: browser tests will skip" >&2
  fi
fi
# Node-side readers of our exports (graphology-gexf, a Cypher parser)
if [ -f tests/js/package.json ] && command -v npm >/dev/null; then
  npm ci --prefix tests/js --silent --no-audit --no-fund >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
