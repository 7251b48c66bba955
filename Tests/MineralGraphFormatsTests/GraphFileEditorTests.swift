import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// The whole edit: model, text, read-back check, validation. A failing edit gives located
/// messages and no text.
@Suite("Graph file editor")
struct GraphFileEditorTests {
    static let commented: String = (try? EditTesting.fixture("commented.yaml")) ?? ""

    @Test func anUnknownIdFailsAtTheSelector() throws {
        let failure = try EditTesting.failure(["node[cod-kamoto].notes=x", "node[cod-kamotto].notes=y"], Self.commented)
        #expect(failure.description == """
            <edit 2>:1:1: error: no node has id 'cod-kamotto'
            node[cod-kamotto].notes=y
            ^
            note: did you mean 'cod-kamoto'?
            note: add '?' after the selector (node[cod-kamotto]?) to skip a node that may be missing
            note: nothing was changed

            """)
    }

    @Test func anEditThatAddsAValidationErrorFailsAndNamesTheEdit() throws {
        let failure = try EditTesting.failure(
            ["node[cod-kamoto].notes=fine", "flow[cod-kamoto->fin-kokkola].to=fin-kokola", "node[fin-kokkola].name=also fine"], Self.commented)
        #expect(failure.diagnostics.map(\.code) == ["unknown-node", "edit-invalid"])
        #expect(failure.description.hasPrefix("""
            g.yaml (edited):79:9: error: flow to unknown node 'fin-kokola'
                to: fin-kokola
                    ^

            """))
        #expect(failure.description.contains("<edit 2>:1:1: note: introduced by this edit\nflow[cod-kamoto->fin-kokkola].to=fin-kokola\n^\n"))
        #expect(failure.description.hasSuffix("error: the edits would add 1 validation error to g.yaml; nothing was changed\n"))
    }

    @Test func errorsTheFileAlreadyHadDoNotFailEdits() throws {
        let broken = Self.commented.replacingOccurrences(of: "country: FIN", with: "country: FNI")
        let outcome = try EditTesting.outcome(["node[cod-kamoto].notes=x"], broken)
        #expect(outcome.text.contains("country: FNI"))
        #expect(outcome.newWarnings.isEmpty)
        let fixed = try EditTesting.outcome(["node[fin-kokkola].country=Finland"], broken)
        #expect(fixed.text == Self.commented)
    }

    @Test func newWarningsAreReportedInTheEditedText() throws {
        let outcome = try EditTesting.outcome(["nodes[country=COD,kind=mine].output[cobalt].contained_tonnes*=0.5"], Self.commented)
        #expect(outcome.newWarnings.map(\.code) == ["ships-more-than-output", "ships-more-than-output"])
        #expect(outcome.newWarnings.first?.location?.file == "g.yaml (edited)")
        #expect(outcome.document.graph.nodes[0].outputs[0].containedTonnes == 15000)
    }

    @Test func notesSayWhatEditsDid() throws {
        let outcome = try EditTesting.outcome(["rename node[chn-market] chn-consumers", "flows[to=chn-refiners].value_usd*=1.5"], Self.commented)
        #expect(outcome.notes.map(\.description) == [
            "<edit 1>:1:8: note: renamed node 'chn-market' to 'chn-consumers' and updated 1 flow",
            "<edit 2>:1:1: note: 'value_usd' is missing on 2 of 3 flows (cod-tenke->chn-refiners:cobalt, idn-hpal->chn-refiners:cobalt); left missing",
        ])
        #expect(outcome.text.contains("    value_usd: 660000000\n"))
    }
}
