import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport
import Testing

@testable import MineralGraphReports

/// Briefing-sized reports: `--sections`, sections without any known figure in one line, plain
/// text, ASCII typography.
@Suite("Briefing-sized reports")
struct BriefingReportTests {
    static func graph(_ name: String) throws -> SupplyGraph {
        try GraphFileReader().read(contentsOf: TestPaths.graphs.appendingPathComponent(name).path).graph
    }

    @Test func sectionsKeepOnlyTheNamedOnes() throws {
        let keys = try ReportBuilder.sectionKeys(named: ["imports", "Concentration", "bottleneck"])
        #expect(keys == ["concentration", "importConcentration", "bottlenecks"])
        var builder = ReportBuilder()
        builder.sections = keys
        let report = try builder.build(try Self.graph("cobalt-2023.yaml"), file: "cobalt-2023.yaml")
        let full = try ReportBuilder().build(try Self.graph("cobalt-2023.yaml"), file: "cobalt-2023.yaml")
        #expect(report.concentration == full.concentration && report.importConcentration == full.importConcentration)
        #expect(report.valueAdded == nil && report.water == nil && !full.importConcentration.isEmpty)
        #expect(Set(report.methods.map(\.id)) == ["C1", "C2", "C3"])
        let markdown = MarkdownFormatter().format(report)
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(headings == [
            "## Supplier concentration by mineral and stage", "## Bottleneck stage per mineral", "## Import-source concentration",
            "## Methods", "## Country groups", "## Sources of the figures",
        ])
        #expect(Set(report.rows().map(\.key.section)) == ["concentration", "import_concentration", "bottleneck"])
        #expect(report.tables().map(\.name) == ["concentration", "import_concentration", "bottleneck"])
    }

    @Test func anUnknownSectionNamesTheClosest() {
        #expect {
            try ReportBuilder.sectionKeys(named: ["concentraton"])
        } throws: { error in
            "\(error)".contains("unknown section 'concentraton'; did you mean 'concentration'")
        }
    }

    /// The e-waste graph has no product flows across borders: its trade section has no known
    /// figure and is one line, in every format for people.
    @Test func aSectionWithoutKnownFiguresIsOneLine() throws {
        let report = try ReportBuilder().build(try Self.graph("ewaste-2022.yaml"), file: "ewaste-2022.yaml")
        let markdown = MarkdownFormatter().format(report)
        let section = try #require(markdown.components(separatedBy: "## Trade: mass against money\n\n").dropFirst().first)
        let body = section.components(separatedBy: "\n## ")[0]
        #expect(body.hasPrefix("All 104 figures of the section are unavailable — NO_TRADE (104): no product flows cross the border."))
        #expect(!body.contains("|"), "no table left")
        #expect(TextFormatter().format(report).contains("All 104 figures of the section are unavailable"))
        #expect(HTMLFormatter().format(report).contains("All 104 figures of the section are unavailable"))
        // A section with one known figure keeps its tables.
        #expect(markdown.contains("## Supplier concentration by mineral and stage\n\nConcentration"))
    }

    @Test func plainTextHasAlignedTablesAndNoEscapes() throws {
        let report = try ReportFixtures.report(ReportFixtures.hostileGraph)
        let text = TextFormatter().format(report)
        #expect(!text.contains("\\[") && !text.contains("\\-") && !text.contains("\\|") && !text.contains("&lt;"))
        #expect(text.contains(ReportFixtures.hostile.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")))
        // No control character other than the line feeds of the layout.
        #expect(!text.unicodeScalars.contains { $0 != "\n" && MarkupEscaping.isControl($0) })
        // Every table: header, a rule of dashes, rows; right-aligned columns end in one place.
        let lines = text.components(separatedBy: "\n")
        var tables = 0
        for (index, line) in lines.enumerated() where index > 0 && !line.isEmpty && line.allSatisfy({ $0 == "-" || $0 == " " }) && line.contains("  ") {
            tables += 1
            let header = lines[index - 1]
            #expect(header.count <= line.count)
            var row = index + 1
            while row < lines.count, !lines[row].isEmpty {
                #expect(lines[row].count <= line.count, "row wider than its rule: \(lines[row])")
                row += 1
            }
        }
        #expect(tables > 3)
    }

    @Test func asciiTypographyReplacesTheMinusSign() throws {
        let report = try ReportBuilder().build(try Self.graph("cobalt-2023.yaml"), file: "cobalt-2023.yaml")
        let markdown = MarkdownFormatter().format(report)
        #expect(markdown.contains("−"))
        let ascii = ASCIITypography.apply(markdown)
        #expect(!ascii.contains("−") && !ascii.contains("–") && !ascii.contains("→") && !ascii.contains("§"))
        #expect(ascii.contains("Türkiye") || !markdown.contains("Türkiye"), "names keep their letters")
        #expect(ASCIITypography.apply("−1,887 (−12.5 %), 4,674–4,732 → §1.4") == "-1,887 (-12.5 %), 4,674-4,732 -> section 1.4")
    }
}
