#!/usr/bin/env bash
# Renders every example graph in graphs/ to reports/<name>.svg with `mineral-graph render`
# (release build). reports/ is generated, never hand-edited: rerun this after changing a graph
# or the renderer. Usage: scripts/render-examples.sh [extra render options]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product mineral-graph >/dev/null
tool="$(swift build -c release --show-bin-path)/mineral-graph"
mkdir -p reports
shopt -s nullglob
graphs=(graphs/*.yaml)
if [ ${#graphs[@]} -eq 0 ]; then
    echo "no graphs/*.yaml to render" >&2
    exit 1
fi
for graph in "${graphs[@]}"; do
    name=$(basename "$graph" .yaml)
    "$tool" render "$graph" --format svg -o "reports/$name.svg" "$@"
    echo "reports/$name.svg"
done
