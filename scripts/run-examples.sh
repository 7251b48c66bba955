#!/usr/bin/env bash
# The main job on a fresh Debian machine with Swift 6.3: installs the Graphviz C library if it
# is missing, builds mineral-graph (release), validates the bundled graphs and regenerates
# reports/ from them. Running it again gives byte-identical reports.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pkg-config --exists libgvc 2>/dev/null || [[ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]]; then
    echo "Installing libgraphviz-dev (the Graphviz C library) and fonts-dejavu-core (the diagrams' font) with apt-get..." >&2
    sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgraphviz-dev pkg-config fonts-dejavu-core >/dev/null
fi

swift build -c release --product mineral-graph
export MINERAL_GRAPH="$(swift build -c release --show-bin-path)/mineral-graph"
"$MINERAL_GRAPH" validate --strict graphs/*.yaml
scripts/update-reports.sh
