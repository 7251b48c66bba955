#!/usr/bin/env bash
# Times `mineral-graph trade-hhi` (release build) on synthetic BACI files of 10k, 100k and 1M
# rows: import and import-source HHI for every importer and product. Prints the median wall
# time and the median peak RSS (GNU time's %M) of RUNS runs per size, and µs per row to show
# that the cost grows linearly. Usage: Benchmarks/run-trade.sh [RUNS] [ROWS...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
# Build folders: MG_SCRATCH and MG_BENCH_SCRATCH (absolute paths) override .build and Benchmarks/.build.
main_build=(-c release ${MG_SCRATCH:+--scratch-path "$MG_SCRATCH"})
bench_build=(-c release ${MG_BENCH_SCRATCH:+--scratch-path "$MG_BENCH_SCRATCH"})
swift build "${main_build[@]}" --product mineral-graph >/dev/null
(cd Benchmarks && swift build "${bench_build[@]}" --product trade-benchmark >/dev/null)
tool="$(swift build "${main_build[@]}" --show-bin-path)/mineral-graph"
generator="$(cd Benchmarks && swift build "${bench_build[@]}" --show-bin-path)/trade-benchmark"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "$(nproc) cores, $runs runs per size; mineral-graph trade-hhi FILE -o OUT.csv"
printf '%10s %12s %14s %12s\n' rows "median s" "peak RSS MiB" "µs per row"
for rows in "${sizes[@]}"; do
    "$generator" generate --rows "$rows" -o "$work/baci-$rows.csv" >/dev/null
    times=(); rss=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %M' -o "$work/time" "$tool" trade-hhi "$work/baci-$rows.csv" -o "$work/hhi.csv" 2>/dev/null
        read -r seconds kilobytes < "$work/time"
        times+=("$seconds"); rss+=("$kilobytes")
    done
    t=$(printf '%s\n' "${times[@]}" | median)
    m=$(printf '%s\n' "${rss[@]}" | median)
    printf '%10d %12.2f %14.1f %12.2f\n' "$rows" "$t" "$(echo "$m / 1024" | bc -l)" "$(echo "$t * 1000000 / $rows" | bc -l)"
done
