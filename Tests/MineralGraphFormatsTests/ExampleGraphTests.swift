import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// The example graphs in `graphs/` must read, validate cleanly and be in canonical form.
@Suite("Example graphs")
struct ExampleGraphTests {
    /// Every `graphs/*.yaml`, sorted; empty when the directory is missing.
    static let files = TestPaths.exampleGraphs

    @Test func theCobaltAndLithiumExamplesExist() {
        for name in ["cobalt-2023.yaml", "lithium-2023.yaml"] {
            #expect(Self.files.contains(name), "graphs/\(name) is missing (found: \(Self.files))")
        }
    }

    @Test(arguments: files)
    func exampleReadsValidatesAndRoundTrips(_ name: String) throws {
        let path = TestPaths.graphs.appendingPathComponent(name).path
        let document: GraphDocument
        do {
            document = try GraphFileReader().read(contentsOf: path)
        } catch {
            Issue.record("graphs/\(name) does not read:\n\(error)")
            return
        }
        let findings = document.validate()
        #expect(findings.isEmpty, "graphs/\(name):\n\(DiagnosticRenderer(text: document.text).render(findings))")

        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let written = GraphFileWriter().write(document)
        #expect(Data(written.utf8) == bytes, "graphs/\(name) is not in canonical form: run mineral-graph fmt")

        let graph = document.graph
        #expect(!graph.nodes.isEmpty)
        // Chains have flows; a production-table graph (`<mineral>-production-<years>.yaml`, the
        // import of a table in graphs/tables/) has only the nodes' outputs.
        if graph.flows.isEmpty {
            #expect(
                name.contains("-production-") && graph.nodes.allSatisfy { !$0.outputs.isEmpty },
                "graphs/\(name) has no flows: only production-table graphs, whose every node has outputs, may")
        }
        #expect(!graph.sources.isEmpty, "each example cites its sources")
        #expect(!document.headerComment.isEmpty, "each example explains itself in its header comment")
    }
}
