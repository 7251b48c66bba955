import Foundation

/// Where the tests find the package's files: the package root (for `graphs/`, `docs/`,
/// `reports/`, `Sources/`), a test target's own folders and the shared data next to the package.
public enum TestPaths {
    /// The package root, from this file's path (`Tests/MineralGraphTestSupport/TestPaths.swift`).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `graphs/`: the example graphs.
    public static let graphs = packageRoot.appendingPathComponent("graphs")

    /// Every `graphs/*.yaml` file name, sorted; empty when `graphs/` is missing.
    public static var exampleGraphs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: graphs.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// `../shared/data/`: the real data next to the package, present on the development machine
    /// and absent in a fresh clone (tests that read it skip, saying so, when it is missing).
    public static let sharedData = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// A file or folder below the package root, such as `"docs/graph-format.md"`.
    public static func file(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent(relativePath)
    }

    /// A folder of a test target, such as `tests("MineralGraphRenderingTests/Golden")`.
    public static func tests(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("Tests").appendingPathComponent(relativePath)
    }
}
