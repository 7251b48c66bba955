// The code of the DocC article "Using mineral-graph from Swift"
// (Sources/MineralGraphAnalysis/MineralGraphAnalysis.docc/UsingMineralGraphFromSwift.md),
// compiled here; `articleShowsThisCode` checks that the article's code block is the text
// between the two markers below, byte for byte.
import Foundation
import MineralGraphTestSupport
import Testing

// BEGIN ARTICLE CODE
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports

/// A graph file that validation refused, with its findings as the tool prints them.
struct InvalidGraph: Error, CustomStringConvertible {
    var description: String
}

/// The cobalt mining HHI (headline, 0–10,000) of a graph file and its Markdown report.
func cobaltMiningSummary(path: String) throws -> (hhi: Double?, band: String?, markdown: String) {
    // 1. Read the file. Syntax errors throw a DiagnosticError located as FILE:LINE:COLUMN.
    let document = try GraphFileReader().read(contentsOf: path)

    // Validation findings (unknown countries, negative tonnes ...) are returned, not thrown.
    let errors = document.validate().filter { $0.severity == .error }
    guard errors.isEmpty else {
        throw InvalidGraph(description: DiagnosticRenderer(text: document.text).render(errors))
    }
    let graph = document.graph

    // 2. Run a pass: HHI per mineral, stage and year, with bounds for "other countries".
    let concentration = StageConcentrationPass(guidelines: .us2023).run(on: graph)
    let mining = concentration.market("cobalt", .mining, year: graph.year)
    // `measures` is nil, with a reason in `unavailable`, when the HHI cannot be computed.
    let hhi = mining?.measures?.hhi
    let band = mining?.band?.title

    // 3. Build the report (every pass) and format it as Markdown.
    let report = try ReportBuilder(guidelines: .us2023).build(graph, file: "cobalt-2023.yaml")
    let markdown = MarkdownFormatter().format(report)
    return (hhi, band, markdown)
}
// END ARTICLE CODE

@Suite("Article: Using mineral-graph from Swift")
struct UsingMineralGraphFromSwiftTests {
    static let root = TestPaths.packageRoot
    static let article = "Sources/MineralGraphAnalysis/MineralGraphAnalysis.docc/UsingMineralGraphFromSwift.md"

    @Test func articleCodeRunsOnTheCobaltGraph() throws {
        let summary = try cobaltMiningSummary(path: Self.root.appendingPathComponent("graphs/cobalt-2023.yaml").path)
        // Checked against the pass run directly, and against the band the HHI implies.
        let hhi = try #require(summary.hhi)
        #expect(hhi > 5_000 && hhi <= 10_000)
        #expect(summary.band == "highly concentrated")
        #expect(summary.markdown.hasPrefix("# "))
        #expect(summary.markdown.contains("cobalt"))
    }

    @Test func articleCodeRefusesAnInvalidGraph() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.yaml").path
        try Data("name: x\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: CDO\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try cobaltMiningSummary(path: path)
        } throws: { error in
            (error as? InvalidGraph)?.description.contains("unknown country 'CDO'") == true
        }
    }

    @Test func articleShowsThisCode() throws {
        let article = try String(contentsOf: Self.root.appendingPathComponent(Self.article), encoding: .utf8)
        let blocks = article.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let begin = try #require(source.range(of: "// BEGIN ARTICLE CODE\n"))
        let end = try #require(source.range(of: "// END ARTICLE CODE"))
        let compiled = String(source[begin.upperBound..<end.lowerBound])
        #expect(blocks.contains(compiled), "the article's code block differs from the code compiled in \(#filePath)")
    }
}
