import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import Testing

@testable import MineralGraphReports

@Suite("Report contents")
struct ReportBuilderTests {
    @Test func concentrationRowsCarryRoundedMeasures() throws {
        let report = try ReportFixtures.report()
        let mining = try #require(report.concentration.first { $0.stage == .mining })
        #expect(mining.hhi == 4_732 && mining.hhiLo == 4_674 && mining.hhiHi == 4_732 && mining.hhiNaive == 5_074)
        #expect(mining.cr1 == 0.68 && mining.cr3 == 0.77 && mining.nEq == 2.11 && mining.residualShare == 0.2)
        #expect(mining.residualFlag && !mining.complete && mining.missing.map(\.node) == ["usa"])
        #expect(mining.top.map(\.country) == ["COD", "IDN", "RUS", "AUS"] && mining.top[0].name == "DR Congo")
        #expect(mining.band == .highlyConcentrated && mining.hNorm == nil)
        // Group shares under the DER 2024 scheme: AUS and RUS developed, COD an LDC.
        #expect(mining.groupShares == Report.GroupShares(developed: 0.07, developing: 0.73, developingExclChina: 0.73, ldc: 0.68, residual: 0.2))
        let facility = try #require(report.facilityConcentration.first { $0.stage == .mining })
        #expect(facility.top[0].node == "cod" && facility.top[0].name == "DRC mines")
        #expect(report.bottlenecks.map(\.stage) == [.processing]) // 60/20 of 80: 6,250 > 4,732
    }

    @Test func importRowsAndSettings() throws {
        let report = try ReportFixtures.report()
        let chn = try #require(report.importConcentration.first)
        #expect(chn.importer == "CHN" && chn.importerName == "China" && chn.stage == .mining)
        // 50 and 2 of 52 t.
        #expect(chn.byTonnes.hhi == ((10_000 * (2_500.0 + 4) / 2_704) * 100).rounded() / 100)
        #expect(chn.byValue.top.map(\.country) == ["COD", "AUS"])
        #expect(report.settings.guidelines == .us2023 && report.settings.scheme.id == "unctad-der-2024")
        #expect(report.methods.map(\.id) == ["C1", "C2", "C3", "C1-export", "S1", "V1", "V2", "V3", "E1", "E2", "W1", "E3", "E4", "X1"])
        #expect(try ReportBuilder(guidelines: .us2010).build(ReportFixtures.cobalt).settings.highAbove == 2_500)
    }

    @Test func unknownSchemeIsAnError() {
        #expect(throws: ReportError.unknownScheme("nope")) { try ReportBuilder(scheme: "nope").build(ReportFixtures.cobalt) }
    }

    @Test func jsonHasStableSnakeCaseKeysAndNulls() throws {
        let text = try JSONFormatter().format(try ReportFixtures.report())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "format", "graph", "settings", "concentration", "facility_concentration", "import_concentration", "export_concentration", "exposure", "supply_risk", "bottlenecks",
            "unequal_exchange", "value_added", "water", "waste", "burden_benefit", "methods", "omitted_detail",
        ])
        let rows = try #require(object["concentration"] as? [[String: Any]])
        for key in ["mineral", "stage", "year", "hhi", "hhi_lo", "hhi_hi", "cr1", "cr3", "n_eq", "band", "residual_share", "top", "h_norm", "unavailable"] {
            #expect(rows.allSatisfy { $0.keys.contains(key) }, "missing key \(key)")
        }
        let mining = try #require(rows.first { $0["stage"] as? String == "mining" })
        #expect(mining["hhi"] as? Double == 4_732 && mining["band"] as? String == "highly-concentrated")
        #expect(mining["h_norm"] is NSNull) // null, not absent
        let top = try #require(mining["top"] as? [[String: Any]])
        #expect(top[0]["country"] as? String == "COD" && top[0]["share"] as? Double == 0.68)
        let imports = try #require(object["import_concentration"] as? [[String: Any]])
        #expect((imports[0]["by_tonnes"] as? [String: Any])?["hhi"] is Double)
        // Deterministic and decodable.
        #expect(try JSONFormatter().format(try ReportFixtures.report()) == text)
        #expect(try JSONFormatter.decode(text) == (try ReportFixtures.report()))
        #expect(text.hasSuffix("}\n") && !text.contains("/work/"))
    }

    @Test func csvHasOneRowPerMarketWithFixedDecimals() throws {
        let text = CSVFormatter().format(try ReportFixtures.report())
        let all = text.split(separator: "\n")
        // The concentration rows come first; the long-format metric rows follow, from the
        // facility concentration on.
        let lines = all.prefix { !$0.contains(",facility_concentration,") }
        #expect(lines.count == 3 && lines.dropFirst().allSatisfy { $0.contains(",concentration,") })
        #expect(lines[0].hasPrefix("mineral,stage,year,basis,hhi,hhi_lo,hhi_hi,"))
        #expect(lines[1].hasPrefix("cobalt,mining,2023,t Co,4732.00,4674.00,4732.00,5074.00,0.680000,0.770000,2.11,,,highly-concentrated,true,0.200000,true,4,100,20,false,USA usa,COD 0.680000; IDN 0.050000; RUS 0.040000; AUS 0.030000,"))
        #expect(lines[2].hasPrefix("cobalt,processing,2023,t Co,6250.00,6250.00,6250.00,6250.00,0.750000,1.000000,1.60,0.250000,"))
    }

    @Test func markdownAndHTMLCarryTheSameFigures() throws {
        let report = try ReportFixtures.report()
        let markdown = MarkdownFormatter().format(report)
        let html = HTMLFormatter().format(report)
        for text in [markdown, html] {
            #expect(text.contains("4,732") && text.contains("4,674–4,732") && text.contains("68.0 %") && text.contains("highly concentrated"))
            #expect(text.contains("Import-source concentration") && text.contains("Bottleneck stage per mineral"))
            #expect(text.contains("METHODS §1.4 worked example A") && text.contains("2024-07-10"))
            #expect(text.contains("no figure on t Co for USA (node usa)"))
        }
        #expect(markdown.contains("| mining | 2023 | t Co | 4,732 | 4,674–4,732 | highly concentrated | 68.0 % | 77.0 % | 2.11 | — | 20.0 % ⚑ |"))
        #expect(html.contains("<svg") && !markdown.contains("<svg"))
        #expect(html.contains("href=\"https://example.org/methods\""))
        #expect(markdown.contains("[METHODS §1.4 worked example A](https://example.org/methods)"))
    }

    @Test func barChartShowsTopResidualAndRest() throws {
        var graph = ReportFixtures.cobalt
        graph.nodes[4].outputs[0].containedTonnes = 1 // five named suppliers
        let report = try ReportBuilder(topSuppliers: 2).build(graph)
        let row = try #require(report.concentration.first { $0.stage == .mining })
        let figure = try #require(ReportDocument.barChart(row))
        #expect(figure.svg.contains(">3 other named<") && figure.svg.contains(">Other countries (unnamed)<"))
        #expect(figure.svg.components(separatedBy: "<rect").count - 1 == 4)
        try XMLCheck.assertWellFormed(figure.svg)
    }
}
