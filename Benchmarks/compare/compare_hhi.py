#!/usr/bin/env python3
"""Checks that mineral-graph's and pandas' import-source HHI tables agree.

Usage: compare_hhi.py MINERAL_GRAPH.csv PANDAS.csv [TOLERANCE]

Compares every product-level row of `mineral-graph trade-hhi` (importer, hs_code without its
`HS` prefix) with the pandas row (importer, k): the same set of rows, and HHI on value and on tonnes within TOLERANCE (1e-6 by
default) where both have one; a missing HHI must be missing on both sides. Standard library only.
"""
import csv
import sys


def number(text):
    return None if text in ("", "nan", "NaN") else float(text)


def main():
    if len(sys.argv) not in (3, 4):
        sys.stderr.write(__doc__)
        sys.exit(2)
    tolerance = float(sys.argv[3]) if len(sys.argv) == 4 else 1e-6
    ours = {}
    with open(sys.argv[1], newline="") as f:
        for row in csv.DictReader(f):
            if row["level"] == "product":
                # trade-hhi writes codes as text for spreadsheets (HS260500); the peers write 260500.
                code = row["hs_code"].removeprefix("HS")
                ours[(row["importer"], code)] = (number(row["hhi_value"]), number(row["hhi_tonnes"]))
    theirs = {}
    with open(sys.argv[2], newline="") as f:
        for row in csv.DictReader(f):
            theirs[(row["importer"], row["k"])] = (number(row["hhi_value"]), number(row["hhi_tonnes"]))
    problems = []
    if ours.keys() != theirs.keys():
        problems.append(f"row sets differ: {len(ours.keys() - theirs.keys())} only in mineral-graph, "
                        f"{len(theirs.keys() - ours.keys())} only in pandas")
    worst = 0.0
    for key in sorted(ours.keys() & theirs.keys()):
        for name, a, b in zip(("hhi_value", "hhi_tonnes"), ours[key], theirs[key]):
            if (a is None) != (b is None):
                problems.append(f"{key} {name}: mineral-graph {a}, pandas {b}")
            elif a is not None:
                worst = max(worst, abs(a - b))
                if abs(a - b) > tolerance:
                    problems.append(f"{key} {name}: mineral-graph {a}, pandas {b}")
    for problem in problems[:20]:
        print("MISMATCH", problem)
    if problems:
        print(f"{len(problems)} mismatches")
        sys.exit(1)
    print(f"agree: {len(ours):,} importer-product rows, largest HHI difference {worst:.2e} (tolerance {tolerance:g})")


if __name__ == "__main__":
    main()
