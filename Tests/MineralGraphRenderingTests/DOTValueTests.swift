import Foundation
import Testing
@testable import MineralGraphRendering

@Suite("DOT quoting")
struct DOTValueTests {
    @Test func displayTextEscapesBackslashesQuotesAndLineBreaks() {
        #expect(DOTValue.quotedText(#"Refinery "Nord" C:\plant\"#) == #""Refinery \"Nord\" C:\\plant\\""#)
        #expect(DOTValue.quotedText("one\ntwo\r\nthree\rfour") == #""one\ntwo\nthree\nfour""#)
        #expect(DOTValue.quotedText(#"\N is not the node name"#) == #""\\N is not the node name""#)
    }

    @Test func displayTextKeepsAngleBracketsAndNonASCIIAsWritten() {
        #expect(DOTValue.quotedText("Côte d’Ivoire <refinery> & 東京") == "\"Côte d’Ivoire <refinery> & 東京\"")
    }

    @Test func identifiersEscapeOnlyQuotes() {
        #expect(DOTValue.quotedID(#"a"b"#) == #""a\"b""#)
        #expect(DOTValue.quotedID(#"C:\dir"#) == #""C:\dir""#)
        #expect(DOTValue.quotedID("Zürich <1>") == "\"Zürich <1>\"")
    }

    @Test func identifiersDoubleOddBackslashRunsThatDOTCannotSpell() {
        // One backslash before the closing quote would escape it.
        #expect(DOTValue.quotedID(#"end\"#) == #""end\\""#)
        // An odd run before a quote: the run gains one backslash.
        #expect(DOTValue.quotedID(#"a\"b"#) == #""a\\\"b""#)
        // An even run is read back unchanged.
        #expect(DOTValue.quotedID(#"a\\"#) == #""a\\""#)
    }

    @Test func numbersHaveAFixedForm() {
        #expect(DOTValue.number(16).source == #""16""#)
        #expect(DOTValue.number(0.6).source == #""0.6""#)
        #expect(DOTValue.number(2.285714).source == #""2.286""#)
        #expect(DOTValue.number(-0.0001).source == #""0""#)
    }

    @Test func htmlLabelsEscapeTextAndSortAttributes() {
        var label = HTMLLabel()
        label.open("TABLE", ["CELLSPACING": "0", "BORDER": "0"])
        label.open("TR")
        label.open("TD", ["BGCOLOR": "#56B4E9"])
        label.text("A & B <\"x\">\nCôte d’Ivoire")
        label.close("TD")
        label.close("TR")
        label.close("TABLE")
        #expect(label.isComplete)
        #expect(label.markup == ##"<TABLE BORDER="0" CELLSPACING="0"><TR><TD BGCOLOR="#56B4E9">A &amp; B &lt;&quot;x&quot;&gt;<BR/>Côte d’Ivoire</TD></TR></TABLE>"##)
        #expect(DOTValue.html(label).source.hasPrefix("<<TABLE"))
    }

    @Test func writerSortsAttributesAndQuotesEverything() {
        let graph = DOTGraph(
            name: "g", attributes: ["rankdir": .plain("LR"), "charset": .plain("UTF-8")],
            nodeDefaults: ["shape": .plain("box")],
            statements: [
                .node(id: "node", attributes: ["label": .text("x"), "color": .plain("red")]),
                .subgraph(DOTSubgraph(name: "cluster_a", attributes: ["label": .text("A")], statements: [.node(id: "b", attributes: [:])])),
                .edge(from: "node", to: "b", attributes: ["penwidth": .number(2), "a-b": .plain("1")]),
            ])
        #expect(DOTWriter().write(graph) == """
            digraph "g" {
              graph [charset="UTF-8", rankdir="LR"];
              node [shape="box"];
              "node" [color="red", label="x"];
              subgraph "cluster_a" {
                graph [label="A"];
                "b";
              }
              "node" -> "b" ["a-b"="1", penwidth="2"];
            }

            """)
    }

    /// The strings above, read back by Graphviz itself: what SVG shows is what was written.
    @Test func graphvizReadsBackEscapedNamesAndLabels() throws {
        let names = [#"Refinery "Nord" <pilot> C:\plant\"#, "Côte d’Ivoire refinery", "two\nlines", #"\N \G \L"#]
        var statements: [DOTStatement] = []
        for (index, name) in names.enumerated() {
            statements.append(.node(id: "n\(index)", attributes: ["label": .text(name), "tooltip": .text(name)]))
        }
        let ids = [#"id "quoted""#, #"C:\dir"#, "Zürich <1>"]
        for id in ids { statements.append(.node(id: id, attributes: [:])) }
        let dot = DOTWriter().write(DOTGraph(name: "escapes", statements: statements))
        let svg = String(decoding: try GraphvizRenderer.render(dot: dot, engine: "dot", format: "svg").data, as: UTF8.self)

        #expect(svg.contains(">Refinery &quot;Nord&quot; &lt;pilot&gt; C:\\plant\\</text>"))
        #expect(svg.contains(">Côte d’Ivoire refinery</text>"))
        #expect(svg.contains(">two</text>") && svg.contains(">lines</text>"))
        #expect(svg.contains(">\\N \\G \\L</text>"))
        #expect(svg.contains("<title>id &quot;quoted&quot;</title>"))
        #expect(svg.contains("<title>C:\\dir</title>"))
        #expect(svg.contains("<title>Zürich &lt;1&gt;</title>"))
    }
}
