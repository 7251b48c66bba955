#!/usr/bin/env bash
# mineral-graph against pandas, Polars and DuckDB on the same synthetic BACI file: import-source
# HHI per importer and HS product, and `cat FILE > /dev/null` as the read floor. Generates the
# file (and its country code table), runs each tool RUNS times, checks that every
# importer-product HHI of each peer agrees with mineral-graph's to 1e-6 (value and tonnes), and
# prints the median times, peak memory and ratios. Usage: Benchmarks/compare/run.sh [RUNS] [ROWS...]
# Peers: `pip install pandas polars duckdb`; a peer that is not installed is "skipped".
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
# MG_TOOL and MG_GENERATOR (paths of built binaries) skip the builds.
if [ -n "${MG_TOOL:-}" ] && [ -n "${MG_GENERATOR:-}" ]; then
    tool=$MG_TOOL generator=$MG_GENERATOR
else
    swift build "${main_build[@]}" --product mineral-graph >/dev/null
    (cd Benchmarks && swift build "${bench_build[@]}" --product trade-benchmark >/dev/null)
    tool="$(swift build "${main_build[@]}" --show-bin-path)/mineral-graph"
    generator="$(cd Benchmarks && swift build "${bench_build[@]}" --show-bin-path)/trade-benchmark"
fi
work=$(mktemp -d "${MG_WORK:-${TMPDIR:-/tmp}}/mg-compare.XXXXXX")
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

versions=$(python3 -c '
import importlib, platform
out = ["Python " + platform.python_version()]
for name in ("pandas", "polars", "duckdb"):
    try:
        out.append(name + " " + importlib.import_module(name).__version__)
    except ImportError:
        out.append(name + " not installed")
print(", ".join(out))')
echo "$(nproc) cores, $runs runs per size (median wall time, median peak RSS); $versions"
peers=(pandas polars duckdb)
for rows in "${sizes[@]}"; do
    csv="$work/baci-$rows.csv"
    "$generator" generate --rows "$rows" -o "$csv" --countries-out "$work/countries.csv" >/dev/null
    echo
    echo "$rows rows ($(du -m "$csv" | cut -f1) MiB):"
    printf '%-14s %10s %10s %14s  %s\n' tool "median s" "peak MiB" "÷ mineral-graph" check
    read -r ours ours_mib <<<"$(time_runs "$tool" trade-hhi "$csv" --countries "$work/countries.csv" -o "$work/ours.csv")"
    printf '%-14s %10.2f %10.1f %14s\n' mineral-graph "$ours" "$ours_mib" 1.00
    read -r floor floor_mib <<<"$(time_runs cat "$csv")"
    printf '%-14s %10.2f %10.1f %14.2f  %s\n' cat "$floor" "$floor_mib" "$(echo "$floor / $ours" | bc -l)" "read floor"
    for peer in "${peers[@]}"; do
        read -r theirs theirs_mib <<<"$(time_runs python3 "$here/trade_hhi_$peer.py" "$csv" "$work/countries.csv" "$work/$peer.csv")"
        if [ "$theirs" = "skipped" ]; then
            printf '%-14s %10s\n' "$peer" skipped
            continue
        fi
        check=$(python3 "$here/compare_hhi.py" "$work/ours.csv" "$work/$peer.csv" || true)
        printf '%-14s %10.2f %10.1f %14.2f  %s\n' "$peer" "$theirs" "$theirs_mib" "$(echo "$theirs / $ours" | bc -l)" "$check"
    done
done
