import Foundation
import MineralGraphTestSupport
import Testing

@Suite("Command line: import baci, import comtrade, trade-hhi")
struct TradeImportCLITests {
    static func fixture(_ name: String) -> String {
        TestPaths.tests("MineralGraphFormatsTests/Fixtures/trade").appendingPathComponent(name).path
    }

    static let baci = fixture("BACI_HS22_Y2022_V202401b-sample.csv")
    static let comtrade = fixture("comtrade-sample.csv")

    @Test func baciImportValidatesAndReports() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let graph = dir.path("baci.yaml")
        let imported = try CLI.run(["import", "baci", Self.baci, "--countries", Self.fixture("country_codes_V202401b.csv"),
                                    "--products", Self.fixture("product_codes_HS22_V202401b.csv"), "-o", graph, "--hhi-out", dir.path("hhi.csv")])
        #expect(imported.status == 0, "\(imported.stderr)")
        // The summary goes to standard error; no progress line when it is not a terminal.
        #expect(imported.stderr.contains("CEPII BACI HS22 V202401b 2022: 17 rows read, 16 kept."))
        #expect(imported.stderr.contains("  710812: 1 row, USD 1,000,000"))
        #expect(imported.stderr.contains("Country codes not in country_codes_V202401b.csv: 999 (1 row)."))
        #expect(!imported.stderr.contains("\r"))
        let text = try dir.read("baci.yaml")
        #expect(text.hasPrefix("# Imported by `mineral-graph import baci` from BACI_HS22_Y2022_V202401b-sample.csv."))
        #expect(text.contains("id: chn-processing"))
        #expect(text.contains("product: HS 260500 Cobalt ores and concentrates"))
        let validated = try CLI.run(["validate", graph])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
        let report = try CLI.run(["report", graph, "--format", "md", "--no-diagram"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("| China (CHN) | cobalt | mining | 2022 |"))
        let hhi = try dir.read("hhi.csv")
        #expect(hhi.contains("\nproduct,CHN,HS260500,cobalt,mining,2022,3,1000000,4600.000000,highly-concentrated,,1500,5555.555556,highly-concentrated,,1,COD,DR Congo,0.600000,ZMB,Zambia,0.300000,AUS,Australia,0.100000,0\n"))
        #expect(hhi.contains("\nmineral-stage,KOR,,lithium,processing,2022,3,5000000,3600.000000,"))
    }

    /// A BACI file of two years (the sample's rows in 2022 and, with other values, in 2021,
    /// interleaved) gives in one run exactly the rows of the two single-year runs, year by year;
    /// `--year` picks one.
    @Test func tradeHHIOnTwoYearsEqualsTheSingleYearRuns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sample = try String(contentsOfFile: Self.baci, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = sample[0], rows2022 = Array(sample.dropFirst())
        // 2021: the same flows, values scaled by 1 + (row mod 3), the quoted row unquoted.
        let rows2021 = rows2022.enumerated().map { index, row -> String in
            var fields = row.replacingOccurrences(of: "\"", with: "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[0] = "2021"
            fields[4] = String(Double(fields[4])! * Double(1 + index % 3))
            return fields.joined(separator: ",")
        }
        let both = [header] + zip(rows2021, rows2022).flatMap { [$0, $1] }
        try (both.joined(separator: "\n") + "\n").write(toFile: dir.path("BACI_HS22_Y2021-2022.csv"), atomically: true, encoding: .utf8)
        try ([header] + rows2021).joined(separator: "\n").write(toFile: dir.path("BACI_HS22_Y2021.csv"), atomically: true, encoding: .utf8)
        let countries = ["--countries", Self.fixture("country_codes_V202401b.csv")]
        let run = { (arguments: [String]) throws -> String in
            let result = try CLI.run(["trade-hhi"] + arguments + countries)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }
        let single2021 = try run([dir.path("BACI_HS22_Y2021.csv")])
        let single2022 = try run([Self.baci])
        let twoYears = try run([dir.path("BACI_HS22_Y2021-2022.csv")])
        let body = { (csv: String) in csv.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n") }
        #expect(twoYears == single2021 + body(single2022))
        #expect(single2021.contains("\nproduct,CHN,HS260500,cobalt,mining,2021,3,") && single2022.contains("\nproduct,CHN,HS260500,cobalt,mining,2022,3,"))
        #expect(try run([dir.path("BACI_HS22_Y2021-2022.csv"), "--year", "2022"]) == single2022)
        #expect(try run([dir.path("BACI_HS22_Y2021-2022.csv"), "--year", "2021"]) == single2021)
    }

    /// A graph built from trade alone reports export shares as exports (METHODS §1.10): no
    /// production HHI, a non-empty `export_concentration`, and no "mines" in the reading.
    @Test func tradeOnlyGraphReportsExportConcentrationNotProduction() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let graph = dir.path("baci.yaml")
        let imported = try CLI.run(["import", "baci", Self.baci, "--countries", Self.fixture("country_codes_V202401b.csv"),
                                    "--products", Self.fixture("product_codes_HS22_V202401b.csv"), "-o", graph])
        #expect(imported.status == 0, "\(imported.stderr)")
        let json = try CLI.run(["report", graph, "--format", "json", "--no-diagram"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let concentration = try #require(object["concentration"] as? [[String: Any]])
        let producing = concentration.filter { ["mining", "processing", "manufacturing"].contains($0["stage"] as? String) }
        #expect(!producing.isEmpty)
        for row in producing {
            #expect(row["hhi"] is NSNull)
            #expect((row["unavailable"] as? [String: Any])?["code"] as? String == "NO_PRODUCTION_FIGURES")
        }
        let exports = try #require(object["export_concentration"] as? [[String: Any]])
        let cobaltOres = try #require(exports.first { $0["mineral"] as? String == "cobalt" && $0["stage"] as? String == "mining" })
        #expect(cobaltOres["basis"] as? String == "t gross")
        #expect(cobaltOres["hhi"] is Double)
        let top = try #require((cobaltOres["top"] as? [[String: Any]])?.first)
        #expect(top["country"] as? String != nil && top["share"] is Double)
        let markdown = try CLI.run(["report", graph, "--format", "md", "--no-diagram"])
        let reading = try #require(markdown.stdout.components(separatedBy: "## Reading").dropFirst().first?.components(separatedBy: "\n## ").first)
        #expect(!reading.contains(" mines ") && !reading.contains(" processes ") && !reading.contains(" refines "))
        #expect(reading.contains("only shipments"))
        #expect(markdown.stdout.contains("## Export concentration"))
    }

    @Test func comtradeImportBothSides() throws {
        let importer = try CLI.run(["import", "comtrade", Self.comtrade])
        #expect(importer.status == 0, "\(importer.stderr)")
        #expect(importer.stdout.contains("from: cod-mining\n    to: chn-processing"))
        #expect(importer.stderr.contains("Skipped 1 row (USD 1,000,000): partner is World"))
        let validated = try CLI.run(["validate", "-"], stdin: importer.stdout)
        #expect(validated.status == 0, "\(validated.stderr)")
        let exporter = try CLI.run(["import", "comtrade", Self.comtrade, "--side", "exporter"])
        #expect(exporter.status == 0)
        #expect(exporter.stdout.contains("Re-export (Comtrade RX): shipped from NLD"))
        #expect(exporter.stdout.contains("Exporter-reported rows (flowCode X and RX)"))
    }

    @Test func tradeHHIRecognisesTheFormatAndIsDeterministic() throws {
        let first = try CLI.run(["trade-hhi", Self.comtrade])
        #expect(first.status == 0, "\(first.stderr)")
        // CHN ore: value 600,000 / 300,000 / 100,000; tonnes 5,000 (netWgt) and 300 (qty in kg).
        #expect(first.stdout.contains("\nproduct,CHN,HS260500,cobalt,mining,2022,3,1000000,4600.000000,highly-concentrated,,5300,8932.004272,"))
        let second = try CLI.run(["trade-hhi", Self.comtrade])
        #expect(second.stdout == first.stdout)
    }

    @Test func productMapOverrideAddsAndRemovesCodes() throws {
        let result = try CLI.run(["import", "baci", Self.baci, "--product-map", Self.fixture("product-map-override.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("mineral: gallium"))
        #expect(result.stdout.contains("overridden by product-map-override.csv"))
    }

    @Test func malformedRowFailsWithFileLineColumnAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try CLI.run(["import", "baci", Self.fixture("baci-malformed.csv"), "-o", dir.path("out.yaml"), "--hhi-out", dir.path("hhi.csv")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("baci-malformed.csv:3:21: error: value '3O0' is not a number\n2022,894,156,260500,3O0,NA\n                    ^\n"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("out.yaml")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("hhi.csv")))
    }

    @Test func severalYearsNeedTheYearOption() throws {
        let text = "t,i,j,k,v,q\n2021,180,156,260500,5,1\n2022,180,156,260500,7,1\n"
        let failed = try CLI.run(["import", "baci", "-"], stdin: text)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("<stdin>:3:1: error: the file has rows for 2 years (2021, 2022); a graph describes one"))
        let picked = try CLI.run(["import", "baci", "-", "--year", "2022"], stdin: text)
        #expect(picked.status == 0, "\(picked.stderr)")
        #expect(picked.stdout.contains("year: 2022"))
        #expect(picked.stderr.contains("Skipped 1 row (USD 5,000): a year other than the one imported."))
    }
}
