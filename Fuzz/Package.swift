// swift-tools-version: 6.1
// libFuzzer targets for mineral-graph's readers, kept out of the main package so that
// `swift test` never builds them. Build and run with Fuzz/run.sh (docs/fuzzing.md):
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// (SwiftPM's own --sanitize keeps only the last of several, so the flags go to swiftc.)
import PackageDescription

let package = Package(
    name: "mineral-graph-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "mineral-graph", path: ".."),
    ],
    targets: [
        // One binary for every target (FUZZ_TARGET picks one): a single instrumented link
        // instead of nine.
        .executableTarget(
            name: "mineral-graph-fuzz",
            dependencies: [.product(name: "MineralGraphFuzzing", package: "mineral-graph")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
