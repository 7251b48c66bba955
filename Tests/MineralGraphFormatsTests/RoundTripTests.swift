import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

@Suite("Graph file round trip")
struct RoundTripTests {
    static func fixture(_ name: String) throws -> (path: String, text: String) {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return (url.path, try String(contentsOf: url, encoding: .utf8))
    }

    @Test func canonicalFixtureIsByteIdenticalAfterReadAndWrite() throws {
        let (path, text) = try Self.fixture("small-canonical.yaml")
        let document = try GraphFileReader().read(text: text, file: path)
        #expect(GraphFileWriter().write(document) == text)
        #expect(document.headerComment.first == "# A small hand-checkable graph used by the format tests.")
    }

    @Test func aliasesAreNormalisedOnRead() throws {
        let text = """
            name: t
            year: 2023
            nodes:
              - id: a
                kind: mine
                country: Congo (Kinshasa)
                outputs:
                  - mineral: Co
                    contained_tonnes: 1
            """
        let graph = try GraphFileReader().read(text: text, file: "t.yaml").graph
        #expect(graph.nodes[0].country == "COD")
        #expect(graph.nodes[0].outputs[0].mineral == "cobalt")
    }

    @Test(arguments: [
        "plain", "", "null", "yes", "No", "~", "123", "1e5", "-1", ".5", "0x1F", "2023-01-01",
        "a: b", "key:", "# hash", "a #b", " lead", "trail ", "- dash", "quote\"in", "back\\slash",
        "tab\there", "new\nline", "Côte d’Ivoire", "<b>&amp;</b>", "'single'", "@at", "%pct", "[x]",
        "line\nwith trailing \nspace", "two\nlines", "\u{2028}sep", "e\u{0301}",
    ])
    func stringsSurviveWriteAndRead(_ value: String) throws {
        let graph = SupplyGraph(name: value.isEmpty ? "x" : value, year: 2023, description: value,
                                nodes: [Node(id: "n", name: value, kind: .mine, country: "CHN", notes: value)])
        let text = GraphFileWriter().write(graph)
        let back = try GraphFileReader().read(text: text, file: "t.yaml").graph
        #expect(back.nodes[0].name == (value.isEmpty ? "" : value) || (value.isEmpty && back.nodes[0].name == nil))
        #expect(back.nodes[0].notes == graph.nodes[0].notes || (value.isEmpty && back.nodes[0].notes == nil))
        #expect(GraphFileWriter().write(back) == text)
    }

    @Test(arguments: [0.0, 1, 170_000, 0.35, 1e-5, 123_456.789, 5.1e9, 1e20, 2.5e-300])
    func numbersSurviveWriteAndRead(_ value: Double) throws {
        let graph = SupplyGraph(name: "n", year: 2023, nodes: [
            Node(id: "n", kind: .mine, country: "CHN", outputs: [Output(mineral: "cobalt", tonnes: value)]),
        ])
        let back = try GraphFileReader().read(text: GraphFileWriter().write(graph), file: "t.yaml").graph
        #expect(back.nodes[0].outputs[0].tonnes == value)
    }
}
