#!/usr/bin/env bash
# Runs one libFuzzer target for a while and keeps what it finds (docs/fuzzing.md).
#
# Usage: Fuzz/run.sh TARGET SECONDS [LIBFUZZER-FLAG ...]
#        Fuzz/run.sh all SECONDS        every target in turn, SECONDS each
# Targets: graph-yaml scenario production-csv trade-csv dot json-graph edit-script
#          edit-roundtrip export-roundtrip
#
# Builds the fuzzer when it is missing (release, -sanitize=fuzzer,address; FUZZ_REBUILD=1
# rebuilds), seeds it from the test fixtures and the bundled graphs, and fuzzes with a 10 s
# timeout per input and a 2 GiB memory limit. The corpus grows in Fuzz/corpus/TARGET (not in
# git). Every crash, timeout, out-of-memory or leak input is copied to
# Tests/MineralGraphFormatsTests/Fixtures/fuzz/TARGET/, where FuzzRegressionTests reads it back
# in `swift test`: fix the bug, and the crasher stays as a regression test. The last line is a
# summary: executions, coverage (libFuzzer's cov and ft), crashers. Exit status 1 when the
# target found something.
#
# SECONDS is wall time (libFuzzer's -max_total_time). On a shared machine FUZZ_CPU_SECONDS=N
# stops the run instead once the fuzzer has used N seconds of CPU time (checked every 5 s; the
# wall-time limit still applies). The summary gives the CPU time used either way.
set -uo pipefail
cd "$(dirname "$0")"
fuzz=$PWD
root=$(cd .. && pwd)
targets=(graph-yaml scenario production-csv trade-csv dot json-graph edit-script edit-roundtrip export-roundtrip)

if [[ $# -lt 2 ]]; then
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
target=$1
seconds=$2
shift 2

if [[ $target == all ]]; then
    status=0
    for each in "${targets[@]}"; do "$fuzz/run.sh" "$each" "$seconds" "$@" || status=1; done
    exit $status
fi
if [[ ! " ${targets[*]} " == *" $target "* ]]; then
    echo "unknown target '$target'; targets: ${targets[*]}" >&2
    exit 2
fi

binary=$fuzz/.build/release/mineral-graph-fuzz
if [[ ! -x $binary || ${FUZZ_REBUILD:-0} == 1 ]]; then
    echo "building the fuzzer (release, -sanitize=fuzzer,address)…" >&2
    swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2 || exit 2
fi

# Seeds: fixtures as they are, and exports made by the fuzzer binary from the graphs.
seeds=$fuzz/.seeds/$target
rm -rf "$seeds"
mkdir -p "$seeds"
copy() { for file in "$@"; do [[ -f $file ]] && cp "$file" "$seeds/$(echo "${file#"$root"/}" | tr '/' '_')"; done; }
# A trade-csv input starts with a byte saying what the rest is: 0 a trade file, 1 a product
# map, 2 a country table.
prefixed() {
    local byte=$1
    shift
    for file in "$@"; do
        [[ -f $file ]] && { printf "\\x0$byte"; cat "$file"; } >"$seeds/$byte-$(basename "$file")"
    done
}
fixtures=$root/Tests/MineralGraphFormatsTests/Fixtures
graphs=("$root"/graphs/*.yaml "$fixtures"/*.yaml "$fixtures"/broken/*.yaml "$fixtures"/editing/*.yaml
        "$root"/Tests/MineralGraphRenderingTests/Fixtures/*.yaml "$root"/Tests/MineralGraphCLITests/Fixtures/whatif/toy.yaml)
case $target in
    graph-yaml | edit-roundtrip | export-roundtrip) ;;  # the graphs themselves, below
    scenario) copy "$root"/graphs/scenarios/*.yaml "$fixtures"/scenarios/*.yaml "$fixtures"/scenarios/*/*.yaml \
        "$root"/Tests/MineralGraphCLITests/Fixtures/whatif/[b-m]*.yaml ;;
    production-csv) copy "$root"/graphs/tables/*.csv "$root"/Tests/MineralGraphCLITests/Fixtures/*.csv ;;
    trade-csv)
        prefixed 0 "$fixtures"/trade/BACI*.csv "$fixtures"/trade/baci*.csv "$fixtures"/trade/comtrade*.csv
        prefixed 1 "$fixtures"/trade/product-map-override.csv "$root"/Sources/MineralGraphFormats/Resources/hs-mineral-map.csv
        prefixed 2 "$fixtures"/trade/country_codes*.csv ;;
    dot) copy "$root"/Tests/MineralGraphRenderingTests/Golden/*.dot "$root"/Tests/MineralGraphRenderingTests/Golden/examples/*.dot ;;
esac
(IFS=:; FUZZ_TARGET=$target FUZZ_WRITE_SEEDS=$seeds FUZZ_SEED_GRAPHS="${graphs[*]}" "$binary" >/dev/null 2>&1)
# Earlier crashers seed the search too.
regressions=$fixtures/fuzz/$target
[[ -d $regressions ]] && copy "$regressions"/*

corpus=$fuzz/corpus/$target
artifacts=$fuzz/artifacts/$target
mkdir -p "$corpus" "$artifacts"
log=$fuzz/artifacts/$target.log
# No Swift backtrace after a finding: the sanitizer's report and the crasher are what count.
FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" "$corpus" "$seeds" >"$log" 2>&1 &
pid=$!
# CPU seconds (user + system) the fuzzer has used so far, from /proc.
cpu_seconds() {
    local stat
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    read -r -a fields <<<"$stat"
    echo $(( (fields[11] + fields[12]) / $(getconf CLK_TCK) ))
}
used=0 stopped=0
while kill -0 "$pid" 2>/dev/null; do
    used=$(cpu_seconds) || break
    if [[ -n ${FUZZ_CPU_SECONDS:-} && $used -ge $FUZZ_CPU_SECONDS ]]; then
        # libFuzzer prints its final statistics on SIGINT and exits with -interrupted_exit_code.
        kill -INT "$pid"
        stopped=1
        break
    fi
    sleep 5
done
wait "$pid"
status=$?
# 72: libFuzzer's exit status after the SIGINT sent above.
[[ $stopped == 1 && $status == 72 ]] && status=0

found=0
# Not slow-unit-*: libFuzzer times units by the wall clock, so on a busy machine an input that
# takes half a CPU-second is "slow"; a real hang ends as timeout-*.
for artifact in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*; do
    [[ -f $artifact ]] || continue
    mkdir -p "$regressions"
    cp "$artifact" "$regressions/"
    echo "kept $(basename "$artifact") in ${regressions#"$root"/}/" >&2
    rm "$artifact"
    found=$((found + 1))
done
if [[ $found -gt 0 || $status -ne 0 ]]; then
    grep -E "ERROR|Fatal error|panic|deadly signal|SUMMARY" "$log" | head -10 >&2
fi
runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$log" | grep -oE "[0-9]+$")
done_line=$(grep -E "^#[0-9]+[[:space:]]+DONE" "$log" | tail -1)
[[ -z $done_line ]] && done_line=$(grep -E "^#[0-9]+[[:space:]]" "$log" | tail -1)
cov=$(echo "$done_line" | grep -oE "cov: [0-9]+" | grep -oE "[0-9]+")
ft=$(echo "$done_line" | grep -oE "ft: [0-9]+" | grep -oE "[0-9]+")
echo "$target: ${seconds}s, ${used} CPU s, ${runs:-?} executions, cov ${cov:-?}, ft ${ft:-?}, corpus $(ls "$corpus" | wc -l) inputs, $found crasher(s), libFuzzer exit $status"
[[ $found -eq 0 && $status -eq 0 ]]
