#!/usr/bin/env python3
"""Import-source HHI per importer and HS product from a CEPII BACI file, with DuckDB.

The peer of trade_hhi_pandas.py (same input, same rules, same output columns) in SQL: for
importer j and product k with imports M_ij from partner i, HHI = 10,000 * sum_i (M_ij / sum_i
M_ij)^2, on value (v) and on tonnes (q, over the partners that report a quantity). DuckDB runs
on every core.

Usage: trade_hhi_duckdb.py BACI.csv COUNTRY_CODES.csv OUT.csv

Needs DuckDB: `pip install duckdb`. Without it the script says so and exits with status 3, which
Benchmarks/compare/run.sh reads as "skipped".
"""
import sys
import time

try:
    import duckdb
except ImportError:
    sys.stderr.write("duckdb is not installed: pip install duckdb (skipping the DuckDB side)\n")
    sys.exit(3)

QUERY = """
WITH rows AS (
    SELECT i, c.iso3 AS importer,
           CASE WHEN length(trim(k)) % 2 = 1 THEN '0' || trim(k) ELSE trim(k) END AS k,
           v, TRY_CAST(trim(q) AS DOUBLE) AS q
    FROM read_csv(?, header = true, columns = {'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER',
                                               'k': 'VARCHAR', 'v': 'DOUBLE', 'q': 'VARCHAR'})
    LEFT JOIN (SELECT country_code, CASE WHEN country_iso3 = 'S19' THEN 'TWN' ELSE country_iso3 END AS iso3
               FROM read_csv(?, header = true)) c ON c.country_code = j
),
by_value AS (SELECT importer, k, i, sum(v) AS m FROM rows GROUP BY ALL),
by_tonnes AS (SELECT importer, k, i, sum(q) AS m FROM rows WHERE q IS NOT NULL GROUP BY ALL),
hhi_value AS (SELECT importer, k, 10000 * sum(power(m / total, 2)) AS hhi_value
              FROM (SELECT *, sum(m) OVER (PARTITION BY importer, k) AS total FROM by_value) GROUP BY ALL),
hhi_tonnes AS (SELECT importer, k, 10000 * sum(power(m / total, 2)) AS hhi_tonnes
               FROM (SELECT *, sum(m) OVER (PARTITION BY importer, k) AS total FROM by_tonnes) GROUP BY ALL)
SELECT v.importer, v.k, round(v.hhi_value, 6) AS hhi_value, round(t.hhi_tonnes, 6) AS hhi_tonnes
FROM hhi_value v LEFT JOIN hhi_tonnes t ON v.importer IS NOT DISTINCT FROM t.importer AND v.k = t.k
ORDER BY v.importer, v.k
"""


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        sys.exit(2)
    baci_path, countries_path, out_path = sys.argv[1:]
    start = time.perf_counter()
    connection = duckdb.connect()
    relation = connection.execute(QUERY, [baci_path, countries_path])
    rows = relation.fetchall()
    with open(out_path, "w") as out:
        out.write("importer,k,hhi_value,hhi_tonnes\n")
        for importer, k, value, tonnes in rows:
            out.write(f"{importer},{k},{'' if value is None else f'{value:.6f}'},{'' if tonnes is None else f'{tonnes:.6f}'}\n")
    sys.stderr.write(f"duckdb {duckdb.__version__}: {len(rows):,} importer-product rows in {time.perf_counter() - start:.3f} s\n")


if __name__ == "__main__":
    main()
