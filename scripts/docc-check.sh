#!/usr/bin/env bash
# Builds the DocC documentation of every target that has a catalog (Sources/<Target>/<Target>.docc)
# with swift-docc-plugin, as README.md shows, and fails when the output has any `warning:` or
# `error:` line (a link that does not resolve, an undocumented parameter, ...). Prints each such
# line with its location, then the count per target. About 2.5 minutes on 2 cores once the
# package is built. The archives go to .build/plugins/Swift-DocC/outputs/.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=()
for catalog in Sources/*/*.docc; do
    targets+=(--target "$(basename "$(dirname "$catalog")")")
done
if [[ ${#targets[@]} -eq 0 ]]; then
    echo "docc-check: no DocC catalog under Sources/*/" >&2
    exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift package --disable-sandbox generate-documentation "${targets[@]}" >"$log" 2>&1 || status=$?

# The plugin runs docc for independent targets at the same time, and docc prints its warnings
# when it ends, just before the plugin's "Finished building documentation for 'T'": a warning
# is counted for the target of the next such line. Warnings before the first "Building
# documentation" line come from the build; any left at the end, from a docc run that failed.
awk '
    function target_of(line) { sub(/^[^'\'']*'\''/, "", line); sub(/'\''.*$/, "", line); return line }
    function flush(target,    i) {
        if (!(target in count)) { count[target] = 0; order[++n] = target }
        for (i = 1; i <= pending; i++) print (held[i] ~ /^ / ? held[i] : target ": " held[i])
        count[target] += warnings; total += warnings; pending = 0; warnings = 0
    }
    /^Building documentation for '\''/ { if (!started && pending > 0) flush("(build)"); started = 1 }
    /^(warning|error):/ || /: (warning|error): / { held[++pending] = $0; warnings++; shown = 1; next }
    shown && /^ *--> / { held[++pending] = "    " $0 }
    { shown = 0 }
    /^Finished building documentation for '\''/ { flush(target_of($0)) }
    END {
        if (pending > 0) flush("(no target: did docc fail?)")
        for (i = 1; i <= n; i++) printf "docc-check: %s: %d warning(s)\n", order[i], count[order[i]]
        printf "docc-check: %d warning(s) in all\n", total
        exit total > 0 ? 1 : 0
    }
' "$log" || { [[ $status -ne 0 ]] || status=1; }

if [[ $status -ne 0 ]]; then
    echo "docc-check: FAILED (see the lines above; the plugin's last output follows)" >&2
    tail -n 5 "$log" >&2
    exit 1
fi
echo "docc-check: OK"
