import Foundation
import MineralGraphTestSupport
import Testing

/// `--excel` on every CSV the command line writes, the formula guard, the per-section tables of
/// `report --format csv --out-dir`, and the tables read back in pandas.
@Suite("Command line: CSV for spreadsheets")
struct SpreadsheetCLITests {
    static let cobalt = "graphs/cobalt-2023.yaml"
    static let production = "graphs/cobalt-production-2018-2022.yaml"
    static let bom = "\u{FEFF}"
    static let hyperlink = "=HYPERLINK(\"http://x\",\"y\")"

    /// The command-line sample graph with a mine named like a formula.
    static var formulaGraph: String {
        Samples.valid.replacingOccurrences(of: "  - id: mine\n", with: "  - id: mine\n    name: '\(hyperlink)'\n")
    }

    static func trade(_ name: String) -> String {
        TestPaths.tests("MineralGraphFormatsTests/Fixtures/trade").appendingPathComponent(name).path
    }

    static let tradeHHI = ["trade-hhi", trade("BACI_HS22_Y2022_V202401b-sample.csv"), "--countries", trade("country_codes_V202401b.csv")]

    /// Checks the `--excel` form of a CSV text against the plain one: the mark, CRLF record
    /// ends, the same cells.
    static func expectExcel(_ excel: String, of plain: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!plain.hasPrefix(bom) && !plain.contains("\r\n"), "without --excel: no mark, LF", sourceLocation: sourceLocation)
        #expect(Array(excel.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF], "starts with the UTF-8 BOM", sourceLocation: sourceLocation)
        #expect(excel.hasSuffix("\r\n"), sourceLocation: sourceLocation)
        #expect(String(excel.dropFirst()).replacingOccurrences(of: "\r\n", with: "\n") == plain, sourceLocation: sourceLocation)
    }

    @Test func everyCSVCommandTakesExcel() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let runs: [[String]] = [
            ["report", Self.cobalt, "--format", "csv"],
            ["diff", Self.cobalt, Self.cobalt, "--format", "csv"],
            ["trend", Self.production, "--format", "csv"],
            ["export", Self.cobalt, "--format", "csv", "--table", "nodes"],
            Self.tradeHHI,
        ]
        for arguments in runs {
            let plain = try CLI.run(arguments)
            let excel = try CLI.run(arguments + ["--excel"])
            #expect(plain.status == 0 && excel.status == 0, "\(arguments): \(plain.stderr)\(excel.stderr)")
            Self.expectExcel(excel.stdout, of: plain.stdout)
        }
        // Both export tables, and the --hhi-out table of import baci.
        #expect(try CLI.run(["export", Self.cobalt, "--format", "csv", "-o", dir.path("t"), "--excel"]).status == 0)
        #expect(try Self.startsWithBOM(dir.path("t.nodes.csv")) && Self.startsWithBOM(dir.path("t.edges.csv")))
        let imported = try CLI.run(["import", "baci", Self.trade("BACI_HS22_Y2022_V202401b-sample.csv"), "--countries", Self.trade("country_codes_V202401b.csv"),
                                    "-o", dir.path("g.yaml"), "--hhi-out", dir.path("hhi.csv"), "--excel"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try Self.startsWithBOM(dir.path("hhi.csv")) && dir.read("hhi.csv").hasPrefix("level,importer,hs_code"))
        #expect(!(try Self.startsWithBOM(dir.path("g.yaml"))))
    }

    @Test func excelWithoutACSVIsRefused() throws {
        for arguments in [["report", Self.cobalt, "--format", "md"], ["diff", Self.cobalt, Self.cobalt], ["export", Self.cobalt, "--format", "json"]] {
            let result = try CLI.run(arguments + ["--excel"])
            #expect(result.status != 0 && result.stderr.contains("--excel is for CSV output"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func aFormulaNameIsNeutralisedInTheExcelCSV() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let graph = try dir.write("formula.yaml", Self.formulaGraph)
        let nodes = try CLI.run(["export", graph, "--format", "csv", "--table", "nodes", "--excel"])
        #expect(nodes.status == 0, "\(nodes.stderr)")
        #expect(nodes.stdout.hasPrefix(Self.bom))
        #expect(nodes.stdout.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","))
        let report = try CLI.run(["report", graph, "--format", "csv", "--out-dir", dir.path("out"), "--excel"])
        #expect(report.status == 0, "\(report.stderr)")
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path("out/formula")) + ["../formula.csv"] {
            let text = try dir.read("out/formula/" + file)
            #expect(try Self.startsWithBOM(dir.path("out/formula/" + file)), "\(file)")
            #expect(!text.contains(",\"=") && !text.contains("\n=") && !text.contains(",=HYPERLINK"), "\(file)")
        }
    }

    @Test func reportOutDirWritesOneTablePerSection() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try CLI.run(["report", Self.cobalt, "--format", "csv", "--out-dir", dir.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path("out/cobalt-2023")).sorted()
        for name in ["concentration.csv", "import_concentration.csv", "bottleneck.csv", "value_added.csv", "water.csv"] {
            #expect(files.contains(name), "\(name) in \(files)")
        }
        // The long table is written as before.
        #expect(try dir.read("out/cobalt-2023.csv") == CLI.run(["report", Self.cobalt, "--format", "csv"]).stdout)
        let imports = try dir.read("out/cobalt-2023/import_concentration.csv")
        #expect(imports.hasPrefix("importer,importer_name,mineral,mineral_name,stage,year,basis,"))
        #expect(imports.contains("\nCHN,China,cobalt,Cobalt,mining,2023,t Co,"))
        #expect(imports.contains(",COD,DR Congo,"))
    }

    /// pandas reads the codes as text without `dtype=str`: `hs_code` with its leading zero, ISO
    /// codes, and the tables' numbers as numbers.
    @Test(.enabled(if: Python.has("pandas"), "python3 with pandas is not installed: the tables are not read back in pandas"))
    func pandasReadsCodesAsText() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try CLI.run(Self.tradeHHI + ["-o", dir.path("hhi.csv"), "--excel"]).status == 0)
        #expect(try CLI.run(["report", Self.cobalt, "--format", "csv", "--out-dir", dir.path("out"), "--excel"]).status == 0)
        let script = """
            import sys, pandas as pd
            hhi = pd.read_csv(sys.argv[1])
            assert hhi["hs_code"].dropna().map(type).eq(str).all(), hhi["hs_code"]
            assert "HS030110" in set(hhi["hs_code"]), set(hhi["hs_code"])
            assert hhi.columns[0] == "level", hhi.columns[0]
            row = hhi[(hhi.level == "product") & (hhi.hs_code == "HS260500")].iloc[0]
            assert (row.top_partner, row.top_partner_name, row.partner_2_name, row.partner_3) == ("COD", "DR Congo", "Zambia", "AUS"), row
            assert abs(row.top_partner_value_share - 0.6) < 1e-12
            imports = pd.read_csv(sys.argv[2])
            assert imports["importer"].map(type).eq(str).all()
            assert imports["hhi_by_value"].dtype.kind == "f", imports["hhi_by_value"].dtype
            concentration = pd.read_csv(sys.argv[3])
            assert concentration["top1_name"].iloc[0] == "DR Congo", concentration["top1_name"]
            print("ok")
            """
        let result = try Python.run(["-c", script, dir.path("hhi.csv"), dir.path("out/cobalt-2023/import_concentration.csv"), dir.path("out/cobalt-2023/concentration.csv")])
        #expect(result.status == 0 && result.stdout == "ok\n", "\(result.stderr)")
    }

    /// Whether the file's first bytes are the UTF-8 byte-order mark (Foundation drops it when it
    /// decodes a file as a string).
    static func startsWithBOM(_ path: String) throws -> Bool {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(3)) == [0xEF, 0xBB, 0xBF]
    }
}

/// `report --sections`, `--format txt` and `--ascii` on the command line.
@Suite("Command line: briefing-sized reports")
struct BriefingCLITests {
    @Test func sectionsTextAndASCII() throws {
        let result = try CLI.run(["report", "graphs/cobalt-2023.yaml", "--sections", "concentration,imports,bottleneck", "--format", "txt", "--ascii"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Supplier concentration by mineral and stage\n-------"))
        #expect(result.stdout.contains("Import-source concentration\n---"))
        #expect(!result.stdout.contains("Value added") && !result.stdout.contains("Reading:"))
        #expect(result.stdout.unicodeScalars.allSatisfy { $0.isASCII || "áéíóúüôöäÎ".unicodeScalars.contains($0) }, "ASCII typography; names keep their letters")
        let unknown = try CLI.run(["report", "graphs/cobalt-2023.yaml", "--sections", "concentration,bottlenek"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown section 'bottlenek'; did you mean 'bottleneck'"), "\(unknown.stderr)")
        for command in [
            ["diff", "graphs/cobalt-2023.yaml", "graphs/cobalt-2023.yaml"], ["trend", "graphs/cobalt-production-2018-2022.yaml"],
            ["whatif", "graphs/cobalt-2023.yaml", "graphs/scenarios/cobalt-2023-drc-halves.yaml"], ["brief", "graphs/cobalt-2023.yaml", "--country", "DEU"],
        ] {
            let text = try CLI.run(command + ["--format", "txt", "--ascii"])
            #expect(text.status == 0 && !text.stdout.isEmpty && !text.stdout.contains("−") && !text.stdout.contains("| "), "\(command): \(text.stderr)")
        }
    }
}
