import Foundation
import MineralGraphCore
import MineralGraphFormats
import Testing
@testable import MineralGraphRendering

/// Issue 19: a node name with `\u{1}` or ESC (which `validate` then accepted) made `render` and
/// the HTML report fail, and NUL made the exported DOT unreadable by `dot`. The validator now
/// refuses such names; the writers still replace any control character that reaches them.
@Suite("Control characters in diagrams")
struct ControlCharacterRenderingTests {
    static let controls = ["\u{0}", "\u{1}", "\u{1B}", "\u{7}", "\u{7F}", "\u{85}"]

    static func graph(_ control: String) throws -> SupplyGraph {
        var graph = try Fixtures.cobalt()
        graph.name += control
        graph.nodes[0].name = "Mine" + control + "name"
        let old = graph.nodes[1].id, new = old + control
        graph.nodes[1].id = new
        for index in graph.flows.indices {
            if graph.flows[index].from == old { graph.flows[index].from = new }
            if graph.flows[index].to == old { graph.flows[index].to = new }
        }
        graph.flows[0].product = "hydroxide" + control
        return graph
    }

    @Test(arguments: controls)
    func diagramDOTHasNoControlCharacters(_ control: String) throws {
        let dot = try DiagramRenderer().dot(for: try Self.graph(control))
        #expect(!dot.unicodeScalars.contains { DOTValue.isControl($0) })
        #expect(dot.contains("Mine\u{FFFD}name"))
    }

    @Test(arguments: controls)
    func svgRendersAndIsWellFormed(_ control: String) throws {
        let graph = try Self.graph(control)
        let svg = try DiagramRenderer().render(graph, as: .svg)
        let titles = try SVGTitles.parse(svg.data)
        #expect(titles.nodeTitles.count == graph.nodes.count)
        #expect(titles.nodeTitles.contains { $0.hasSuffix("\u{FFFD}") })
    }

    @Test(arguments: controls)
    func htmlLabelsReplaceControlCharacters(_ control: String) {
        #expect(HTMLLabel.escape("a" + control + "<b>") == "a\u{FFFD}&lt;b&gt;")
    }

    @Test(arguments: controls)
    func exportedDataDOTIsReadByDotAndByTheImporter(_ control: String) throws {
        let graph = try Self.graph(control)
        let text = DOTDataWriter().write(graph)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(try DOTImporter().read(text: text, file: "g.dot").graph == graph, "the escapes read back exactly")
        if DotProgram.isInstalled {
            let result = try DotProgram.run(["-Tsvg"], input: Data(text.utf8))
            #expect(result.status == 0, "dot: \(result.stderr)")
        }
    }
}
