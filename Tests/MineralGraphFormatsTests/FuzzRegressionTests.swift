import Foundation
@testable import MineralGraphFuzzing
import Testing

@testable import MineralGraphFormats

/// Every input a fuzzer in `Fuzz/` found (kept by `Fuzz/run.sh` in `Fixtures/fuzz/TARGET/`),
/// and issue 19's reproducers beside them, read back through the same checks: a crasher,
/// once fixed, stays a located error or a correct result (docs/fuzzing.md).
@Suite("Fuzzer findings")
struct FuzzRegressionTests {
    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("fuzz")

    /// `(target, file)` for every kept input.
    static let findings: [(FuzzTarget, String)] = FuzzTarget.allCases.flatMap { target in
        let folder = directory.appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { (target, $0) }
    }

    @Test func issue19ReproducersAreKept() {
        let names = Set(Self.findings.map { "\($0.0.rawValue)/\($0.1)" })
        #expect(names.isSuperset(of: [
            "graph-yaml/issue19-lone-cr-duplicate-key", "graph-yaml/issue19-control-characters",
            "scenario/issue19-lone-cr-duplicate-key", "edit-roundtrip/issue19-column-0-comments",
            "trade-csv/issue19-utf16-baci", "trade-csv/issue19-contained-share-above-1",
        ]))
    }

    @Test(arguments: findings)
    func keptInputPassesItsTarget(_ target: FuzzTarget, _ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(target.rawValue).appendingPathComponent(name)))
        #expect(throws: Never.self) { try target.check(bytes) }
    }

    /// The seeds the fuzzers start from pass their checks too (the bundled-style graphs, their
    /// exports, every form of edit).
    @Test(arguments: FuzzTarget.allCases)
    func seedsPassTheirTarget(_ target: FuzzTarget) throws {
        let graphs = try ["small-canonical.yaml", "editing/commented.yaml"].map { try String(contentsOfFile: Fixtures.path($0), encoding: .utf8) }
        let seeds = target.seeds(fromGraphs: graphs)
        if [.graphYAML, .dot, .jsonGraph, .editScript, .editRoundTrip, .exportRoundTrip].contains(target) {
            #expect(!seeds.isEmpty)
        }
        for seed in seeds {
            #expect(throws: Never.self) { try target.check(seed) }
        }
    }

    /// The checks catch what issue 19 found: a failed edit of the patcher's, a refusal
    /// printed with a raw control character, an imported graph that does not validate.
    @Test func checksFailOnWhatTheyGuardAgainst() {
        #expect(throws: FuzzFinding.self) {
            try FuzzTarget.expectGoodFailure([Diagnostic(.error, .unknownKey, "bad \u{0} byte", at: SourceLocation(file: "f", line: 1, column: 1))],
                                             rendered: "f:1:1: error: bad \u{0} byte\n", "test")
        }
        #expect(throws: FuzzFinding.self) {
            try FuzzTarget.expectGoodFailure([Diagnostic(.error, .unknownKey, "nowhere", at: nil)], rendered: "error: nowhere\n", "test")
        }
        #expect(throws: FuzzFinding.self) {
            try FuzzTarget.expectValidImport(.init(name: "", year: 2023), "test")
        }
    }
}
