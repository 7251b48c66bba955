#!/usr/bin/env bash
# `swift format lint` with the repository's .swift-format, checking its rules only: the
# pretty-printer's layout findings (indentation, line breaks, line length, spacing, trailing
# commas) are left out, because the tree is not formatted by `swift format` and reformatting
# it wholesale would bury every other change. Exits non-zero on any other finding.
set -euo pipefail
cd "$(dirname "$0")/.."
layout='\[(Indentation|AddLines|RemoveLine|LineLength|Spacing|TrailingComma|EndOfLineComment)\]'
findings=$(swift format lint --recursive Sources Tests Package.swift 2>&1 | grep -E 'warning|error' | grep -vE "$layout" || true)
if [[ -n $findings ]]; then
    echo "$findings" >&2
    echo "swift format lint: $(wc -l <<<"$findings") finding(s)" >&2
    exit 1
fi
echo "swift format lint: no findings (layout not checked)"
