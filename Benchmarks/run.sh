#!/usr/bin/env bash
# Times `mineral-graph render` (release build) on synthetic graphs of 500 and 2,000 nodes and
# prints the median wall time of RUNS runs per case. Usage: Benchmarks/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
swift build -c release --product mineral-graph >/dev/null
(cd Benchmarks && swift build -c release >/dev/null)
tool="$(swift build -c release --show-bin-path)/mineral-graph"
generator="$(cd Benchmarks && swift build -c release --show-bin-path)/render-benchmark"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

time_case() {
    local graph=$1; shift
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$tool" render "$graph" --format svg -o "$work/out.svg" "$@"
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%-12s %-48s median %5d ms  (runs: %s)\n' "$(basename "$graph")" "${*:-(defaults)}" \
        "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
}

for nodes in 500 2000; do
    "$generator" generate --nodes "$nodes" -o "$work/synthetic-$nodes.yaml" >/dev/null
done
echo "Graphviz $(pkg-config --modversion libgvc), $(nproc) cores, $runs runs per case"
time_case "$work/synthetic-500.yaml"
time_case "$work/synthetic-500.yaml" --edge-labels
time_case "$work/synthetic-2000.yaml"
time_case "$work/synthetic-2000.yaml" --top 5
time_case "$work/synthetic-2000.yaml" --min-share 0.02
time_case "$work/synthetic-2000.yaml" --group-by country
time_case "$work/synthetic-2000.yaml" --group-by country --min-share 0.03 --cluster country
time_case "$work/synthetic-2000.yaml" --mineral lithium --top 4 --color-by share
