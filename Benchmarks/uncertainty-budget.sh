#!/usr/bin/env bash
# Times issue 20's budget: `mineral-graph report G --format json --draws N` (default 1,000 draws)
# on every bundled graph (graphs/*.yaml), one process each, with GNU time (wall and user CPU
# seconds), and prints a Markdown table with the total. The budget is a total under 5 s wall in
# a release build (docs/methods.md §11.2).
# Usage: Benchmarks/uncertainty-budget.sh [DRAWS]   (default 1000)
# MG_TOOL (a built release mineral-graph) skips the build; MG_WORK is where the timings go
# (default /tmp/mg-uncertainty-budget).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
draws="${1:-1000}"
if [[ -z "${MG_TOOL:-}" ]]; then
    (cd "$here/.." && swift build -c release --product mineral-graph >/dev/null)
    MG_TOOL="$(cd "$here/.." && swift build -c release --show-bin-path)/mineral-graph"
fi
work="${MG_WORK:-/tmp/mg-uncertainty-budget}"
mkdir -p "$work"
echo "Load before the runs: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $draws draws"
echo
echo "| Graph | wall s | user s |"
echo "|---|---:|---:|"
total_wall=0
total_user=0
for graph in "$here"/../graphs/*.yaml; do
    /usr/bin/time -f '%e %U' -o "$work/time.txt" "$MG_TOOL" report "$graph" --format json --draws "$draws" \
        >"$work/report.json" 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
    read -r wall user <"$work/time.txt"
    echo "| $(basename "$graph" .yaml) | $wall | $user |"
    total_wall=$(awk -v a="$total_wall" -v b="$wall" 'BEGIN { printf "%.2f", a + b }')
    total_user=$(awk -v a="$total_user" -v b="$user" 'BEGIN { printf "%.2f", a + b }')
done
echo "| **total** | **$total_wall** | **$total_user** |"
echo
echo "Load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
