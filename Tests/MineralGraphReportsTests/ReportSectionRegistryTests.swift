import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport
import Testing

@testable import MineralGraphReports

/// Every registered report section reaches every output: the JSON key, its document blocks in
/// Markdown and HTML, its rows in the CSV and in `diff`. A section registered but left out of a
/// formatter (or placed nowhere in the document) fails here.
@Suite("Report section registry")
struct ReportSectionRegistryTests {
    /// The bundled cobalt and e-waste graphs, with the bundled WGI table: together they give
    /// every section something to say.
    static func builder() throws -> ReportBuilder {
        ReportBuilder(governance: try GovernanceTableReader.bundledPoliticalStability(), monteCarlo: MonteCarloSettings(draws: 100))
    }

    static func reports() throws -> [Report] {
        let builder = try builder()
        return try ["cobalt-2023.yaml", "ewaste-2022.yaml"].map { name in
            let path = TestPaths.graphs.appendingPathComponent(name).path
            var graph = try GraphFileReader().read(contentsOf: path).graph
            // Production figures uncertain by ±5 %, so that the uncertainty section has something to say.
            if name.hasPrefix("cobalt"), graph.uncertaintyDefaults == nil { graph.uncertaintyDefaults = UncertaintyDefaults(production: 0.05) }
            return try builder.build(graph, file: name)
        }
    }

    @Test func keysAndOrdersNameRegisteredSections() {
        let keys = ReportSections.all.map { $0.key }
        #expect(Set(keys).count == keys.count, "two sections share a key")
        for key in ReportSections.documentOrder + ReportSections.methodOrder + ReportSections.startOrder {
            #expect(keys.contains(key), "\(key) is ordered but not registered")
        }
        #expect(ReportSections.documentSections.map { $0.key }.sorted() == keys.sorted(), "a section has no place in the document")
        #expect(ReportSections.ordered(ReportSections.methodOrder).map { $0.key }.sorted() == keys.sorted())
        // Every section has a deliberate start: a new one is placed by its cost, not left last.
        #expect(ReportSections.startOrder.sorted() == keys.sorted(), "a section has no place in the start order")
    }

    @Test func everySectionIsInTheJSON() throws {
        let report = try Self.reports()[0]
        let json = try JSONFormatter().format(report)
        for section in ReportSections.all {
            let key = ReportSectionRegistryTests.snakeCase(section.key)
            #expect(json.contains("\n  \"\(key)\" : "), "the JSON has no top-level key \(key)")
        }
        #expect(try JSONFormatter.decode(json) == report, "the JSON does not decode to the same report")
    }

    @Test func everySectionIsRenderedByEveryFormatter() throws {
        var rendered = Set<String>()
        for report in try Self.reports() {
            let markdown = MarkdownFormatter().format(report)
            let html = HTMLFormatter().format(report)
            let csv = CSVFormatter().format(report)
            // Against a graph with nothing, every row of the report is new: each section is listed.
            let nothing = try Self.builder().build(SupplyGraph(name: "nothing", year: report.graph.year))
            let diff = try ComparisonFormatter(format: .markdown).format(ReportComparison(before: nothing, after: report))
            for section in ReportSections.all {
                let blocks = section.blocks(of: report)
                guard case .heading(2, let title)? = blocks.first else {
                    #expect(blocks.isEmpty, "\(section.key) starts with something other than a section heading")
                    continue
                }
                rendered.insert(section.key)
                #expect(markdown.contains("## " + Escaping.markdown(title)), "Markdown lacks \(section.key): \(title)")
                #expect(html.contains("<h2>" + Escaping.html(title) + "</h2>"), "HTML lacks \(section.key): \(title)")
                var rows = MetricRows(year: report.graph.year)
                section.rows(of: report, into: &rows)
                #expect(!rows.rows.isEmpty || section.csvLines(of: report)?.isEmpty == false, "\(section.key) has blocks but no rows")
                if let lines = section.csvLines(of: report) {
                    for line in lines { #expect(csv.contains(line), "the CSV lacks a line of \(section.key)") }
                } else {
                    for row in rows.rows { #expect(csv.contains(CSVFormatter.line(row)), "the CSV lacks \(row.key)") }
                }
                for name in Set(rows.rows.map(\.key.section)) {
                    let heading = ReportSections.rowSectionTitles[name] ?? name
                    #expect(diff.contains(Escaping.markdown(heading)), "diff lacks the rows of \(name)")
                }
            }
        }
        #expect(rendered == Set(ReportSections.all.map { $0.key }), "no example report shows \(Set(ReportSections.all.map { $0.key }).subtracting(rendered).sorted())")
    }

    static func snakeCase(_ key: String) -> String {
        key.reduce(into: "") { out, c in out += c.isUppercase ? "_" + c.lowercased() : String(c) }
    }
}
