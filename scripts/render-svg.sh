#!/usr/bin/env bash
# Render a report's SVG to PNG with headless Chromium, to look at it (Debian: apt-get install chromium).
#   bash scripts/render-svg.sh report.svg report.png
# Without arguments: the bundled sample's NPS by region, its CSAT by quarter, and a trend of
# dated answers (NPS and CES per quarter, from the Qualtrics-like fixture), into /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
render() {
  local svg=$1 png=$2 width height
  width=$(grep -o 'width="[0-9]*"' "$svg" | head -1 | grep -o '[0-9]*')
  height=$(grep -o 'height="[0-9]*"' "$svg" | head -1 | grep -o '[0-9]*')
  chromium --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --hide-scrollbars \
    --screenshot="$png" --window-size="$width,$height" "file://$(realpath "$svg")" 2>/dev/null
  echo "$png (${width}×${height})"
}
if [ $# -eq 2 ]; then render "$1" "$2"; exit; fi
npm run build --silent
out=/tmp/customer-metrics
node dist/cli.js report --sample --by region --svg "$out-by-region.svg" >/dev/null 2>&1
node dist/cli.js report --sample --metric csat --column csat --period quarter --svg "$out-by-quarter.svg" >/dev/null
node dist/cli.js report tests/fixtures/exports/qualtrics-dates.csv --metrics Q1=nps,Q2=ces \
  --period RecordedDate --every quarter --svg "$out-dated.svg" >/dev/null 2>&1
for name in by-region by-quarter dated; do render "$out-$name.svg" "$out-$name.png"; done
