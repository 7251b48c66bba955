import Foundation
import MineralGraphCore
import MineralGraphFormats
import Testing
@testable import MineralGraphRendering

/// The DOT text for fixed graphs and options, compared byte for byte with `Golden/`.
/// Re-record with `RECORD_GOLDEN=1 swift test --filter GoldenDOTTests` after an intended change
/// and review the diff.
@Suite("Golden DOT files")
struct GoldenDOTTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var golden: String
        var options: DiagramOptions
        var engine: LayoutEngine = .dot
        var testDescription: String { golden }
    }

    static let fixtureCases: [Case] = [
        Case(golden: "cobalt-loop.dot", options: DiagramOptions()),
        Case(golden: "cobalt-loop.group-by-country.dot", options: DiagramOptions(grouping: .country)),
        Case(golden: "cobalt-loop.min-share-0.1.dot", options: DiagramOptions(minShare: 0.1)),
        Case(golden: "cobalt-loop.top-1.cluster-stage.dot", options: DiagramOptions(clustering: .stage, top: 1)),
        Case(golden: "cobalt-loop.cluster-country.color-by-share.dot", options: DiagramOptions(clustering: .country, coloring: .share)),
        Case(golden: "cobalt-loop.weight-value.dot", options: DiagramOptions(weight: .value)),
        Case(golden: "cobalt-loop.neato.dot", options: DiagramOptions(), engine: .neato),
    ]

    @Test(arguments: fixtureCases)
    func fixture(_ testCase: Case) throws {
        let dot = try DiagramRenderer(options: testCase.options, engine: testCase.engine).dot(for: Fixtures.cobalt())
        try Golden.check(dot, named: testCase.golden)
    }

    /// One golden per example graph in `graphs/` (the default diagram), under
    /// `Golden/examples/`. A new example fails until its golden is recorded.
    @Test(arguments: Fixtures.exampleGraphFiles)
    func exampleGraph(_ file: String) throws {
        let path = Fixtures.packageRoot.appendingPathComponent("graphs").appendingPathComponent(file).path
        let graph = try GraphFileReader().read(contentsOf: path).graph
        let stem = String(file.dropLast(".yaml".count))
        try Golden.check(try DiagramRenderer().dot(for: graph), named: "examples/\(stem).dot")
    }

    @Test func goldenDiffsAreReadable() {
        let diff = Golden.diff(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
        #expect(diff == "-2: b\n+2: B")
    }
}
