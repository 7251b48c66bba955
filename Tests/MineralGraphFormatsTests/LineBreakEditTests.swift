import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// libyaml ends a line at LF, CR LF, a lone CR, NEL, LS and PS; the reader's line numbers count
/// them so, and the edit patcher must find the same lines (a fuzzer found a lone CR inside a
/// flow that made `rename node` patch the line before its target).
@Suite("Edits in files with unusual line breaks")
struct LineBreakEditTests {
    static func graph(breakingTheFirstFlowWith lineBreak: String) -> String {
        """
        format: mineral-graph/1
        name: t
        year: 2023
        nodes:
          - id: a
            kind: mine
            country: COD
          - id: b
            kind: consumer
            country: CHN
        flows:
          - from: a
            to: b
            mineral: cobalt\(lineBreak)    contained_tonnes: 10
          - from: a
            to: b
            mineral: copper
            tonnes: 5
        """ + "\n"
    }

    @Test(arguments: ["\r", "\u{85}", "\u{2028}", "\u{2029}", "\r\n"])
    func renameAndValueEditsLandOnTheirLines(lineBreak: String) throws {
        let original = Self.graph(breakingTheFirstFlowWith: lineBreak)
        let text = try EditTesting.apply(["rename node[b] market", "flow[a->market:copper].tonnes = 7"], to: original)
        let document = try EditTesting.document(text)
        #expect(document.graph.flows.map(\.to) == ["market", "market"])
        #expect(document.graph.flows[0].containedTonnes == 10)
        #expect(document.graph.flows[1].tonnes == 7)
        #expect(text.contains("mineral: cobalt\(lineBreak)    contained_tonnes: 10"), "the unusual break is kept")
    }
}
