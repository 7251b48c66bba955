import Foundation
import MineralGraphCore
import MineralGraphFormats

/// Graph files the rendering tests use.
enum Fixtures {
    /// `Tests/MineralGraphRenderingTests/Fixtures`.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The package root (for `graphs/`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Reads a fixture graph by file name.
    static func graph(_ name: String) throws -> SupplyGraph {
        try GraphFileReader().read(contentsOf: directory.appendingPathComponent(name).path).graph
    }

    /// The cobalt chain with a recycling loop, waste flows and awkward names.
    static func cobalt() throws -> SupplyGraph { try graph("cobalt-loop.yaml") }

    /// The example graphs in `graphs/` (none on a branch that does not ship them), sorted.
    static var exampleGraphFiles: [String] {
        let directory = packageRoot.appendingPathComponent("graphs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }
}
