import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// Issue 19: a `#` comment at column 0 inside the last node or flow made `add node`, `add flow`
/// and `remove flow` fail (safely, nothing written) — the cause of all 98 fuzzer findings about
/// editing. YAML lets a comment stand at any column; the item goes on after it.
@Suite("Edits around comments at column 0")
struct ColumnZeroCommentEditTests {
    static let graph = """
        format: mineral-graph/1
        name: t
        year: 2023
        nodes:
          - id: a
            kind: mine
            country: COD
            outputs:
              - mineral: cobalt
        # between two outputs
              - mineral: copper
            notes: first
          - id: b
            kind: processor
        # a comment at column 0, inside the last node
            country: CHN
            outputs:
              - mineral: cobalt
        flows:
          - from: a
            to: b
        # inside the last flow
            mineral: cobalt
            contained_tonnes: 10
        # after the last flow
        """ + "\n"

    @Test func addingANodeGoesAfterTheWholeLastNode() throws {
        let text = try EditTesting.apply(["add node {id: c, kind: consumer, country: USA}"], to: Self.graph)
        let document = try EditTesting.document(text)
        #expect(document.graph.nodes.map(\.id) == ["a", "b", "c"])
        #expect(document.graph.nodes[1].country == "CHN")
        #expect(EditTesting.changes(Self.graph, text).allSatisfy { $0.hasPrefix("+") }, "only insertions")
        #expect(text.contains("    country: CHN\n    outputs:\n      - mineral: cobalt\n  - id: c\n"))
    }

    @Test func addingAFlowGoesAfterTheWholeLastFlowAndBeforeTheTrailingComment() throws {
        let text = try EditTesting.apply(["add flow {from: b, to: a, mineral: cobalt, contained_tonnes: 1}"], to: Self.graph)
        let document = try EditTesting.document(text)
        #expect(document.graph.flows.map(\.from) == ["a", "b"])
        #expect(document.graph.flows[0].containedTonnes == 10)
        #expect(text.hasSuffix("    contained_tonnes: 1\n# after the last flow\n"))
    }

    @Test func removingTheLastFlowRemovesItsCommentLineToo() throws {
        let text = try EditTesting.apply(["remove flow[a->b]"], to: Self.graph)
        let document = try EditTesting.document(text)
        #expect(document.graph.flows.isEmpty)
        #expect(!text.contains("# inside the last flow"))
        #expect(text.contains("# after the last flow"))
    }

    @Test func removingTheLastNodeAndItsFlowsKeepsTheRest() throws {
        let text = try EditTesting.apply(["remove node[b]"], to: Self.graph)
        let document = try EditTesting.document(text)
        #expect(document.graph.nodes.map(\.id) == ["a"])
        #expect(!text.contains("inside the last node"))
        #expect(text.contains("# between two outputs"))
    }

    @Test func settingAFieldAfterTheCommentChangesOnlyThatField() throws {
        let text = try EditTesting.apply(["node[b].country=KOR", "flow[a->b].contained_tonnes*=2"], to: Self.graph)
        #expect(EditTesting.changes(Self.graph, text) == ["-    country: CHN", "+    country: KOR", "-    contained_tonnes: 10", "+    contained_tonnes: 20"])
    }

    @Test func addingAnOutputAfterACommentBetweenOutputs() throws {
        let text = try EditTesting.apply(["node[a].notes=null", "add node {id: d, kind: mine, country: ZMB}"], to: Self.graph)
        let document = try EditTesting.document(text)
        #expect(document.graph.nodes[0].outputs.map(\.mineral.rawValue) == ["cobalt", "copper"])
        #expect(document.graph.nodes[0].notes == nil)
        #expect(document.graph.nodes.map(\.id) == ["a", "b", "d"])
    }
}
