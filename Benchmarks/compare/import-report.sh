#!/usr/bin/env bash
# The whole trade job against pandas: `mineral-graph import baci` of a synthetic BACI file to a
# graph file, then `report --format json` on that graph, timed against pandas computing the
# import-source HHI alone on the same file (compare/trade_hhi_pandas.py) and `cat` (the read
# floor), in one run. Usage: Benchmarks/compare/import-report.sh [RUNS] [ROWS...] (default 3
# runs, 1,000,000 rows). MG_TOOL, MG_GENERATOR, MG_WORK, MG_SCRATCH and MG_BENCH_SCRATCH as for
# compare/run.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
runs=${1:-3}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000)
main_build=(-c release ${MG_SCRATCH:+--scratch-path "$MG_SCRATCH"})
bench_build=(-c release ${MG_BENCH_SCRATCH:+--scratch-path "$MG_BENCH_SCRATCH"})
if [ -n "${MG_TOOL:-}" ] && [ -n "${MG_GENERATOR:-}" ]; then
    tool=$MG_TOOL generator=$MG_GENERATOR
else
    swift build "${main_build[@]}" --product mineral-graph >/dev/null
    (cd Benchmarks && swift build "${bench_build[@]}" --product trade-benchmark >/dev/null)
    tool="$(swift build "${main_build[@]}" --show-bin-path)/mineral-graph"
    generator="$(cd Benchmarks && swift build "${bench_build[@]}" --show-bin-path)/trade-benchmark"
fi
work=$(mktemp -d "${MG_WORK:-${TMPDIR:-/tmp}}/mg-import-report.XXXXXX")
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# one RUN_NAME COMMAND...: appends "seconds user-seconds KiB" of one run to $work/RUN_NAME.
one() {
    local name=$1
    shift
    /usr/bin/time -f '%e %U %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" \
        || { echo "$name failed:" >&2; cat "$work/stderr" >&2; exit 1; }
    cat "$work/time" >> "$work/$name"
}
column() { awk -v k="$1" '{ print $k }' "$work/$2" | median; }

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs per size (medians)"
for rows in "${sizes[@]}"; do
    csv="$work/baci-$rows.csv"
    "$generator" generate --rows "$rows" -o "$csv" --countries-out "$work/countries.csv" >/dev/null
    rm -f "$work"/import "$work"/report "$work"/pandas "$work"/cat "$work"/whole
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        one import "$tool" import baci "$csv" --countries "$work/countries.csv" -o "$work/graph.yaml"
        one report "$tool" report "$work/graph.yaml" --format json -o "$work/report.json"
        echo "$(date +%s.%N) - $start" | bc -l >> "$work/whole"
        one pandas python3 "$here/trade_hhi_pandas.py" "$csv" "$work/countries.csv" "$work/pandas.csv"
        one cat cat "$csv"
    done
    whole=$(median < "$work/whole")
    echo
    echo "$rows rows ($(du -m "$csv" | cut -f1) MiB; graph $(du -m "$work/graph.yaml" | cut -f1) MiB, report JSON $(du -m "$work/report.json" | cut -f1) MiB):"
    printf '%-34s %9s %9s %9s\n' step "wall s" "user s" "peak MiB"
    for step in import report pandas cat; do
        printf '%-34s %9.2f %9.2f %9.0f\n' "$step" "$(column 1 $step)" "$(column 2 $step)" "$(echo "$(column 3 $step) / 1024" | bc -l)"
    done
    pandas=$(column 1 pandas)
    printf 'import + report: %.2f s; pandas HHI alone: %.2f s; ratio (pandas ÷ mineral-graph) %.2f\n' \
        "$whole" "$pandas" "$(echo "$pandas / $whole" | bc -l)"
done
