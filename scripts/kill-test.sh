#!/usr/bin/env bash
# Kill test for output files (docs/output-files.md): kills `edit --in-place`, `fmt` and
# `report -o` at random moments, on copies of the bundled graphs, and checks that every target
# is byte-identical to its old or its new version. SIGKILL cannot be handled, so a temporary
# file (.mineral-graph-tmp-*) may be left behind; the next write of the same target must remove
# it. SIGTERM and SIGINT must leave none.
#
# Usage: scripts/kill-test.sh [SIGKILLS [SIGTERMS+SIGINTS]]   (default 200 and 40)
# MINERAL_GRAPH=path/to/mineral-graph tests another build (default: the debug build).
# Not run by `swift test`: it takes a few minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
kills=${1:-200}
terms=${2:-40}
bin=${MINERAL_GRAPH:-.build/debug/mineral-graph}
[[ -x "$bin" ]] || swift build --product mineral-graph || exit 2
bin=$(realpath "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A node duration
ops=()

# Runs operation OP of graph STEM on DIR/target, replacing the shell (so $! is its pid).
# SIGINT is restored: background jobs of a script start with it ignored.
run() {
    local stem=$1 op=$2 dir=$3
    case $op in
        edit) exec env --default-signal=INT "$bin" edit --in-place "$dir/target" "node[${node[$stem]}].notes=Killed at random" ;;
        fmt) exec env --default-signal=INT "$bin" fmt "$dir/target" ;;
        report) exec env --default-signal=INT "$bin" report "graphs/$stem.yaml" -o "$dir/target" ;;
    esac
}

# The old and new version of each target, and how long an uninterrupted run takes (ms).
for graph in graphs/*.yaml; do
    stem=$(basename "$graph" .yaml)
    node[$stem]=$(sed -n '/^nodes:/,$p' "$graph" | sed -n 's/^  - id: //p' | head -1)
    for op in edit fmt report; do
        dir="$work/$stem/$op"
        mkdir -p "$dir"
        case $op in
            edit) cp "$graph" "$dir/old" ;;
            # A trailing comment makes the file non-canonical; fmt drops it.
            fmt) { cat "$graph"; printf '\n# not canonical\n'; } > "$dir/old" ;;
            report) printf 'an old report\n' > "$dir/old" ;;
        esac
        cp "$dir/old" "$dir/target"
        start=$(date +%s%N)
        (run "$stem" "$op" "$dir") > /dev/null 2>&1 || { echo "$stem $op failed" >&2; exit 2; }
        duration[$stem/$op]=$(( ($(date +%s%N) - start) / 1000000 ))
        mv "$dir/target" "$dir/new"
        cmp -s "$dir/old" "$dir/new" && { echo "$stem $op: old and new are the same" >&2; exit 2; }
        ops+=("$stem/$op")
    done
done

killed=0 finished=0 old=0 new=0 corrupt=0 left=0 handled=0 handled_left=0 rounds=0
# One round: start an operation, send SIGNAL at a random moment, check the target.
round() {
    local signal=$1 entry=${ops[$((RANDOM % ${#ops[@]}))]}
    local stem=${entry%/*} op=${entry#*/} dir="$work/$entry"
    cp "$dir/old" "$dir/target"
    local total=${duration[$entry]}
    # Half the signals anywhere in the run, half in its last third, where the output is written.
    local at=$(( RANDOM % 2 ? RANDOM % (total * 11 / 10 + 1) : total * 2 / 3 + RANDOM % (total / 2 + 1) ))
    run "$stem" "$op" "$dir" > /dev/null 2>&1 &
    local pid=$!
    sleep "$((at / 1000)).$(printf '%03d' $((at % 1000)))"
    kill "-$signal" "$pid" 2>/dev/null
    local status=0
    wait "$pid" 2>/dev/null || status=$?
    rounds=$((rounds + 1))
    if cmp -s "$dir/target" "$dir/old"; then old=$((old + 1))
    elif cmp -s "$dir/target" "$dir/new"; then new=$((new + 1))
    else
        corrupt=$((corrupt + 1))
        cp "$dir/target" "$work/../mineral-graph-kill-test-corrupt-$rounds"
        echo "CORRUPT: $entry after SIG$signal at $at ms (kept as $(dirname "$work")/mineral-graph-kill-test-corrupt-$rounds)" >&2
    fi
    # Temporary files are named .mineral-graph-tmp-NAME.PID.RANDOM.
    local temporary
    temporary=$(find "$dir" -name ".mineral-graph-tmp-*.$pid.*" | wc -l)
    if [[ $signal == KILL ]]; then
        # 128 + 9: the signal ended the process (else it had finished first).
        if ((status == 137)); then killed=$((killed + 1)); else finished=$((finished + 1)); fi
        # Counted now and left there: the next write of this target must remove them.
        left=$((left + temporary))
    else
        if ((status == 130 || status == 143)); then handled=$((handled + 1)); fi
        handled_left=$((handled_left + temporary))
    fi
}

while ((killed < kills && rounds < kills * 3)); do round KILL; done
for ((i = 0; i < terms; i++)); do
    if ((i % 2)); then round INT; else round TERM; fi
done

# One uninterrupted write of every target: stale temporary files must be gone after it.
for entry in "${ops[@]}"; do
    dir="$work/$entry"
    cp "$dir/old" "$dir/target"
    (run "${entry%/*}" "${entry#*/}" "$dir") > /dev/null 2>&1
done
remaining=$(find "$work" -name '.mineral-graph-tmp-*' | wc -l)

echo "SIGKILL: $killed ended a running process ($finished more came after it had finished)"
echo "SIGTERM/SIGINT: $handled ended a running process; temporary files they left: $handled_left"
echo "targets: $old old, $new new, $corrupt neither"
echo "temporary files left by SIGKILL: $left; left after one more write of each target: $remaining"
((corrupt == 0 && handled_left == 0 && remaining == 0 && killed >= kills))
