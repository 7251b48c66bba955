#!/usr/bin/env bash
# Memory check of in-process rendering (issue 19): runs `report A B C --format html --out-dir D`
# on the bundled graphs under valgrind, so that one process draws three diagrams through
# libgvc, and counts valgrind's invalid reads and writes. With a Graphviz context created and
# freed per diagram, Graphviz 2.42's pango plugin read freed memory (2 invalid reads); with
# one context for the process there are none.
#
# Usage: scripts/valgrind-render.sh [GRAPH...]   (default: the graphs in graphs/; three show it)
# MINERAL_GRAPH=path/to/mineral-graph tests another build
# (default: the release build, built if missing). Valgrind 3.19 cannot read the DWARF 5 debug
# information Swift writes, so a copy of the binary without it is checked (Graphviz's own
# symbols stay). Not run by `swift test`: it takes a minute or two. Exit status 1 when valgrind
# finds invalid reads or writes.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 2; }
bin=${MINERAL_GRAPH:-.build/release/mineral-graph}
[[ -x "$bin" ]] || swift build -c release --product mineral-graph || exit 2
graphs=("$@")
[[ ${#graphs[@]} -gt 0 ]] || graphs=(graphs/*.yaml)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
objcopy --strip-debug "$bin" "$work/mineral-graph"
valgrind --num-callers=30 --log-file="$work/valgrind.log" "$work/mineral-graph" report "${graphs[@]}" --format html --out-dir "$work/reports" \
    >"$work/stdout" 2>"$work/stderr"
status=$?
reads=$(grep -c "Invalid read" "$work/valgrind.log")
writes=$(grep -c "Invalid write" "$work/valgrind.log")
frees=$(grep -c "Invalid free" "$work/valgrind.log")
echo "exit status $status; reports: $(ls "$work/reports" | tr '\n' ' ')"
echo "invalid reads: $reads, invalid writes: $writes, invalid frees: $frees"
grep "ERROR SUMMARY" "$work/valgrind.log"
if (( reads + writes + frees > 0 )); then
    grep -A16 -E "Invalid (read|write|free)" "$work/valgrind.log" | head -60
    exit 1
fi
[[ $status -eq 0 ]]
