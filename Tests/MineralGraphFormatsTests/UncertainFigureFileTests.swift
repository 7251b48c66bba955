import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// Figures with their uncertainty in graph files (METHODS §11): read, written canonically,
/// refused with a located error when malformed, and kept or adjusted by edits.
@Suite("Uncertain figures in graph files")
struct UncertainFigureFileTests {
    static let text = """
        format: mineral-graph/1
        name: Two mines
        year: 2022
        uncertainty:
          estimated: 20%
          flows: 0.05
        nodes:
          - id: a
            kind: mine
            country: COD
            outputs:
              - mineral: cobalt
                contained_tonnes: {value: 80, range: [60, 100]}
                value_usd: {value: 1000, uncertainty: ± 15 %}
          - id: b
            kind: processor
            country: CHN
            outputs:
              - mineral: cobalt
                contained_tonnes: {value: 40, estimated: true}
        flows:
          - from: a
            to: b
            mineral: cobalt
            contained_tonnes: 70   # exact unless the flows default says otherwise
        other_countries:
          - mineral: cobalt
            stage: mining
            contained_tonnes: {value: 5, estimated: true}
        """ + "\n"

    @Test func statementsAreReadIntoTheModel() throws {
        let graph = try GraphFileReaderWriterTests.read(Self.text).graph
        #expect(graph.uncertaintyDefaults == UncertaintyDefaults(estimated: 0.2, production: 0, flows: 0.05))
        let a = graph.nodes[0].outputs[0]
        #expect(a.containedTonnes == 80 && a.uncertainty?.containedTonnes == .range(low: 60, high: 100))
        #expect(a.valueUSD == 1_000 && a.uncertainty?.valueUSD == .relative(0.15))
        #expect(graph.nodes[1].outputs[0].uncertainty == FigureUncertainties(containedTonnes: .estimated))
        #expect(graph.flows[0].containedTonnes == 70 && graph.flows[0].uncertainty == nil)
        #expect(graph.otherCountries[0].uncertainty?.containedTonnes == .estimated)
    }

    @Test func theWriterWritesThemCanonicallyAndReadsThemBack() throws {
        let canonical = try GraphFileReaderWriterTests.canonical(Self.text)
        #expect(canonical.contains("uncertainty:\n  estimated: 20%\n  production: 0%\n  flows: 5%\n"))
        #expect(canonical.contains("contained_tonnes: {value: 80, range: [60, 100]}"))
        #expect(canonical.contains("value_usd: {value: 1000, uncertainty: 15%}"))
        #expect(canonical.contains("contained_tonnes: {value: 40, estimated: true}"))
        #expect(canonical.contains("contained_tonnes: 70\n"))
        #expect(try GraphFileReaderWriterTests.read(canonical).graph == GraphFileReaderWriterTests.read(Self.text).graph)
        #expect(try GraphFileReaderWriterTests.canonical(canonical) == canonical)
    }

    @Test func malformedStatementsAreLocatedErrors() {
        func errors(_ figure: String) -> [Diagnostic] {
            GraphFileReaderWriterTests.readErrors(Self.text.replacingOccurrences(of: "{value: 80, range: [60, 100]}", with: figure))
        }
        let outside = errors("{value: 80, range: [90, 100]}")
        #expect(outside.map(\.code) == ["bad-uncertainty"])
        #expect(outside.first?.location?.line == 13)
        #expect(outside.first?.message.contains("must be [low, high] around its value 80") == true)
        #expect(errors("{value: 80, range: [60, 100], estimated: true}").map(\.code) == ["bad-uncertainty"])
        #expect(errors("{value: 80, uncertainty: lots}").map(\.code) == ["bad-uncertainty"])
        #expect(errors("{value: 80, uncertainty: 150%}").map(\.code) == ["bad-uncertainty"])
        #expect(errors("{value: 80, estimated: maybe}").map(\.code) == ["bad-uncertainty"])
        #expect(errors("{range: [60, 100]}").map(\.code) == ["missing-key"])
        #expect(errors("{value: 80, spread: 3}").map(\.code) == ["unknown-key"])
    }

    @Test func editsKeepScaleOrDropTheStatementOfTheFigureTheyChange() throws {
        let scaled = try EditTesting.apply(["node[a].output[cobalt].contained_tonnes *= 0.5"], to: Self.text)
        #expect(EditTesting.changes(Self.text, scaled) == [
            "-        contained_tonnes: {value: 80, range: [60, 100]}",
            "+        contained_tonnes: {value: 40, range: [30, 50]}",
        ])
        let shifted = try EditTesting.apply(["node[b].output[cobalt].contained_tonnes += 5"], to: Self.text)
        #expect(shifted.contains("contained_tonnes: {value: 45, estimated: true}"))
        let set = try EditTesting.apply(["node[a].output[cobalt].contained_tonnes = 7"], to: Self.text)
        #expect(EditTesting.changes(Self.text, set) == ["-        contained_tonnes: {value: 80, range: [60, 100]}", "+        contained_tonnes: 7"])
        #expect(try EditTesting.document(set).graph.nodes[0].outputs[0].uncertainty == FigureUncertainties(valueUSD: .relative(0.15)))
        // Untouched figures keep their text, the ± spelling included.
        #expect(set.contains("value_usd: {value: 1000, uncertainty: ± 15 %}"))
    }
}
