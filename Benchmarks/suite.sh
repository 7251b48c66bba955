#!/usr/bin/env bash
# Times every step of the main job (write and read the graph file, validate, the report's
# passes, formatting, what-if, render) on synthetic graphs of 1,000 to 1,000,000 flows, one
# process per size (so peak memory is per size), release build. Prints a Markdown table.
# Usage: Benchmarks/suite.sh [RUNS] [SIZES...]
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-5}
shift || true
sizes=("$@")
(( ${#sizes[@]} )) || sizes=(1000 10000 100000 1000000)
swift build -c release --product suite-benchmark >/dev/null
bin="$(swift build -c release --show-bin-path)/suite-benchmark"
rows=()
for flows in "${sizes[@]}"; do
    echo "== about $flows flows" >&2
    output=$("$bin" --flows "$flows" --runs "$runs")
    echo "$output" | grep -v '^row: ' >&2
    rows+=("$(echo "$output" | sed -n 's/^row: //p')")
done
echo "Median ms of $runs runs per step; $(nproc) cores; release build."
echo
echo "| Flows | Write YAML | Read YAML | Validate | Report passes | Format md | Format html | Format json | Format csv | Format txt | What-if (both bounds) | Render SVG (by country) | Peak RSS MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
