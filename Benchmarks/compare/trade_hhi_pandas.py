#!/usr/bin/env python3
"""Import-source HHI per importer and HS product from a CEPII BACI file, with pandas.

The script an analyst writes today (read_csv + groupby), computing what
`mineral-graph trade-hhi` computes (METHODS §1.5): for importer j and product k with imports
M_ij from partner i, HHI = 10,000 * sum_i (M_ij / sum_i M_ij)^2, on value (v) and on tonnes (q,
over the partners that report a quantity).

Usage: trade_hhi_pandas.py BACI.csv COUNTRY_CODES.csv OUT.csv

Needs pandas: `pip install pandas` (or `python3 -m pip install --user pandas`). Without it the
script says so and exits with status 3, which Benchmarks/compare/run.sh reads as "skipped".
"""
import sys
import time

try:
    import pandas as pd
except ImportError:
    sys.stderr.write("pandas is not installed: pip install pandas (skipping the pandas side)\n")
    sys.exit(3)


def hhi(frame, amount):
    """10,000 * sum of squared partner shares per (importer, product)."""
    by_partner = frame.groupby(["importer", "k", "i"], sort=False)[amount].sum()
    totals = by_partner.groupby(level=["importer", "k"], sort=False).transform("sum")
    shares = by_partner / totals
    return (shares * shares).groupby(level=["importer", "k"], sort=False).sum() * 10_000


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        sys.exit(2)
    baci_path, countries_path, out_path = sys.argv[1:]
    start = time.perf_counter()
    df = pd.read_csv(baci_path, dtype={"k": str})
    # Quantities: "NA", "  NA " and blanks are missing.
    if not pd.api.types.is_numeric_dtype(df["q"]):
        df["q"] = pd.to_numeric(df["q"].str.strip(), errors="coerce")
    # A leading zero lost in a spreadsheet (81059 -> 081059).
    df["k"] = df["k"].str.strip()
    odd = df["k"].str.len() % 2 == 1
    df.loc[odd, "k"] = "0" + df.loc[odd, "k"]
    countries = pd.read_csv(countries_path)
    # BACI writes S19 for "Other Asia, nes", which is Taiwan.
    iso3 = countries.set_index("country_code")["country_iso3"].replace({"S19": "TWN"})
    df["importer"] = df["j"].map(iso3)
    value = hhi(df, "v").rename("hhi_value")
    tonnes = hhi(df[df["q"].notna()], "q").rename("hhi_tonnes")
    result = pd.concat([value, tonnes], axis=1).reset_index().sort_values(["importer", "k"])
    result.to_csv(out_path, index=False, float_format="%.6f")
    sys.stderr.write(f"pandas {pd.__version__}: {len(df):,} rows, {len(result):,} importer-product rows in "
                     f"{time.perf_counter() - start:.3f} s\n")


if __name__ == "__main__":
    main()
