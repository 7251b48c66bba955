#!/usr/bin/env bash
# mineral-graph against pandas on the same synthetic BACI file: import-source HHI per importer
# and HS product. Generates the file (and its country code table), runs both tools RUNS times,
# checks that every importer-product HHI agrees to 1e-6 (value and tonnes), and prints the median
# times, the ratio and the peak memory. Usage: Benchmarks/compare/run.sh [RUNS] [ROWS...]
# pandas: `pip install pandas`; without it only mineral-graph is timed and pandas is "skipped".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
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
# time_runs OUT_PREFIX COMMAND...: median seconds and median peak RSS (MiB) over $runs runs.
time_runs() {
    local times=() rss=() status=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" 2>"$work/stderr" >/dev/null || status=$?
        [ "$status" -ne 0 ] && { echo "skipped"; return 0; }
        read -r seconds kilobytes < "$work/time"
        times+=("$seconds"); rss+=("$kilobytes")
    done
    echo "$(printf '%s\n' "${times[@]}" | median) $(echo "$(printf '%s\n' "${rss[@]}" | median) / 1024" | bc -l)"
}

pandas_version=$(python3 -c 'import pandas; print(pandas.__version__)' 2>/dev/null || echo "not installed (pip install pandas)")
echo "$(nproc) cores, $runs runs per size; Python $(python3 -c 'import platform; print(platform.python_version())'), pandas $pandas_version"
printf '%10s %16s %10s %8s %18s %12s  %s\n' rows "mineral-graph s" "pandas s" ratio "mineral-graph MiB" "pandas MiB" check
for rows in "${sizes[@]}"; do
    csv="$work/baci-$rows.csv"
    "$generator" generate --rows "$rows" -o "$csv" --countries-out "$work/countries.csv" >/dev/null
    read -r ours ours_mib <<<"$(time_runs "$tool" trade-hhi "$csv" --countries "$work/countries.csv" -o "$work/ours.csv")"
    read -r theirs theirs_mib <<<"$(time_runs python3 "$here/trade_hhi_pandas.py" "$csv" "$work/countries.csv" "$work/pandas.csv")"
    if [ "$theirs" = "skipped" ]; then
        printf '%10d %16.2f %10s %8s %18.1f %12s  %s\n' "$rows" "$ours" skipped - "$ours_mib" - "pandas not installed"
        continue
    fi
    check=$(python3 "$here/compare_hhi.py" "$work/ours.csv" "$work/pandas.csv" || true)
    printf '%10d %16.2f %10.2f %7.1fx %18.1f %12.1f  %s\n' "$rows" "$ours" "$theirs" "$(echo "$theirs / $ours" | bc -l)" \
        "$ours_mib" "$theirs_mib" "$check"
done
