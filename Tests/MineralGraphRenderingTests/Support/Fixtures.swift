import Foundation
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport

/// Graph files the rendering tests use.
enum Fixtures {
    /// `Tests/MineralGraphRenderingTests/Fixtures`.
    static let directory = TestPaths.tests("MineralGraphRenderingTests/Fixtures")

    /// Reads a fixture graph by file name.
    static func graph(_ name: String) throws -> SupplyGraph {
        try GraphFileReader().read(contentsOf: directory.appendingPathComponent(name).path).graph
    }

    /// `Tests/MineralGraphRenderingTests/Golden`: the golden DOT and SVG files.
    static let golden = GoldenFiles(directory: TestPaths.tests("MineralGraphRenderingTests/Golden"))

    /// The cobalt chain with a recycling loop, waste flows and awkward names.
    static func cobalt() throws -> SupplyGraph { try graph("cobalt-loop.yaml") }

    /// The example graphs in `graphs/` (none on a branch that does not ship them), sorted.
    static var exampleGraphFiles: [String] { TestPaths.exampleGraphs }
}
