// swift-tools-version: 6.1
// Benchmarks for mineral-graph, kept out of the main package so that `swift test` never runs
// timing-sensitive code. See README.md here.
import PackageDescription

let package = Package(
    name: "mineral-graph-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "mineral-graph", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "render-benchmark",
            dependencies: [
                .product(name: "MineralGraphCore", package: "mineral-graph"),
                .product(name: "MineralGraphFormats", package: "mineral-graph"),
                .product(name: "MineralGraphRendering", package: "mineral-graph"),
            ]
        ),
        .target(
            name: "BenchmarkGraphs",
            dependencies: [.product(name: "MineralGraphCore", package: "mineral-graph")]
        ),
        .executableTarget(
            name: "whatif-benchmark",
            dependencies: [
                "BenchmarkGraphs",
                .product(name: "MineralGraphCore", package: "mineral-graph"),
                .product(name: "MineralGraphAnalysis", package: "mineral-graph"),
            ]
        ),
        .executableTarget(
            name: "suite-benchmark",
            dependencies: [
                "BenchmarkGraphs",
                .product(name: "MineralGraphCore", package: "mineral-graph"),
                .product(name: "MineralGraphFormats", package: "mineral-graph"),
                .product(name: "MineralGraphAnalysis", package: "mineral-graph"),
                .product(name: "MineralGraphReports", package: "mineral-graph"),
                .product(name: "MineralGraphRendering", package: "mineral-graph"),
            ]
        ),
        .executableTarget(
            name: "trade-benchmark",
            dependencies: [
                .product(name: "MineralGraphCore", package: "mineral-graph"),
                .product(name: "MineralGraphFormats", package: "mineral-graph"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
