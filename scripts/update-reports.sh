#!/usr/bin/env bash
# Regenerates reports/ from every graph in graphs/: Markdown, HTML, JSON and CSV reports and an
# SVG diagram per graph, the detailed report (--detail) of cobalt-2023 in reports/detail/, and a what-if report (Markdown, HTML, JSON) in reports/whatif/ per
# scenario in graphs/scenarios/ (run on graphs/<stem>.yaml for a scenario named <stem>-*.yaml);
# removes reports whose graph or scenario is gone. reports/ is generated, never
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
# One report with the per-node and per-pair tables (--detail), as an example of the detail.
mkdir -p reports/detail
for format in md json csv; do
    "$MINERAL_GRAPH" report graphs/cobalt-2023.yaml --detail --format "$format" -o "reports/detail/cobalt-2023.$format"
done
scenarios=(graphs/scenarios/*.yaml)
mkdir -p reports/whatif
for report in reports/whatif/*; do
    [[ -f "graphs/scenarios/$(basename "${report%.*}").yaml" ]] || rm -f -- "$report"
done
for scenario in "${scenarios[@]}"; do
    name=$(basename "$scenario" .yaml)
    graph=""
    for candidate in "${graphs[@]}"; do
        stem=$(basename "$candidate" .yaml)
        [[ "$name" == "$stem-"* && ${#stem} -gt ${#graph} ]] && graph=$stem
    done
    [[ -n "$graph" ]] || { echo "$scenario: no graphs/<stem>.yaml for its name" >&2; exit 1; }
    "$MINERAL_GRAPH" whatif "graphs/$graph.yaml" "$scenario" --format all --out-dir reports/whatif
done
echo "reports/whatif/: ${#scenarios[@]} scenarios → Markdown, HTML and JSON" >&2
# Concentration over the years of every multi-year production graph (graphs/*-production-*.yaml).
trends=(graphs/*-production-*.yaml)
mkdir -p reports/trends
for report in reports/trends/*; do
    [[ -f "graphs/$(basename "${report%.*}").yaml" ]] || rm -f -- "$report"
done
for graph in "${trends[@]}"; do
    stem=$(basename "$graph" .yaml)
    for format in md html json csv; do
        "$MINERAL_GRAPH" trend "$graph" --format "$format" -o "reports/trends/$stem.$format"
    done
done
echo "reports/trends/: ${#trends[@]} multi-year graphs → Markdown, HTML, JSON and CSV" >&2
echo "reports/: ${#graphs[@]} graphs → Markdown, HTML, JSON, CSV and SVG" >&2
