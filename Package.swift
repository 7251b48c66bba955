// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "mineral-graph",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mineral-graph", targets: ["mineral-graph"]),
        .library(name: "MineralGraphCore", targets: ["MineralGraphCore"]),
        .library(name: "MineralGraphFormats", targets: ["MineralGraphFormats"]),
        .library(name: "MineralGraphAnalysis", targets: ["MineralGraphAnalysis"]),
        .library(name: "MineralGraphReports", targets: ["MineralGraphReports"]),
        .library(name: "MineralGraphRendering", targets: ["MineralGraphRendering"]),
        // The checks of the fuzz targets, shared by Fuzz/ and the crasher regression tests.
        .library(name: "MineralGraphFuzzing", targets: ["MineralGraphFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // `swift package generate-documentation` (the DocC catalogs in Sources/<Module>/<Module>.docc)
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: Model (no C; its only file is the commodity catalogue it ships)
        .target(name: "MineralGraphCore", resources: [.copy("Resources/commodities.csv")]),

        // MARK: Files: graph YAML with source positions, importers, exporters
        .target(
            name: "MineralGraphFormats",
            dependencies: ["MineralGraphCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/hs-mineral-map.csv"), .copy("Resources/wgi-political-stability.csv")]
        ),

        // MARK: Analysis passes: pure functions of a graph to Codable results
        .target(name: "MineralGraphAnalysis", dependencies: ["MineralGraphCore"]),

        // MARK: Reports: one formatter per output format (Markdown, HTML, JSON, CSV)
        .target(name: "MineralGraphReports", dependencies: ["MineralGraphAnalysis", "MineralGraphCore"]),

        // MARK: Diagrams: DOT in pure Swift; Graphviz/ is the only code that calls C
        .systemLibrary(
            name: "CGraphviz",
            path: "Sources/CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(
            name: "MineralGraphRendering",
            dependencies: ["MineralGraphCore", "CGraphviz"],
            // Natural Earth 1:110m country outlines for `map` (scripts/gen-world-map.py).
            resources: [.copy("Resources/world-110m.tsv")]
        ),

        // MARK: Fuzz target checks (docs/fuzzing.md); the fuzzers themselves are in Fuzz/
        .target(name: "MineralGraphFuzzing", dependencies: ["MineralGraphFormats", "MineralGraphCore"]),

        // MARK: Command-line tool (no business logic)
        .executableTarget(
            name: "mineral-graph",
            dependencies: [
                "MineralGraphCore",
                "MineralGraphFormats",
                "MineralGraphAnalysis",
                "MineralGraphReports",
                "MineralGraphRendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        // Shared by the test targets only, in no product: package paths, seeded random numbers,
        // approx, golden files (CONTRIBUTING.md).
        .target(name: "MineralGraphTestSupport", dependencies: ["MineralGraphFormats"], path: "Tests/MineralGraphTestSupport"),
        .testTarget(name: "MineralGraphCoreTests", dependencies: ["MineralGraphCore", "MineralGraphTestSupport"]),
        .testTarget(
            name: "MineralGraphFormatsTests",
            dependencies: ["MineralGraphFormats", "MineralGraphCore", "MineralGraphFuzzing", "MineralGraphTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MineralGraphAnalysisTests",
            dependencies: ["MineralGraphAnalysis", "MineralGraphCore", "MineralGraphTestSupport"]
        ),
        .testTarget(
            name: "MineralGraphReportsTests",
            dependencies: [
                "MineralGraphReports", "MineralGraphAnalysis", "MineralGraphFormats", "MineralGraphCore",
                "MineralGraphTestSupport",
                // Only the reports-up-to-date test draws the diagram that HTML reports embed.
                "MineralGraphRendering",
            ]
        ),
        .testTarget(
            name: "MineralGraphRenderingTests",
            dependencies: ["MineralGraphRendering", "MineralGraphCore", "MineralGraphFormats", "MineralGraphTestSupport"],
            exclude: ["Fixtures", "Golden"]
        ),
        .testTarget(
            name: "MineralGraphCLITests",
            dependencies: ["mineral-graph", "MineralGraphTestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
