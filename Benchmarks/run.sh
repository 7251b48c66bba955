#!/usr/bin/env bash
# Times `mineral-graph render` (release build) on synthetic graphs of 500 and 2,000 nodes and
# prints the median wall time of RUNS runs per case, beside the peer: Graphviz's own `dot -Tsvg`
# on the DOT that `render --format dot` writes for the same case (same layout input), and the
# DOT build alone (`render --format dot`). Then the DOT build at 2,000 to 16,000 nodes, to show
# that it grows linearly. Usage: Benchmarks/run.sh [RUNS]
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

# time_ms COMMAND...: the median wall milliseconds of $runs runs.
time_ms() {
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | median
}

time_case() {
    local graph=$1; shift
    local ours dot_only peer
    ours=$(time_ms "$tool" render "$graph" --format svg -o "$work/out.svg" "$@")
    dot_only=$(time_ms "$tool" render "$graph" --format dot -o "$work/out.dot" "$@")
    peer=$(time_ms dot -Tsvg "$work/out.dot" -o "$work/peer.svg")
    printf '%-12s %-44s %7d %7d %7d %6.2f\n' "$(basename "$graph" .yaml)" "${*:-(defaults)}" \
        "$ours" "$dot_only" "$peer" "$(echo "$ours / $peer" | bc -l)"
}

for nodes in 500 2000; do
    "$generator" generate --nodes "$nodes" -o "$work/synthetic-$nodes.yaml" >/dev/null
done
echo "Graphviz $(pkg-config --modversion libgvc), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs per case (median ms)"
printf '%-12s %-44s %7s %7s %7s %6s\n' graph options render "DOT" "dot" "ratio"
time_case "$work/synthetic-500.yaml"
time_case "$work/synthetic-500.yaml" --edge-labels both
time_case "$work/synthetic-2000.yaml"
time_case "$work/synthetic-2000.yaml" --top 5
time_case "$work/synthetic-2000.yaml" --min-share 0.02
time_case "$work/synthetic-2000.yaml" --group-by country
time_case "$work/synthetic-2000.yaml" --group-by country --min-share 0.03 --cluster country
time_case "$work/synthetic-2000.yaml" --mineral lithium --top 4 --color-by share
echo
echo "DOT build alone (render --format dot), median ms:"
for nodes in 2000 4000 8000 16000; do
    "$generator" generate --nodes "$nodes" -o "$work/synthetic-$nodes.yaml" >/dev/null
    printf '%6d nodes %7d\n' "$nodes" "$(time_ms "$tool" render "$work/synthetic-$nodes.yaml" --format dot -o "$work/out.dot")"
done
