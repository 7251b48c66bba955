import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// Random sequences of every kind of edit, on the example graphs and the commented fixture:
/// the text patched in place must always read back as the edited graph (the editor checks
/// that and reports `edit-internal` otherwise). Seeded, so failures reproduce.
@Suite("Random edits")
struct EditRandomTests {
    static let texts = ["trickyText", "commented.yaml"]

    static func text(_ name: String) throws -> String {
        if name == "commented.yaml" { return try EditTesting.fixture(name) }
        return try String(contentsOfFile: TestPaths.graphs.appendingPathComponent(name).path, encoding: .utf8)
    }

    static let notes = [
        "plain note", "with: a colon", "with # hash", "\"quoted\"", "two\\nlines", "'single'", " padded ", "yes", "123",
        "trailing colon:", "{braces}, [brackets]", "tab\\there", "é ≈ ü",
    ]

    static func randomEdit(_ graph: SupplyGraph, _ g: inout LCG, step: Int) -> String {
        let node = graph.nodes.randomElement(using: &g)
        let flow = graph.flows.randomElement(using: &g)
        let note = notes.randomElement(using: &g)!
        switch Int.random(in: 0..<14, using: &g) {
        case 0: return node.map { "node[\($0.id)].notes=\"\(note)\"" } ?? "nodes[]?.notes=x"
        case 1: return node.map { "node[\($0.id)].name=" + (Bool.random(using: &g) ? "null" : "\"\(note)\"") } ?? "nodes[]?.notes=x"
        case 2: return node.map { "node[\($0.id)].output*=\(Double(Int.random(in: 1...300, using: &g)) / 100)" } ?? "nodes[]?.notes=x"
        case 3: return node.map { "node[\($0.id)].capacity_tonnes=" + (Bool.random(using: &g) ? "null" : "\(Int.random(in: 1...900_000, using: &g))") } ?? "nodes[]?.notes=x"
        case 4: return node.map { "node[\($0.id)].water.\(NodeField.WaterField.allCases.randomElement(using: &g)!.rawValue)=" + (Bool.random(using: &g) ? "null" : "0.\(Int.random(in: 1...9, using: &g))") } ?? "nodes[]?.notes=x"
        case 5: return node.map { "node[\($0.id)].water=null" } ?? "nodes[]?.notes=x"
        case 6: return node.map { "node[\($0.id)].kind=" + ["mine", "processor", "manufacturer", "consumer", "waste/landfill", "waste/recycling"].randomElement(using: &g)! } ?? "nodes[]?.notes=x"
        case 7: return node.map { "remove node[\($0.id)]" } ?? "nodes[]?.notes=x"
        case 8: return flow.map { "remove flows[from=\($0.from),to=\($0.to)]" } ?? "flows[]?.notes=x"
        case 9:
            let country = ["MAR", "Chile", "CD", "Korea, Republic of"].randomElement(using: &g)!
            return "add node {id: new-\(step), name: \"New \(step)\", kind: consumer, country: \"\(country)\", notes: \"\(note)\"}"
        case 10:
            guard let from = graph.nodes.filter({ !$0.outputs.isEmpty }).randomElement(using: &g), let to = graph.nodes.randomElement(using: &g), from.id != to.id else { return "flows[]?.notes=x" }
            return "add flow {from: \(from.id), to: \(to.id), mineral: \(from.outputs[0].mineral), contained_tonnes: 1, notes: \"\(note)\"}"
        case 11: return node.map { "rename node[\($0.id)] renamed-\(step)" } ?? "nodes[]?.notes=x"
        case 12: return flow.map { "flows[from=\($0.from),to=\($0.to)].quantity*=1.5" } ?? "flows[]?.notes=x"
        default: return flow.map { "flows[from=\($0.from),to=\($0.to)].notes=" + (Bool.random(using: &g) ? "null" : "\"\(note)\"") } ?? "flows[]?.notes=x"
        }
    }

    static let trickyText = """
        # tricky layouts
        name: tricky
        year: 2023
        nodes:
        - {id: a, kind: mine, country: COD, outputs: [{mineral: cobalt, contained_tonnes: 10, tonnes: 30}], notes: "x, y"}
        - id: b   # comment
          kind: processor
          country: CN
          outputs:
          - mineral: cobalt
            contained_tonnes: 8
          water: {aware_cf: 2}
          notes: >-
            folded
            text
        -   name: C
            id: c
            kind: consumer
            country: USA
        flows: [{from: a, to: b, mineral: cobalt, contained_tonnes: 8},
          {from: b, to: c, mineral: cobalt, contained_tonnes: 7, notes: 'it''s'}]
        """

    @Test(arguments: ["cobalt-2023.yaml", "ewaste-2022.yaml", "trickyText", "commented.yaml"])
    func patchedTextAlwaysReadsBackAsTheEditedGraph(_ name: String) throws {
        let text = name == "trickyText" ? Self.trickyText : try Self.text(name)
        let document = try EditTesting.document(text)
        let original = document.graph
        var g = LCG(state: 2024)
        var applied = 0
        var refused = 0
        for trial in 0..<80 {
            // Draw each edit from the graph as the edits before it left it (on the model: cheap).
            var state = GraphEditResult(original: original)
            var edits: [String] = []
            for step in 0..<Int.random(in: 1...6, using: &g) {
                let edit = Self.randomEdit(state.graph, &g, step: trial * 10 + step)
                var next = state
                guard let parsed = try? EditParser().parse(edit),
                    (try? GraphEditor().apply(parsed.edit, index: step, to: &next)) != nil
                else { continue }
                state = next
                edits.append(edit)
            }
            guard !edits.isEmpty else { continue }
            do {
                let scripts = try edits.map { try EditScript.parse(edit: $0, file: "<edit>") }
                let outcome = try GraphFileEditor().apply(scripts, to: document, editedName: "edited")
                #expect(outcome.document.graph == state.graph)
                applied += 1
            } catch let failure as DiagnosticError {
                // Only validation may refuse edits the model accepted; never the text patching.
                #expect(failure.diagnostics.last?.code == "edit-invalid", "\(name) \(edits):\n\(failure)")
                refused += 1
            }
        }
        print("random edits on \(name): \(applied) applied, \(refused) refused by validation")
        #expect(applied > 30, "\(name): only \(applied) trials applied")
    }
}
