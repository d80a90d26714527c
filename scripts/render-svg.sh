#!/usr/bin/env bash
# Render a report's SVG to PNG with headless Chromium, to look at it (Debian: apt-get install chromium).
#   bash scripts/render-svg.sh report.svg report.png
# Without arguments: the bundled sample's NPS by region and CSAT by quarter, into /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
render() {
  local svg=$1 png=$2 width height
  width=$(grep -o 'width="[0-9]*"' "$svg" | head -1 | grep -o '[0-9]*')
  height=$(grep -o 'height="[0-9]*"' "$svg" | head -1 | grep -o '[0-9]*')
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$png" --window-size="$width,$height" "file://$(realpath "$svg")" 2>/dev/null
  echo "$png (${width}×${height})"
}
if [ $# -eq 2 ]; then render "$1" "$2"; exit; fi
npm run build --silent
node dist/cli.js report --sample --by region --svg /tmp/customer-metrics-by-region.svg >/dev/null 2>&1
node dist/cli.js report --sample --metric csat --column csat --period quarter --svg /tmp/customer-metrics-by-quarter.svg >/dev/null
render /tmp/customer-metrics-by-region.svg /tmp/customer-metrics-by-region.png
render /tmp/customer-metrics-by-quarter.svg /tmp/customer-metrics-by-quarter.png
