import Foundation
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport
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
        try Fixtures.golden.check(dot, named: testCase.golden)
    }

    /// One golden per example graph in `graphs/` (the default diagram), under
    /// `Golden/examples/`. A new example fails until its golden is recorded.
    @Test(arguments: Fixtures.exampleGraphFiles)
    func exampleGraph(_ file: String) throws {
        let path = TestPaths.graphs.appendingPathComponent(file).path
        let graph = try GraphFileReader().read(contentsOf: path).graph
        let stem = String(file.dropLast(".yaml".count))
        try Fixtures.golden.check(try DiagramRenderer().dot(for: graph), named: "examples/\(stem).dot")
    }

    @Test func goldenDiffsAreReadable() {
        let diff = lineDiff(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
        #expect(diff == "--- expected\n+++ actual\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c")
        // The first differences, then how much more.
        #expect(lineDiff(expected: "1\n2\n3\n", actual: "", limit: 4) == "--- expected\n+++ actual\n@@ -1,3 +0,0 @@\n-1\n… 2 more lines of diff")
        #expect(lineDiff(expected: "a\n", actual: "a") == "(the same lines: the texts differ only in line breaks)")
    }

    /// A recording run writes the file and fails, so it can never pass silently; a comparison
    /// that differs fails with the line diff.
    @Test func recordingFailsAndMismatchShowsTheDiff() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = GoldenFiles(directory: directory)
        let missing = try files.problem(with: "a\nb\n", named: "sub/x.txt", recording: false)
        #expect(missing?.hasPrefix("no golden file ") == true, "\(missing ?? "nil")")
        withKnownIssue("a recording run fails") {
            try files.check("a\nb\n", named: "sub/x.txt", recording: true)
        }
        #expect(try files.problem(with: "a\nb\n", named: "sub/x.txt", recording: true)?.hasPrefix("recorded ") == true)
        #expect(FileManager.default.contents(atPath: directory.appendingPathComponent("sub/x.txt").path) == Data("a\nb\n".utf8))
        #expect(try files.problem(with: "a\nb\n", named: "sub/x.txt", recording: false) == nil)
        try files.check("a\nb\n", named: "sub/x.txt", recording: false)
        let differs = try files.problem(with: "a\nB\n", named: "sub/x.txt", recording: false)
        #expect(differs?.hasSuffix(":\n--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n a\n-b\n+B") == true, "\(differs ?? "nil")")
        withKnownIssue("a differing text fails") {
            try files.check("a\nB\n", named: "sub/x.txt", recording: false)
        }
    }
}
