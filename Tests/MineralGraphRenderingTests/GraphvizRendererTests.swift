import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MineralGraphCore
import Testing
@testable import MineralGraphRendering

/// Collects the `<title>` texts of an SVG's node groups (`<g class="node">`), and fails on
/// XML that is not well-formed.
final class SVGTitles: NSObject, XMLParserDelegate {
    private(set) var nodeTitles: [String] = []
    private(set) var edgeTitles: [String] = []
    private var groupClasses: [String] = []
    private var text: String?

    static func parse(_ data: Data) throws -> SVGTitles {
        let collector = SVGTitles()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else {
            throw SVGError(message: parser.parserError.map { "\($0)" } ?? "XML parse failed at line \(parser.lineNumber)")
        }
        return collector
    }

    struct SVGError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "g" { groupClasses.append(attributes["class"] ?? "") }
        if name == "title" { text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "g" { groupClasses.removeLast() }
        if name == "title", let title = text {
            let classes = groupClasses.last?.split(separator: " ") ?? []
            if classes.contains("node") { nodeTitles.append(title) }
            if classes.contains("edge") { edgeTitles.append(title) }
            text = nil
        }
    }
}

@Suite("Graphviz in-process rendering")
struct GraphvizRendererTests {
    let graph: SupplyGraph

    init() throws {
        graph = try Fixtures.cobalt()
    }

    /// Every `font-family="DejaVu Sans"` gets its fallbacks, wherever it stands; other text,
    /// other fonts and a cut-off attribute stay as they are.
    @Test func fontFallbacksReplaceEveryFamilyAttributeAndNothingElse() {
        let family = "font-family=\"DejaVu Sans\"", fallbacks = "font-family=\"DejaVu Sans,Verdana,sans-serif\""
        let cases = [
            ("", ""), ("<svg/>", "<svg/>"), (family, fallbacks), (family + family, fallbacks + fallbacks),
            ("<text " + family + ">é</text><text " + family + ">", "<text " + fallbacks + ">é</text><text " + fallbacks + ">"),
            ("font-family=\"Times\"", "font-family=\"Times\""), ("x font-family=\"DejaVu Sa", "x font-family=\"DejaVu Sa"),
        ]
        for (input, expected) in cases {
            let output = DiagramRenderer.withFontFallbacks(svg: Data(input.utf8))
            #expect(String(decoding: output, as: UTF8.self) == expected)
        }
    }

    @Test func svgIsWellFormedXMLWithEveryNodeID() throws {
        let svg = try DiagramRenderer().render(graph, as: .svg)
        let titles = try SVGTitles.parse(svg.data)
        #expect(titles.nodeTitles.sorted() == graph.nodes.map(\.id).sorted())
        #expect(titles.edgeTitles.count == graph.flows.count)
        let text = String(decoding: svg.data, as: UTF8.self)
        // Tooltips carry country, outputs and water use.
        #expect(text.contains("mine in DR Congo (COD)"))
        #expect(text.contains("Water: withdrawal 120 m³/t, consumption 60 m³/t"))
        #expect(text.contains("Côte d’Ivoire refinery"))
    }

    @Test func groupedSVGContainsTheGroupIDs() throws {
        let renderer = DiagramRenderer(options: DiagramOptions(grouping: .country, minShare: 0.1))
        let diagram = try renderer.diagram(for: graph)
        let titles = try SVGTitles.parse(try renderer.render(graph, as: .svg).data)
        #expect(titles.nodeTitles.sorted() == diagram.nodes.map(\.id).sorted())
        #expect(titles.nodeTitles.contains("COD/mining"))
    }

    /// Issue 19: one process drawing several diagrams (`report A B C --format html`) read memory
    /// a freed Graphviz context had held (valgrind, Graphviz 2.42); the process now keeps one
    /// context. Every diagram drawn after others, with other engines and formats in between,
    /// is byte for byte the one drawn first (scripts/valgrind-render.sh checks the memory).
    @Test func manyRendersInOneProcessGiveTheSameBytes() throws {
        let first = try DiagramRenderer().render(graph, as: .svg).data
        let grouped = DiagramRenderer(options: DiagramOptions(grouping: .country))
        let firstGrouped = try grouped.render(graph, as: .svg).data
        for engine in [LayoutEngine.neato, .dot, .circo] {
            _ = try DiagramRenderer(engine: engine).render(graph, as: .png)
            #expect(try DiagramRenderer().render(graph, as: .svg).data == first)
            #expect(try grouped.render(graph, as: .svg).data == firstGrouped)
        }
        #expect(GraphvizRenderer.libraryVersion() == GraphvizRenderer.libraryVersion())
    }

    @Test func pngStartsWithThePNGSignature() throws {
        let png = try DiagramRenderer().render(graph, as: .png).data
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(png.count > 10_000)
    }

    @Test func pdfStartsWithPDFMagic() throws {
        let pdf = try DiagramRenderer().render(graph, as: .pdf).data
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        #expect(String(decoding: pdf.suffix(8), as: UTF8.self).contains("%%EOF"))
    }

    @Test("every engine lays the fixture out", arguments: LayoutEngine.allCases)
    func everyEngineRenders(_ engine: LayoutEngine) throws {
        let svg = try DiagramRenderer(engine: engine).render(graph, as: .svg)
        #expect(try SVGTitles.parse(svg.data).nodeTitles.count == graph.nodes.count)
    }

    @Test func unknownEngineIsAnErrorWithGraphvizsMessage() {
        #expect {
            try GraphvizRenderer.render(dot: "digraph { a -> b }", engine: "bogus", format: "svg")
        } throws: { error in
            guard let error = error as? GraphvizError else { return false }
            return error.step == .layout && error.message.contains("Layout type: \"bogus\" not recognized")
                && error.message.contains("dot")
        }
    }

    @Test func unknownFormatIsAnErrorWithGraphvizsMessage() {
        #expect {
            try GraphvizRenderer.render(dot: "digraph { a -> b }", engine: "dot", format: "nonsense")
        } throws: { error in
            guard let error = error as? GraphvizError else { return false }
            return error.step == .render && error.message.contains("renderer for nonsense is unavailable")
        }
    }

    @Test func syntaxErrorIsReportedAndTheNextParseWorks() throws {
        #expect {
            try GraphvizRenderer.render(dot: "digraph { a -> ; }", engine: "dot", format: "svg")
        } throws: { error in
            guard let error = error as? GraphvizError else { return false }
            return error.step == .parse && error.message.contains("syntax error")
        }
        // agerrors() is sticky; the renderer resets it, so a good graph renders afterwards.
        let output = try GraphvizRenderer.render(dot: "digraph { a -> b }", engine: "dot", format: "svg")
        #expect(output.warnings.isEmpty)
        #expect(try SVGTitles.parse(output.data).nodeTitles == ["a", "b"])
    }

    @Test func warningsAreCollectedNotPrinted() throws {
        let output = try GraphvizRenderer.render(dot: #"digraph { a [shape="nosuchshape"]; }"#, engine: "dot", format: "svg")
        #expect(output.warnings.contains { $0.contains("nosuchshape") })
    }

    /// Calls from many tasks at once are serialised by the renderer's lock and all succeed.
    @Test func concurrentCallsAreSerialised() async throws {
        let dot = try DiagramRenderer().dot(for: graph)
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try GraphvizRenderer.render(dot: dot, engine: "dot", format: "svg").data.count }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sizes.count == 8)
        #expect(Set(sizes).count == 1)
    }

    @Test func reportsTheLinkedLibraryVersion() {
        let version = GraphvizRenderer.libraryVersion()
        #expect(version.split(separator: ".").count >= 2, "\(version)")
    }
}
