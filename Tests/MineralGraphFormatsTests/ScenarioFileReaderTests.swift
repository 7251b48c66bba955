import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

extension Fixtures {
    /// The names of the `.yaml` files in `Fixtures/DIRECTORY`, sorted.
    static func names(in directory: String) -> [String] {
        let url = Self.directory.appendingPathComponent(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }
}

@Suite("Scenario files")
struct ScenarioFileReaderTests {
    static let broken = Fixtures.names(in: "scenarios/broken")
    static let warnings = Fixtures.names(in: "scenarios/warnings")

    func read(_ name: String) throws -> ScenarioDocument {
        try ScenarioFileReader().read(contentsOf: Fixtures.path("scenarios/" + name))
    }

    @Test func readsEveryForm() throws {
        let scenario = try read("full.yaml").scenario
        #expect(scenario.id == "every-form")
        #expect(scenario.title == "Every form of shock and spare capacity")
        #expect(scenario.description?.hasPrefix("Cuts by filter") == true)
        #expect(scenario.sources.map(\.id) == ["policy-2024"])
        #expect(scenario.sources.first?.url == "https://example.org/announcement")
        #expect(scenario.shocks == [
            // Country names and alpha-2 codes resolve as in graph files; filters keep the
            // order of the filter keys.
            .cut(OutputCut(nodes: [.country(["COD", "ZMB"]), .kind(["mine"])], mineral: "cobalt", fraction: 0.5)),
            .cut(OutputCut(nodes: [.id(["cod-mines"])], fraction: 1)),
            .cut(OutputCut(nodes: [.id(["a", "b"])], fraction: 0)),
            .cut(OutputCut(nodes: [.country(["CHN"]), .stage([.processing])], fraction: 0.25)),
            // Mineral aliases resolve too ("Ni").
            .exportBan(ExportBan(country: "IDN", mineral: "nickel", stage: .mining, destinations: ["CHN", "JPN"], mode: .divertDomestic)),
            .exportBan(ExportBan(country: "COD")),
            .addCapacity(CapacityAddition(nodes: [.id(["mar-refinery"])], mineral: "cobalt", tonnes: 5000)),
        ])
        #expect(scenario.spareCapacity == [
            SpareCapacity(nodes: [.country(["AUS"]), .stage([.mining])], amount: .fractionOfOutput(0.2)),
            SpareCapacity(nodes: [.id(["x"])], mineral: "cobalt", amount: .tonnes(600)),
            SpareCapacity(nodes: [], amount: .declaredCapacity),
        ])
    }

    @Test func readsAMinimalScenario() throws {
        let document = try read("minimal.yaml")
        #expect(document.scenario == Scenario(id: "minimal", shocks: [.cut(OutputCut(nodes: [.kind(["mine"])], fraction: 0.1))]))
        // Positions of the parts, for warnings; unrecorded parts fall back to their parent.
        let file = Fixtures.path("scenarios/minimal.yaml")
        #expect(document.sourceMap.location(of: .shock(index: 0, field: "cut")) == SourceLocation(file: file, line: 3, column: 10))
        #expect(document.sourceMap.location(of: .shock(index: 0, field: "cut.kind.0")) == SourceLocation(file: file, line: 3, column: 17))
        #expect(document.sourceMap.location(of: .shock(index: 0, field: "fraction")) == SourceLocation(file: file, line: 4, column: 15))
        #expect(document.sourceMap.location(of: .shock(index: 0, field: "mineral")) == SourceLocation(file: file, line: 3, column: 5))
        #expect(document.sourceMap.location(of: .spare(index: 3, field: "nodes")) == SourceLocation(file: file, line: 1, column: 1))
    }

    @Test func theNamedErrorsEachHaveAFixture() {
        let codes = Set(Self.broken.flatMap { name in
            ExpectedDiagnostic.parse((try? String(contentsOfFile: Fixtures.path("scenarios/broken/" + name), encoding: .utf8)) ?? "").map(\.code)
        })
        let required: Set = [
            "fraction-out-of-range", "negative-tonnes", "unknown-country", "unknown-stage", "unknown-mode", "unknown-key",
            "unknown-mineral", "unknown-kind", "yaml-alias", "yaml-syntax", "missing-key", "missing-verb", "several-verbs",
            "missing-amount", "several-amounts", "graph-not-scenario", "no-shocks", "expected-number",
        ]
        #expect(required.subtracting(codes).isEmpty, "no fixture for: \(required.subtracting(codes).sorted())")
    }

    @Test(arguments: Self.broken)
    func brokenFixtureFailsWithTheMarkedErrors(_ name: String) throws {
        let path = Fixtures.path("scenarios/broken/" + name)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = ExpectedDiagnostic.parse(text)
        try #require(!expected.isEmpty, "\(name) has no expectation marker")
        let error = try #require(throws: DiagnosticError.self) { try ScenarioFileReader().read(contentsOf: path) }
        ExpectedDiagnostic.check(error.diagnostics, against: expected, in: error.text, path: path, name: name)
    }

    @Test(arguments: Self.warnings)
    func warningsAgainstAGraphPointIntoTheScenario(_ name: String) throws {
        let graph = try GraphFileReader().read(contentsOf: Fixtures.path("small-canonical.yaml")).graph
        let path = Fixtures.path("scenarios/warnings/" + name)
        let document = try ScenarioFileReader().read(contentsOf: path)
        let expected = ExpectedDiagnostic.parse(document.text)
        try #require(!expected.isEmpty, "\(name) has no expectation marker")
        ExpectedDiagnostic.check(document.validate(against: graph), against: expected, in: document.text, path: path, name: name, severity: .warning)
    }

    @Test func aValidScenarioHasNoWarnings() throws {
        let graph = try GraphFileReader().read(contentsOf: Fixtures.path("small-canonical.yaml")).graph
        let text = """
            scenario: fine
            shocks:
              - cut: {country: COD, kind: mine}
                mineral: cobalt
                fraction: 0.5
              - ban: COD
                to: [CHN]
            spare:
              - nodes: ref-c
                capacity: declared
            """
        let document = try ScenarioFileReader().read(text: text, file: "fine.yaml")
        #expect(document.validate(against: graph).isEmpty)
    }

    @Test func errorsAreCollectedInFileOrder() throws {
        let error = try #require(throws: DiagnosticError.self) {
            try ScenarioFileReader().read(contentsOf: Fixtures.path("scenarios/broken/names.yaml"))
        }
        let lines = error.diagnostics.map { $0.location?.line ?? 0 }
        #expect(error.diagnostics.count == 10)
        #expect(lines == lines.sorted())
        // Rendered like the graph reader's: location, source line, caret, notes.
        #expect(error.description.contains("""
            names.yaml:4:20: error: unknown country 'CDO'
              - cut: {country: CDO, kind: mine}
                               ^
            note: closest matches: COD
            """))
    }

    @Test func standardInputIsNamedInDiagnostics() throws {
        let error = try #require(throws: DiagnosticError.self) {
            try ScenarioFileReader().read(text: "scenario: x\nshocks:\n  - cut: x\n    fraction: 3\n", file: "<stdin>")
        }
        #expect(error.diagnostics.map(\.location) == [SourceLocation(file: "<stdin>", line: 4, column: 15)])
    }

    @Test func aByteOrderMarkDoesNotShiftColumns() throws {
        let error = try #require(throws: DiagnosticError.self) {
            try ScenarioFileReader().read(text: "\u{FEFF}scenario: x\nshocks:\n  - cut: x\n    fraction: 3\n", file: "bom.yaml")
        }
        #expect(error.diagnostics.map(\.location?.column) == [15])
    }
}

/// The example scenarios in `graphs/scenarios/` read, and run cleanly on their graph (the graph
/// file whose stem starts the scenario's name: `cobalt-2023-…` runs on `cobalt-2023.yaml`).
@Suite("Example scenarios")
struct ExampleScenarioTests {
    static let directory = TestPaths.graphs.appendingPathComponent("scenarios")
    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test(arguments: files)
    func exampleReadsAndHasNoWarningsOnItsGraph(_ name: String) throws {
        let path = Self.directory.appendingPathComponent(name).path
        let document: ScenarioDocument
        do {
            document = try ScenarioFileReader().read(contentsOf: path)
        } catch {
            Issue.record("graphs/scenarios/\(name) does not read:\n\(error)")
            return
        }
        #expect(document.scenario.id + ".yaml" == name)
        let graphName = try #require(ExampleGraphTests.files.first { name.hasPrefix(String($0.dropLast(".yaml".count)) + "-") },
                                     "no graph in graphs/ for \(name)")
        let graph = try GraphFileReader().read(contentsOf: TestPaths.graphs.appendingPathComponent(graphName).path).graph
        let warnings = document.validate(against: graph)
        #expect(warnings.isEmpty, "\(name):\n\(DiagnosticRenderer(text: document.text).render(warnings))")
    }
}
