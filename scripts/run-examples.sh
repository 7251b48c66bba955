#!/usr/bin/env bash
# The main job: install what is missing, build, validate the bundled graphs and regenerate
# reports/ from them. Safe to run again; outputs are byte-identical for the same inputs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pkg-config --exists libgvc 2>/dev/null; then
    echo "Installing libgraphviz-dev (Graphviz C library) with apt-get..." >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgraphviz-dev pkg-config >/dev/null
fi

swift build -c release --product mineral-graph
bin="$(swift build -c release --show-bin-path)/mineral-graph"

shopt -s nullglob
graphs=(graphs/*.yaml)
"$bin" validate "${graphs[@]}"
mkdir -p reports
"$bin" report "${graphs[@]}" --format all --out-dir reports
for graph in "${graphs[@]}"; do
    stem="$(basename "$graph" .yaml)"
    "$bin" render "$graph" --format svg -o "reports/$stem.svg"
done
echo "Reports written to reports/ for ${#graphs[@]} graphs." >&2
