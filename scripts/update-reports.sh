#!/usr/bin/env bash
# Regenerates reports/ from every graph in graphs/: Markdown, HTML, JSON and CSV reports and an
# SVG diagram per graph; removes reports whose graph is gone. reports/ is generated, never
# hand-edited. The test ReportsUpToDateTests fails until this is run after a graph or the
# report code changes. Uses the release build (MINERAL_GRAPH=path overrides the binary).
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
if [[ -z "${MINERAL_GRAPH:-}" ]]; then
    swift build -c release --product mineral-graph >/dev/null
    MINERAL_GRAPH="$(swift build -c release --show-bin-path)/mineral-graph"
fi
graphs=(graphs/*.yaml)
mkdir -p reports
for report in reports/*.md reports/*.html reports/*.json reports/*.csv reports/*.svg; do
    stem=$(basename "${report%.*}")
    [[ -f "graphs/$stem.yaml" ]] || rm -f -- "$report"
done
if (( ${#graphs[@]} )); then
    "$MINERAL_GRAPH" report "${graphs[@]}" --format all --out-dir reports
    for graph in "${graphs[@]}"; do
        "$MINERAL_GRAPH" render "$graph" --format svg -o "reports/$(basename "$graph" .yaml).svg"
    done
fi
echo "reports/: ${#graphs[@]} graphs → Markdown, HTML, JSON, CSV and SVG" >&2
