#!/usr/bin/env bash
# Regenerates reports/ from every graph in graphs/ (Markdown, HTML, JSON, CSV per graph) and
# removes reports whose graph is gone. The test ReportsUpToDateTests fails until this is run
# after a graph or the report code changes.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
graphs=(graphs/*.yaml)
mkdir -p reports
for report in reports/*.md reports/*.html reports/*.json reports/*.csv; do
    stem=$(basename "${report%.*}")
    [[ -f "graphs/$stem.yaml" ]] || rm -f -- "$report"
done
if (( ${#graphs[@]} )); then
    swift run --quiet mineral-graph report "${graphs[@]}" --format all --out-dir reports
fi
