#!/usr/bin/env bash
# Issue 19's reproducers at the command line, as a careless or hostile user types them: output
# files (devices, FIFOs, /dev/stdout, links, read-only, owner, mode, hard links), outputs that
# are inputs, the lone-CR trap, error output of long lines, control characters, UTF-16 tables,
# column-0 comments in edits and concurrent in-place edits. Each case must give a located error
# or correct output, the documented exit status, no file changed or left behind, within 20 s and
# 1 GiB. (Large inputs: scripts/hostile-inputs.sh; kills: scripts/kill-test.sh; Graphviz:
# scripts/valgrind-render.sh.)
#
# Usage: scripts/careless-user.sh [CONCURRENT-TRIALS]   (default 100)
# MINERAL_GRAPH=path/to/mineral-graph tests another build (default: the release build, built
# if missing). Some cases (owner, read-only as root) need root and are skipped otherwise.
# Prints one line per case, PASS or FAIL, with time and peak memory; exit status 1 on a FAIL.
# Not run by `swift test`: it takes a minute or two.
set -uo pipefail
cd "$(dirname "$0")/.."
trials=${1:-100}
bin=${MINERAL_GRAPH:-.build/release/mineral-graph}
[[ -x "$bin" ]] || swift build -c release --product mineral-graph || exit 2
bin=$(realpath "$bin")
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
graph=$root/graphs/cobalt-2023.yaml
toy=$root/Tests/MineralGraphCLITests/Fixtures/whatif/toy.yaml
scenario=$root/Tests/MineralGraphCLITests/Fixtures/whatif/cut-md-half.yaml
baci=$root/Tests/MineralGraphFormatsTests/Fixtures/trade/BACI_HS22_Y2022_V202401b-sample.csv
node=$(sed -n '/^nodes:/,$p' "$graph" | sed -n 's/^  - id: //p' | head -1)

# Runs the command after `--` with the 20 s and 1 GiB budget; sets $status, $seconds, $mib and
# leaves standard output and error in out and err.
run() {
    /usr/bin/time -f '%e %M' -o stats timeout -s KILL 20 "$bin" "$@" >out 2>err
    status=$?
    read -r seconds kib < <(tail -1 stats)
    mib=$(( ${kib:-0} / 1024 ))
}

# Prints the verdict of case NAME: CONDITION is a shell expression that must hold, besides the
# budget and a bounded, control-character-free standard error.
verdict() {
    local name=$1 condition=$2 ok=1
    eval "$condition" || ok=0
    (( status == 137 || mib > 1024 )) && ok=0
    (( $(wc -c <err) > 65536 )) && ok=0
    LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' err && ok=0
    if (( ok )); then
        printf 'PASS  %-64s exit %3s %6ss %5s MiB\n' "$name" "$status" "$seconds" "$mib"
    else
        failures=$((failures + 1))
        printf 'FAIL  %-64s exit %3s %6ss %5s MiB  %s\n' "$name" "$status" "$seconds" "$mib" "$(head -c 200 err | head -1)"
    fi
}

# The files of the folder (names, and sums of their contents), to show nothing changed.
listing() { find . -path ./stats -prune -o -path ./out -prune -o -path ./err -prune -o -type f -print0 | sort -z | xargs -0r cksum; find . -type l | sort; }

echo "== Output files"
run report "$graph" -o /dev/null
verdict "report -o /dev/null leaves /dev/null a device" '[[ $status == 0 && -c /dev/null ]]'
mkfifo fifo
cat fifo >from-fifo &
reader=$!
run report "$graph" -o fifo
wait $reader
verdict "report -o FIFO writes into the FIFO" '[[ $status == 0 && -p fifo && -s from-fifo ]]'
rm fifo from-fifo
run report "$graph" -o /dev/stdout
verdict "report -o /dev/stdout writes standard output" '[[ $status == 0 && -L /dev/stdout && -s out ]]'
cp "$graph" real.yaml
chmod 640 real.yaml
ln -s real.yaml link.yaml
ln real.yaml hard.yaml
run edit --in-place link.yaml "node[$node].notes=Through the link"
verdict "edit --in-place through a symlink edits the target" \
    '[[ $status == 0 && -L link.yaml && $(stat -c %a real.yaml) == 640 && $(stat -c %h real.yaml) == 2 ]] && grep -q "Through the link" hard.yaml'
{ cat real.yaml; printf '\n# not canonical\n'; } >real.tmp && cat real.tmp >real.yaml && rm real.tmp
run fmt link.yaml
verdict "fmt through a symlink keeps link, mode 640 and hard link" \
    '[[ $status == 0 && -L link.yaml && $(stat -c %a real.yaml) == 640 && $(stat -c %h real.yaml) == 2 ]] && ! grep -q "not canonical" hard.yaml'
rm link.yaml hard.yaml
printf 'old report\n' >readonly.md
chmod 444 readonly.md
run report "$graph" -o readonly.md
verdict "report -o a read-only file is refused (also as root)" '[[ $status == 1 && $(cat readonly.md) == "old report" ]] && grep -q "read-only" err'
rm -f readonly.md
chmod 600 real.yaml
if [[ $(id -u) == 0 ]]; then
    chown 1234:1234 real.yaml
    run edit --in-place real.yaml "node[$node].notes=Owner kept"
    verdict "edit --in-place keeps owner 1234:1234 and mode 600" '[[ $status == 0 && $(stat -c %u:%g:%a real.yaml) == 1234:1234:600 ]]'
fi
# The temporary file is created with the target's mode (never more open), seen by strace.
if command -v strace >/dev/null; then
    strace -f -e trace=openat -o trace "$bin" edit --in-place real.yaml "node[$node].notes=Mode 600" >out 2>err
    status=$?
    read -r seconds kib < <(echo "- 0")
    mib=0
    verdict "edit --in-place creates its temporary file with mode 0600" \
        'grep ".mineral-graph-tmp-" trace | grep -q "O_CREAT.*0600" && ! grep ".mineral-graph-tmp-" trace | grep -q "O_CREAT.*06[0-7][1-7]"'
    rm trace
fi
rm real.yaml
status=0 seconds=- mib=0
verdict "no file left behind" '[[ -z $(find . -name ".mineral-graph-tmp-*") ]]'

echo "== Outputs that are inputs (exit 1, nothing written)"
cp "$graph" g.yaml
ln -s g.yaml link.yaml
ln g.yaml hard.yaml
cp "$toy" toy.yaml
cp "$scenario" s.yaml
before=$(listing)
for output in g.yaml link.yaml hard.yaml; do
    for command in "report g.yaml" "render g.yaml --format dot" "export g.yaml --format json" "diff g.yaml toy.yaml" \
                   "edit g.yaml node[$node].notes=x" "fmt g.yaml"; do
        # shellcheck disable=SC2086
        run $command -o $output
        verdict "$command -o $output" '[[ $status == 1 && $(listing) == "$before" ]] && grep -q "it is the input file" err'
    done
done
for output in toy.yaml s.yaml; do
    run whatif toy.yaml s.yaml -o $output
    verdict "whatif toy.yaml s.yaml -o $output" '[[ $status == 1 && $(listing) == "$before" ]] && grep -q "it is the input file" err'
done
rm -f g.yaml link.yaml hard.yaml toy.yaml s.yaml

echo "== Lone carriage returns with a duplicate key (was SIGILL)"
printf 'x:\r  a: 1\r  a: 2\r' >cr.yaml
run validate cr.yaml
verdict "validate cr.yaml" '[[ $status == 1 ]] && grep -q "cr.yaml:3:3: error: duplicate key" err'
/usr/bin/time -f '%e %M' -o stats timeout -s KILL 20 "$bin" validate - <cr.yaml >out 2>err
status=$?
read -r seconds kib < <(tail -1 stats)
mib=$((kib / 1024))
verdict "validate - < cr.yaml" '[[ $status == 1 ]] && grep -q ":3:3: error: duplicate key" err'
run whatif "$toy" cr.yaml
verdict "whatif toy.yaml cr.yaml (scenario)" '[[ $status == 1 ]] && grep -q "cr.yaml:3:3: error: duplicate key" err'
rm cr.yaml

echo "== Error output of long lines (was hundreds of MB)"
for kb in 44 89; do
    python3 -c "
import sys
parts, i = [], 0
while sum(map(len, parts)) < $kb * 1024:
    parts.append(f'n{i} [kind=volcano, country=XX{i}]; n{i} -> n{i+1} [mineral=unobtainium]; ')
    i += 1
print('digraph { ' + ''.join(parts) + '}')" >long.dot
    run import dot long.dot -o long.yaml
    verdict "import dot of a $kb KB one-line DOT: $(wc -c <err) bytes of errors" '[[ $status == 1 && ! -e long.yaml ]] && grep -q "long.dot:1:" err'
done
python3 -c "
print('mineral,stage,country,quantity,year')
print(','.join(f'cobalt{i},mining,XX{i},-{i},20x3' for i in range(4000))[:79*1024])" >wide.csv
run import production wide.csv -o wide.yaml
verdict "import production of a 79 KB-line CSV: $(wc -c <err) bytes of errors" '[[ $status == 1 && ! -e wide.yaml ]] && grep -q "wide.csv:2:" err'
rm -f long.dot wide.csv

echo "== Control characters"
# The graph with TEXT as its first node's name (a YAML double-quoted string, escapes included).
named() {
    python3 - "$graph" "$1" <<'PYTHON'
import re, sys
text = open(sys.argv[1]).read()
start = text.index("\n  - id: ", text.index("\nnodes:")) + 1
end = text.find("\n  - ", start)
node = re.sub(r"\n    name: .*", "", text[start:end])
first = node.index("\n")
print(text[:start] + node[:first] + '\n    name: "' + sys.argv[2] + '"' + node[first:] + text[end:], end="")
PYTHON
}
named 'Cobalt \e[2J\a' >esc.yaml
sed -i '0,/^    country: .*/s//    country: "\\e[31mXX\\a"/' esc.yaml
run validate esc.yaml
verdict "validate: ESC and BEL in values are escaped in errors" '[[ $status == 1 ]] && grep -q "unknown country .\\\\u{1B}\[31mXX\\\\u{7}" err'
named $'Raw \x01 byte' >raw.yaml
run validate raw.yaml
verdict "validate: a raw U+0001 byte is a located read error" '[[ $status == 1 ]] && grep -q "raw.yaml:[0-9]*:[0-9]*: error: .*control characters are not allowed" err'
replacement=$'\xef\xbf\xbd'  # U+FFFD
for escape in '\x01' '\e' '\0'; do
    named "Con${escape}trol" >ctl.yaml
    run validate ctl.yaml
    verdict "validate: name with $escape is a located error" '[[ $status == 1 ]] && grep -q "ctl.yaml:[0-9]*:[0-9]*: error: .name. contains the control character" err'
    run render ctl.yaml --format svg -o ctl.svg
    verdict "render: name with $escape draws (U+FFFD)" '[[ $status == 0 && -s ctl.svg ]] && grep -q "Con${replacement}trol" ctl.svg'
    run report ctl.yaml --format html -o ctl.html
    verdict "report --format html: name with $escape is refused, located" '[[ $status == 1 && ! -e ctl.html ]] && grep -q "ctl.yaml:[0-9]*:[0-9]*: error: .name. contains" err'
    run export ctl.yaml --format dot -o ctl.dot
    verdict "export --format dot: name with $escape is refused, located" '[[ $status == 1 && ! -e ctl.dot ]] && grep -q "ctl.yaml:[0-9]*:[0-9]*: error: .name. contains" err'
    rm -f ctl.yaml ctl.svg
done
python3 -c "
import sys
text = 't,i,j,k,v,q\n2022,180,156,260500,1000,10\n'
sys.stdout.buffer.write(b'\xff\xfe' + text.encode('utf-16-le'))" >utf16.csv
for command in "import baci" "import production" "trade-hhi"; do
    # shellcheck disable=SC2086
    run $command utf16.csv -o utf16.out
    verdict "$command of a UTF-16 file names the encoding" '[[ $status == 1 && ! -e utf16.out ]] && grep -q "UTF-16, not UTF-8" err && ! grep -qP "\x00" err'
done
printf 'hs_code,mineral,stage,contained_share,contained_share_source\n260500,cobalt,mining,1.5,guess\n' >map.csv
run import baci "$baci" --product-map map.csv -o map.yaml
verdict "import baci with contained_share 1.5 is a located error" '[[ $status == 1 && ! -e map.yaml ]] && grep -q "map.csv:2:22: error: contained share 1.5 is above 1" err'
rm -f esc.yaml raw.yaml utf16.csv map.csv

echo "== Column-0 comments inside the last node or flow (were all 98 fuzzer edit findings)"
last_node=$(sed -n '/^nodes:/,/^flows:/p' "$graph" | sed -n 's/^  - id: //p' | tail -1)
last_flow=$(awk '/^flows:/{f=1} f && /^  - from: /{from=$3} f && /^    to: /{to=$2} f && /^    mineral: /{m=$2} END{print from "->" to ":" m}' "$graph")
awk -v n="$last_node" '{ lines[NR] = $0 } $0 == "  - id: " n { node = NR } /^  - from: / { flow = NR }
    END { for (i = 1; i <= NR; i++) { print lines[i]; if (i == node || i == flow) print "# a comment at column 0" } }' "$graph" >c0.yaml
for edit in "add node {id: zz-new, kind: processor, country: FIN}" "add flow {from: $node, to: $last_node, mineral: cobalt}" \
            "remove flow[$last_flow]"; do
    cp c0.yaml e.yaml
    run edit e.yaml "$edit" -o e2.yaml
    verdict "edit '$edit'" '[[ $status == 0 ]] && "$bin" validate e2.yaml >/dev/null 2>&1 && grep -q "^# a comment at column 0" e2.yaml'
    rm -f e.yaml e2.yaml
done
rm c0.yaml

echo "== Concurrent in-place edits ($trials trials of two at once)"
lost=0 failed=0
second=$(sed -n '/^nodes:/,$p' "$graph" | sed -n 's/^  - id: //p' | sed -n 2p)
start=$(date +%s%N)
for ((i = 0; i < trials; i++)); do
    cp "$graph" c.yaml
    "$bin" edit --in-place c.yaml "node[$node].notes=First $i" 2>/dev/null & a=$!
    "$bin" edit --in-place c.yaml "node[$second].notes=Second $i" 2>/dev/null & b=$!
    wait $a; sa=$?
    wait $b; sb=$?
    grep -q "notes: First $i$" c.yaml; fa=$?
    grep -q "notes: Second $i$" c.yaml; fb=$?
    # An edit that exited 0 must be in the file.
    if { ((sa == 0)) && ((fa != 0)); } || { ((sb == 0)) && ((fb != 0)); }; then lost=$((lost + 1)); fi
    ((sa != 0 || sb != 0)) && failed=$((failed + 1))
done
status=0 mib=0 seconds=$(( ($(date +%s%N) - start) / 1000000000 ))
: >err
verdict "$trials x two concurrent edits: $lost lost, $failed refused" '[[ $lost == 0 && $failed == 0 && -z $(find . -name ".mineral-graph-tmp-*") ]]'
rm c.yaml

echo
echo "$failures failing case(s)"
[[ $failures -eq 0 ]]
