#!/usr/bin/env bash
# Times whole `mineral-graph` commands on the synthetic battery chain at several sizes, one
# process each, with GNU time (wall seconds and peak resident memory): `summary` (reading the
# graph file), `report --format json` and `--format md` (reading, every report pass, one
# format), `whatif` with the suite's scenario (chain-scenario.yaml; both bounds, three reports,
# JSON), and Python's json.load of the graph's JSON export as the graph-read peer.
# Usage: Benchmarks/cli-curve.sh [FLOWS...]   (default 10000 100000 1000000)
# MG_TOOL and MG_GENERATOR (built binaries: release mineral-graph and suite-benchmark) skip the
# builds; MG_WORK is where the files go (default /tmp/mg-cli-curve); MG_RUNS=N times each command
# N times (one after another) and prints the medians (default 1).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sizes=("$@")
(( ${#sizes[@]} )) || sizes=(10000 100000 1000000)
if [[ -z "${MG_TOOL:-}" ]]; then
    (cd "$here/.." && swift build -c release --product mineral-graph >/dev/null)
    MG_TOOL="$(cd "$here/.." && swift build -c release --show-bin-path)/mineral-graph"
fi
if [[ -z "${MG_GENERATOR:-}" ]]; then
    (cd "$here" && swift build -c release --product suite-benchmark >/dev/null)
    MG_GENERATOR="$(cd "$here" && swift build -c release --show-bin-path)/suite-benchmark"
fi
work="${MG_WORK:-/tmp/mg-cli-curve}"
mkdir -p "$work"
runs=${MG_RUNS:-1}
# MG_RUNS timed runs: prints the median "seconds peak-MiB" (each the median of its column).
timed() {
    : > "$work/times.txt"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
        cat "$work/time.txt" >> "$work/times.txt"
    done
    local seconds mib
    seconds=$(cut -d' ' -f1 "$work/times.txt" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    mib=$(cut -d' ' -f2 "$work/times.txt" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    awk -v s="$seconds" -v m="$mib" 'BEGIN { printf "%.2f %.0f", s, m / 1024 }'
}
echo "Load before the runs: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; medians of $runs run(s) per command"
echo
echo "| Flows | graph MiB | summary s / MiB | json.load of the JSON export s / MiB | report json s / MiB | report md s / MiB | whatif json s / MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for flows in "${sizes[@]}"; do
    graph="$work/chain-$flows.yaml"
    [[ -f "$graph" ]] || "$MG_GENERATOR" --flows "$flows" --write-graph "$graph" >&2
    [[ -f "$work/chain-$flows.json" ]] || "$MG_TOOL" export "$graph" --format json -o "$work/chain-$flows.json"
    mib=$(awk -v b="$(stat -c %s "$graph")" 'BEGIN { printf "%.1f", b / 1048576 }')
    count=$(grep -c '^  - from:' "$graph" || true)
    summary=$(timed "$MG_TOOL" summary "$graph")
    load=$(timed python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/chain-$flows.json")
    json=$(timed "$MG_TOOL" report "$graph" --format json -o "$work/report-$flows.json")
    md=$(timed "$MG_TOOL" report "$graph" --format md -o "$work/report-$flows.md")
    whatif=$(timed "$MG_TOOL" whatif "$graph" "$here/chain-scenario.yaml" --format json -o "$work/whatif-$flows.json")
    echo "| $count | $mib | ${summary/ / \/ } | ${load/ / \/ } | ${json/ / \/ } | ${md/ / \/ } | ${whatif/ / \/ } |"
done
