import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphReports

/// One number style for people across `report`, `diff`, `whatif` and `brief`, and shares rounded
/// once for display.
@Suite("Number style")
struct NumberStyleTests {
    /// 0.707460 rounded to four decimals first was 0.7075 and showed as 70.8 %.
    @Test func aShareIsRoundedOnceForDisplay() throws {
        #expect(ReportUnit.share.round(0.707460) == 0.70746)
        #expect(ReportUnit.share.display(ReportUnit.share.round(0.707460)) == "70.7 %")
        // In a report: a market of 70,746 t and 29,254 t.
        var graph = ReportFixtures.cobalt
        graph.nodes = [
            Node(id: "cod", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 70_746)]),
            Node(id: "idn", kind: .mine, country: "IDN", outputs: [Output(mineral: "cobalt", containedTonnes: 29_254)]),
        ]
        graph.flows = []
        graph.otherCountries = []
        let report = try ReportFixtures.report(graph)
        #expect(report.concentration.first?.cr1 == 0.70746)
        let markdown = MarkdownFormatter().format(report)
        #expect(markdown.contains("70.7 %") && !markdown.contains("70.8 %"))
        #expect(CSVFormatter().format(report).contains(",0.707460,"))
    }

    @Test(arguments: [
        ("HHI", 5_555.2, "5,555"), ("share", 0.68, "68.0 %"), ("USD", 3_578_400_801, "$3.58 billion"), ("USD", -2_500_000, "−$2.5 million"),
        ("USD", 12_345, "$12,345"), ("t Co", -1_234.4, "−1,234"), ("ratio", 1.2345, "1.23"), ("m3 world-eq", 2_500.4, "2,500"), ("score", 2.5, "2.50"), ("count", 3, "3"),
    ])
    func unitsPrintAsTheReportPrintsThem(_ unit: String, _ value: Double, _ expected: String) {
        #expect(ReportUnit.labelled(unit).display(value) == expected)
    }

    @Test func changesKeepTheStyleAndNeverHideAChange() {
        #expect(ReportUnit.hhi.displayChange(120.4) == "+120")
        #expect(ReportUnit.hhi.displayChange(-0.2) == "−0.20")
        #expect(ReportUnit.share.displayChange(-0.0234) == "−2.3 pp")
        #expect(ReportUnit.share.displayChange(0.00001) == "+0.0010 pp")
        #expect(ReportUnit.usd.displayChange(1_200_000) == "+$1.2 million")
        #expect(ReportUnit.usd.displayChange(0) == "$0")
    }
}
