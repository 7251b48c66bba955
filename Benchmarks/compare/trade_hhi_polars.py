#!/usr/bin/env python3
"""Import-source HHI per importer and HS product from a CEPII BACI file, with Polars.

The peer of trade_hhi_pandas.py (same input, same rules, same output columns): for importer j
and product k with imports M_ij from partner i, HHI = 10,000 * sum_i (M_ij / sum_i M_ij)^2, on
value (v) and on tonnes (q, over the partners that report a quantity). Polars runs on every
core (lazy query, streaming engine where it applies).

Usage: trade_hhi_polars.py BACI.csv COUNTRY_CODES.csv OUT.csv

Needs Polars: `pip install polars`. Without it the script says so and exits with status 3, which
Benchmarks/compare/run.sh reads as "skipped".
"""
import sys
import time

try:
    import polars as pl
except ImportError:
    sys.stderr.write("polars is not installed: pip install polars (skipping the Polars side)\n")
    sys.exit(3)


def hhi(frame, amount, name):
    """10,000 * sum of squared partner shares per (importer, product)."""
    by_partner = frame.group_by(["importer", "k", "i"]).agg(pl.col(amount).sum().alias("m"))
    return by_partner.group_by(["importer", "k"]).agg(
        ((pl.col("m") / pl.col("m").sum()) ** 2).sum().mul(10_000).alias(name))


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        sys.exit(2)
    baci_path, countries_path, out_path = sys.argv[1:]
    start = time.perf_counter()
    countries = pl.read_csv(countries_path, columns=["country_code", "country_iso3"]).with_columns(
        pl.col("country_iso3").replace({"S19": "TWN"}))
    # Quantities: "NA", "  NA " and blanks are missing; k is text (leading zeros).
    df = pl.scan_csv(baci_path, schema_overrides={"k": pl.String, "q": pl.String}).with_columns(
        pl.col("q").str.strip_chars().cast(pl.Float64, strict=False),
        pl.col("k").str.strip_chars(),
    ).with_columns(
        # A leading zero lost in a spreadsheet (81059 -> 081059).
        pl.when(pl.col("k").str.len_chars() % 2 == 1).then("0" + pl.col("k")).otherwise(pl.col("k")).alias("k"),
    ).join(countries.lazy(), left_on="j", right_on="country_code", how="left").rename({"country_iso3": "importer"})
    value = hhi(df, "v", "hhi_value")
    tonnes = hhi(df.filter(pl.col("q").is_not_null()), "q", "hhi_tonnes")
    result = value.join(tonnes, on=["importer", "k"], how="left", nulls_equal=True).sort(["importer", "k"]).collect()
    result.write_csv(out_path, float_precision=6)
    sys.stderr.write(f"polars {pl.__version__}: {result.height:,} importer-product rows in {time.perf_counter() - start:.3f} s\n")


if __name__ == "__main__":
    main()
