#!/usr/bin/env bash
# Renders a report page (from 'robustgrid report') to a PNG screenshot with headless Chromium, to look at
# a report without a browser or to check its layout.
#   usage: scripts/render-report.sh REPORT.html [OUT.png] [WIDTH,HEIGHT]
# OUT.png defaults to REPORT.png beside the page; the window defaults to 1400,3000.
# Needs Debian's 'chromium' package; as root it is installed when /usr/bin/chromium is missing.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
  echo "usage: $0 REPORT.html [OUT.png] [WIDTH,HEIGHT]" >&2
  exit 2
fi
page="$1"
if [ ! -f "$page" ]; then
  echo "render-report: page $page does not exist; write one with './robustgrid report results.csv'" >&2
  exit 2
fi
out="${2:-${page%.html}.png}"
size="${3:-1400,3000}"
if ! [[ "$size" =~ ^[0-9]+,[0-9]+$ ]]; then
  echo "render-report: window size '$size' is not WIDTH,HEIGHT in pixels (e.g. 1400,3000)" >&2
  exit 2
fi

chromium=/usr/bin/chromium
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "render-report: $chromium is missing; install it with 'apt-get install -y chromium' (as root)" >&2
    exit 2
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi

abs_page="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
abs_out="$(cd "$(dirname "$out")" 2>/dev/null && pwd || { mkdir -p "$(dirname "$out")" && cd "$(dirname "$out")" && pwd; })/$(basename "$out")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

# Chromium writes the screenshot's path to stderr along with harmless D-Bus and GPU noise: keep it quiet
# unless it fails.
if ! "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --window-size="$size" \
    --screenshot="$abs_out" "file://$abs_page" >"$profile/log" 2>&1; then
  cat "$profile/log" >&2
  echo "render-report: chromium failed on $abs_page" >&2
  exit 1
fi
if [ ! -s "$abs_out" ]; then
  cat "$profile/log" >&2
  echo "render-report: chromium wrote no screenshot to $abs_out" >&2
  exit 1
fi
echo "$abs_out"
