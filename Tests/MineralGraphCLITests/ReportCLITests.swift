import Foundation
import MineralGraphTestSupport
import Testing

@Suite("Command line: import production and report")
struct ReportCLITests {
    static let fixture = TestPaths.tests("MineralGraphCLITests/Fixtures/production-usgs-style.csv").path

    /// HHI bounds computed independently from the CSV with this Python (METHODS §1.4), run once
    /// and pasted here:
    /// ```python
    /// import csv, collections, math
    /// groups = collections.defaultdict(lambda: {'named': {}, 'other': None, 'world': None})
    /// for r in csv.DictReader(open('production-usgs-style.csv', encoding='utf-8')):
    ///     q = r['Quantity'].replace(',', ''); key = (r['Mineral'], r['Stage'], r['Year'])
    ///     if q in ('', 'W'): continue
    ///     if r['Country'].startswith('World'): groups[key]['world'] = float(q)
    ///     elif r['Country'] == 'Other countries': groups[key]['other'] = float(q)
    ///     else: groups[key]['named'][r['Country']] = float(q)
    /// for key, g in sorted(groups.items()):
    ///     named = sum(g['named'].values()); other = g['other']
    ///     if other is None:  # no 'Other countries' row: a total larger by > 0.5 % leaves a residual
    ///         other = g['world'] - named if g['world'] is not None and g['world'] - named > 0.005 * g['world'] else 0.0
    ///     total = named + other
    ///     s = sorted((v / total for v in g['named'].values()), reverse=True); so = other / total
    ///     lo = 10000 * sum(x * x for x in s); q = math.floor(so / s[-1]); r = so - q * s[-1]
    ///     print(key, '%.4f %.4f' % (lo, lo + 10000 * (q * s[-1] ** 2 + r ** 2)))
    /// ```
    /// (Scale conversions — kt → t — scale whole markets and leave shares unchanged; lithium
    /// stays in t Li as the table gives it.)
    static let expected: [String: (lo: Double, hi: Double)] = [
        "cobalt/mining/2022": (5_732.1313, 5_747.5102),
        "cobalt/mining/2023": (5_604.6313, 5_618.6839),
        "cobalt/processing/2023": (7_089.1746, 7_091.4653), // World total 185 kt, rows 182.2 kt: residual 2.8 kt
        "graphite/mining/2022": (4_765.5795, 4_767.0169),
        "graphite/mining/2023": (6_233.4061, 6_233.8115),
        "lithium/mining/2022": (3_538.2616, 3_538.2616),
        "lithium/mining/2023": (3_096.2930, 3_096.2930),
        "rare-earths/mining/2023": (4_880.9663, 4_880.9732),
    ]

    @Test func importedUSGSStyleTableReportsHHIsMatchingAnIndependentComputation() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let graph = directory.appendingPathComponent("production.yaml").path
        let imported = try CLI.run(["import", "production", Self.fixture, "-o", graph])
        #expect(imported.status == 0)
        #expect(imported.stderr.contains("warning: withheld figure for USA (United States), cobalt mining 2023"))
        #expect(imported.stderr.contains("warning: the rows for graphite mining 2022 sum to 1,272,300 t gross, 97.9 % of the World total 1,300,000 t gross"))
        #expect(try CLI.run(["validate", "-q", graph]).status == 0)

        let report = try CLI.run(["report", graph, "--format", "json"])
        #expect(report.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["concentration"] as? [[String: Any]])
        var seen: [String] = []
        for row in rows {
            let key = "\(row["mineral"]!)/\(row["stage"]!)/\(row["year"]!)"
            seen.append(key)
            let expected = try #require(Self.expected[key], "unexpected market \(key)")
            let (hhi, lo, hi) = (row["hhi"] as? Double, row["hhi_lo"] as? Double, row["hhi_hi"] as? Double)
            #expect(abs(try #require(lo) - expected.lo) <= 0.01, "\(key) hhi_lo")
            #expect(abs(try #require(hi) - expected.hi) <= 0.01, "\(key) hhi_hi")
            #expect(hhi == hi, "\(key): the headline is the upper bound")
        }
        #expect(seen.sorted() == Self.expected.keys.sorted())
        // Withheld figures make the figure incomplete, and the report says so.
        let cobalt2023 = try #require(rows.first { "\($0["mineral"]!)/\($0["stage"]!)/\($0["year"]!)" == "cobalt/mining/2023" })
        #expect(cobalt2023["complete"] as? Bool == false)
        let markdown = try CLI.run(["report", graph])
        #expect(markdown.stdout.contains("**cobalt · mining · 2023**: incomplete — no figure on t Co for USA (node usa-mining)"))
    }

    @Test func wideTablesOptionsAndSeveralFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lithium = directory.appendingPathComponent("Lithium_(Li2O).csv")
        try "Country,Country_Code,Country_ISO,2021,2022,unit,data_source\nAustralia,36,AUS,113600,149800,metr. t,r\nChile,152,CHL,,\"60,000\",metr. t,e\n"
            .write(to: lithium, atomically: true, encoding: .utf8)
        let cobalt = directory.appendingPathComponent("table.csv")
        try "country,Mine production 2022,Mine production 2023e\nCuba,\"3,900\",\"3,500\"\n".write(to: cobalt, atomically: true, encoding: .utf8)
        let graph = directory.appendingPathComponent("g.yaml").path
        // The second table names no mineral: --mineral applies to tables without one, the file
        // name of the first still gives lithium on Li2O.
        let failed = try CLI.run(["import", "production", lithium.path, cobalt.path, "-o", graph])
        #expect(failed.status == 1 && failed.stderr.contains("table.csv:1:1: error: the table has no 'mineral' column and its name 'table' is not a mineral"))
        let imported = try CLI.run(["import", "production", lithium.path, "--blank", "zero", "--year", "2021", "-o", graph])
        #expect(imported.status == 0 && imported.stderr.isEmpty)
        let text = try String(contentsOfFile: graph, encoding: .utf8)
        #expect(text.contains("# Blank cells: 1, read as zero."))
        #expect(text.contains("contained_tonnes: 0\n        basis: Li2O"))
        let cobaltOnly = try CLI.run(["import", "production", cobalt.path, "--mineral", "cobalt", "-o", "-"])
        #expect(cobaltOnly.status == 0 && cobaltOnly.stdout.contains("stage mining (from the year headers)"))
        let plain = try CLI.run(["import", "production", cobalt.path, "--mineral", "lithium"])
        #expect(plain.status == 1 && plain.stderr.contains("error: plain tonnes of lithium do not say what they measure"))
        #expect(try CLI.run(["import", "production", cobalt.path, "--mineral", "lithium", "--basis", "LCE"]).status == 0)
        #expect(try CLI.run(["import", "production", cobalt.path, "--blank", "maybe"]).status != 0)
    }

    @Test func importErrorsArePositionedAndFail() throws {
        let table = "mineral,stage,country,year,quantity\ncobalt,mining,Congo (Kinshasha),2023,5\n"
        let result = try CLI.run(["import", "production", "-"], stdin: table)
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:2:15: error: unknown country 'Congo (Kinshasha)'\ncobalt,mining,Congo (Kinshasha),2023,5\n              ^\nnote: closest matches: COD (DR Congo)"))
        #expect(result.stdout.isEmpty)
    }

    @Test func formatAllWritesEveryFormatDeterministically() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let graph = directory.appendingPathComponent("cobalt.yaml").path
        #expect(try CLI.run(["import", "production", Self.fixture, "-o", graph]).status == 0)
        let out = directory.appendingPathComponent("reports").path
        #expect(try CLI.run(["report", graph, "--format", "all", "--out-dir", out]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["cobalt.csv", "cobalt.html", "cobalt.json", "cobalt.md"])
        let first = try names.map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }
        #expect(try CLI.run(["report", graph, "--format", "all", "--out-dir", out]).status == 0)
        let second = try names.map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }
        #expect(first == second)
        #expect(!first.contains { $0.contains(directory.path) }) // no absolute paths
        #expect(first[1].hasPrefix("<!DOCTYPE html>") && !first[1].contains("<script") && !first[1].contains("src="))
        // The stdout form of one format is the same text.
        #expect(try CLI.run(["report", graph, "--format", "csv"]).stdout == first[0])
        #expect(try CLI.run(["report", graph, "--format", "csv", "--bands", "2010"]).stdout == first[0]) // bands 2,500: all still high
        #expect(try CLI.run(["report", graph, "--format", "json", "--bands", "2010"]).stdout.contains("\"guidelines\" : \"2010\""))
    }

    @Test func badInputExitsNonZeroWithAMessageAndWritesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A graph with a validation error is refused.
        let invalid = "name: x\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: CDO\n"
        let refused = try CLI.run(["report", "-", "-o", directory.appendingPathComponent("x.md").path], stdin: invalid)
        #expect(refused.status == 1 && refused.stderr.contains("<stdin>:6:14: error: unknown country 'CDO'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        // Option misuse.
        #expect(try CLI.run(["report", Self.fixture, "--format", "all"]).stderr.contains("--format all writes several files: give --out-dir"))
        #expect(try CLI.run(["report", "a.yaml", "b.yaml"]).stderr.contains("several graphs need --out-dir"))
        #expect(try CLI.run(["report", "a.yaml", "--scheme", "nope"]).stderr.contains("unknown scheme 'nope'"))
        #expect(try CLI.run(["report", "a.yaml", "--bands", "2020"]).status != 0)
        // An output directory that does not exist: a clear error, no stray temporary file.
        let graph = directory.appendingPathComponent("g.yaml").path
        #expect(try CLI.run(["import", "production", Self.fixture, "-o", graph]).status == 0)
        let missing = try CLI.run(["report", graph, "-o", directory.appendingPathComponent("no/such/dir/r.md").path])
        #expect(missing.status == 1 && missing.stderr.contains("does not exist"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["g.yaml"])
    }
}

@Suite("Command line: the real-data production table")
struct RealTableCLITests {
    /// USGS 2015 Minerals Yearbook, cobalt table 8 (graphs/tables/README.md). Expected HHIs
    /// computed independently from the printed figures (Python: shares of the country rows,
    /// 10,000 · Σ s²): 2011 3,053.7137; 2015 2,703.8115.
    @Test func usgsCobaltTableImportsCleanlyAndGivesTheExpectedHHIs() throws {
        let table = TestPaths.graphs.appendingPathComponent("tables/cobalt-mine-production-2011-2015.csv").path
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let graph = directory.appendingPathComponent("cobalt.yaml").path
        let imported = try CLI.run(["import", "production", table, "-o", graph])
        #expect(imported.status == 0 && imported.stderr.isEmpty) // every World total within 2 %
        let report = try CLI.run(["report", graph, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["concentration"] as? [[String: Any]])
        #expect(rows.count == 5)
        let byYear = Dictionary(uniqueKeysWithValues: rows.map { ($0["year"] as! Int, $0) })
        #expect(abs((byYear[2011]?["hhi"] as? Double ?? 0) - 3_053.7137) <= 0.01)
        #expect(abs((byYear[2015]?["hhi"] as? Double ?? 0) - 2_703.8115) <= 0.01)
        #expect(byYear[2015]?["supplier_count"] as? Int == 20 && byYear[2011]?["supplier_count"] as? Int == 17)
    }
}
