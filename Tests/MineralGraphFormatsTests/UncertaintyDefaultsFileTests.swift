import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// The `rounded` and `grade` defaults and marks (METHODS §11.1): read, written back only where
/// they differ from the standard defaults (so files written before them are written as they
/// were), carried by the JSON export, and giving their figures the default's interval.
@Suite("Uncertainty defaults: rounded and grade")
struct UncertaintyDefaultsFileTests {
    static let text = """
        format: mineral-graph/1
        name: Marks
        year: 2022
        uncertainty:
          estimated: 10%
          production: 0%
          flows: 0%
          rounded: 1%
          grade: 20%
        nodes:
          - id: a
            kind: mine
            country: COD
            outputs:
              - mineral: cobalt
                tonnes: 1000
                contained_tonnes: {value: 300, grade: true}
          - id: b
            kind: processor
            country: CHN
        flows:
          - from: a
            to: b
            mineral: cobalt
            contained_tonnes: {value: 230000, rounded: true}
        """ + "\n"

    @Test func marksAndDefaultsAreReadWrittenAndDrawn() throws {
        let graph = try GraphFileReaderWriterTests.read(Self.text).graph
        #expect(graph.uncertaintyDefaults == UncertaintyDefaults(estimated: 0.1, production: 0, flows: 0, rounded: 0.01, grade: 0.2))
        #expect(graph.nodes[0].outputs[0].uncertainty == FigureUncertainties(containedTonnes: .grade))
        #expect(graph.flows[0].uncertainty == FigureUncertainties(containedTonnes: .rounded))
        let canonical = try GraphFileReaderWriterTests.canonical(Self.text)
        #expect(canonical.contains("uncertainty:\n  estimated: 10%\n  production: 0%\n  flows: 0%\n  rounded: 1%\n  grade: 20%\n"))
        #expect(canonical.contains("contained_tonnes: {value: 300, grade: true}"))
        #expect(canonical.contains("contained_tonnes: {value: 230000, rounded: true}"))
        #expect(try GraphFileReaderWriterTests.read(canonical).graph == graph)
        // The JSON export keeps them, and reads back.
        let json = JSONGraphWriter().write(graph)
        #expect(json.contains("\"grade\": true") || json.contains("\"grade\" : true"), "\(json)")
        // Intervals: ± 20 % of 300 and ± 1 % of 230,000.
        let defaults = try #require(graph.uncertaintyDefaults)
        #expect(FigureUncertainty.grade.interval(around: 300, defaults: defaults) == 240...360)
        #expect(FigureUncertainty.rounded.interval(around: 230_000, defaults: defaults) == 227_700...232_300)
        // Without a block: rounded ± 0.5 %, grade exact.
        #expect(FigureUncertainty.rounded.interval(around: 1_000, defaults: .standard) == 995...1_005)
        #expect(FigureUncertainty.grade.interval(around: 1_000, defaults: .standard) == nil)
    }

    /// A block that leaves `rounded` and `grade` at their standard values writes only the three
    /// keys it wrote before they existed.
    @Test func standardRoundedAndGradeAreNotWritten() throws {
        let text = Self.text.replacingOccurrences(of: "  rounded: 1%\n  grade: 20%\n", with: "  rounded: 0.5%\n")
        let canonical = try GraphFileReaderWriterTests.canonical(text)
        #expect(canonical.contains("uncertainty:\n  estimated: 10%\n  production: 0%\n  flows: 0%\n\nnodes:"), "\(canonical)")
    }
}
