import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

#if canImport(FoundationXML)
import FoundationXML
#endif

/// YAML → export → read back gives the same graph, for DOT and JSON, on the example graphs and
/// on random graphs full of awkward text; GraphML parses as XML with every value intact.
@Suite("Export round trips")
struct ExportRoundTripTests {
    static func example(_ name: String) throws -> SupplyGraph {
        try GraphFileReader().read(contentsOf: TestPaths.graphs.appendingPathComponent(name).path).graph
    }

    static func dotRoundTrip(_ graph: SupplyGraph) throws -> SupplyGraph {
        try DOTImporter().read(text: DOTDataWriter().write(graph), file: "g.dot").graph
    }

    static func jsonRoundTrip(_ graph: SupplyGraph) throws -> SupplyGraph {
        try JSONGraphReader().read(text: JSONGraphWriter().write(graph), file: "g.json").graph
    }

    @Test(arguments: ExampleGraphTests.files)
    func exampleGraphsSurviveDOT(_ name: String) throws {
        let graph = try Self.example(name)
        let back = try Self.dotRoundTrip(graph)
        // DOT carries no uncertainty statements (docs/export.md); everything else survives.
        #expect(back == graph.withoutUncertainty)
        #expect(GraphFileWriter().write(back) == GraphFileWriter().write(graph.withoutUncertainty))
    }

    @Test(arguments: ExampleGraphTests.files)
    func exampleGraphsSurviveJSON(_ name: String) throws {
        let graph = try Self.example(name)
        let back = try Self.jsonRoundTrip(graph)
        #expect(back == graph)
        #expect(GraphFileWriter().write(back) == GraphFileWriter().write(graph))
    }

    @Test func tinyGraphSurvivesBoth() throws {
        #expect(try Self.dotRoundTrip(ExportFixtures.tiny) == ExportFixtures.tiny)
        #expect(try Self.jsonRoundTrip(ExportFixtures.tiny) == ExportFixtures.tiny)
    }

    /// The basis of contained tonnes survives the graph file, DOT and JSON (METHODS §0.1).
    @Test func statedBasesSurviveEveryFormat() throws {
        var graph = ExportFixtures.tiny
        let li2o = try #require(QuantityBasis.parse("Li2O"))
        graph.nodes[0].outputs = [Output(mineral: "lithium", tonnes: 8000, containedTonnes: 480, basis: li2o)]
        graph.flows[0].mineral = "lithium"
        graph.flows[0].containedTonnes = 480
        graph.flows[0].basis = li2o
        graph.otherCountries = [OtherCountries(mineral: "lithium", stage: .mining, containedTonnes: 50, basis: .element)]
        let yaml = GraphFileWriter().write(graph)
        #expect(yaml.contains("basis: Li2O") && yaml.contains("basis: element"))
        #expect(try GraphFileReader().read(text: yaml, file: "t.yaml").graph == graph)
        #expect(try Self.dotRoundTrip(graph) == graph)
        #expect(try Self.jsonRoundTrip(graph) == graph)
    }

    @Test func unknownOrForeignBasisIsALocatedError() throws {
        let text = """
            name: bad basis
            year: 2023
            nodes:
              - {id: a, kind: mine, country: AUS, outputs: [{mineral: cobalt, contained_tonnes: 5, basis: Li2O}]}
              - {id: b, kind: mine, country: AUS, outputs: [{mineral: cobalt, contained_tonnes: 5, basis: L12O}]}
            flows: []
            """
        #expect {
            try GraphFileReader().read(text: text, file: "bad.yaml")
        } throws: { error in
            let message = "\(error)"
            return message.contains("bad.yaml:4:") && message.contains("basis 'Li2O' is a compound of Li, not of cobalt")
                && message.contains("bad.yaml:5:") && message.contains("unknown quantity basis 'L12O'")
        }
    }

    @Test func randomGraphsSurviveDOTAndJSON() throws {
        var generator = LCG(state: 7)
        for round in 0..<60 {
            let graph = RandomGraph.make(&generator)
            let dot = DOTDataWriter().write(graph)
            do {
                let back = try DOTImporter().read(text: dot, file: "g.dot").graph
                #expect(back == graph, "DOT round \(round):\n\(dot)")
            } catch {
                Issue.record("DOT round \(round) does not read back:\n\(error)\n\(dot)")
            }
            let json = JSONGraphWriter().write(graph)
            do {
                let back = try JSONGraphReader().read(text: json, file: "g.json").graph
                #expect(back == graph, "JSON round \(round):\n\(json)")
            } catch {
                Issue.record("JSON round \(round) does not read back:\n\(error)\n\(json)")
            }
        }
    }

    @Test func exportsAreDeterministic() throws {
        let graph = try Self.example("cobalt-2023.yaml")
        #expect(GraphMLWriter().write(graph) == GraphMLWriter().write(graph))
        #expect(DOTDataWriter().write(graph) == DOTDataWriter().write(try Self.dotRoundTrip(graph)))
        #expect(JSONGraphWriter().write(graph) == JSONGraphWriter().write(try Self.jsonRoundTrip(graph)))
    }

    // MARK: GraphML as XML

    @Test(arguments: ExampleGraphTests.files)
    func exampleGraphMLIsWellFormedWithEveryValue(_ name: String) throws {
        try Self.checkGraphML(try Self.example(name))
    }

    @Test func randomGraphMLIsWellFormedWithEveryValue() throws {
        var generator = LCG(state: 11)
        for _ in 0..<30 { try Self.checkGraphML(RandomGraph.make(&generator)) }
    }

    /// Parses the GraphML with Foundation's XML parser and checks every key, node, edge and
    /// value against the attribute tables (XML-illegal characters read back as U+FFFD).
    static func checkGraphML(_ graph: SupplyGraph) throws {
        let text = GraphMLWriter().write(graph)
        let reader = GraphMLCollector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        let parsed = parser.parse()
        #expect(parsed, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") line \(parser.lineNumber)")
        guard parsed else { return }
        let tables = GraphAttributeTables(graph)
        func legal(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
                (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : scalar
            }))
        }
        func named(_ attributes: [Attribute]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: attributes.map { ($0.name, legal($0.value.text)) })
        }
        #expect(reader.keys.filter { $0.domain == "node" }.map(\.name) == tables.nodeKeys.map(\.name))
        #expect(reader.keys.filter { $0.domain == "edge" }.map(\.type) == ["string"] + tables.edgeKeys.map(\.type.rawValue))
        #expect(reader.graphData == named(tables.graph))
        #expect(reader.nodes.map(\.id) == tables.nodes.map { legal($0.id) })
        #expect(reader.nodes.map(\.data) == tables.nodes.map { named($0.attributes) })
        #expect(reader.edges.map(\.ends) == tables.edges.map { [legal($0.from), legal($0.to)] })
        #expect(reader.edges.map(\.data) == tables.edges.map { named([Attribute(GraphMLWriter.flowIDAttribute, .string($0.id))] + $0.attributes) })
    }
}

/// Collects keys, graph data, nodes and edges from GraphML, with data by attribute name.
final class GraphMLCollector: NSObject, XMLParserDelegate {
    struct Key { var id, domain, name, type: String }
    var keys: [Key] = []
    var graphData: [String: String] = [:]
    var nodes: [(id: String, data: [String: String])] = []
    var edges: [(ends: [String], data: [String: String])] = []
    private var element: String?
    private var dataKey: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "key": keys.append(Key(id: attributes["id"]!, domain: attributes["for"]!, name: attributes["attr.name"]!, type: attributes["attr.type"]!))
        case "node": element = "node"; nodes.append((attributes["id"]!, [:]))
        case "edge": element = "edge"; edges.append(([attributes["source"]!, attributes["target"]!], [:]))
        case "data": dataKey = attributes["key"]; text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if dataKey != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "data":
            let attribute = keys.first { $0.id == dataKey }!.name
            switch element {
            case "node": nodes[nodes.count - 1].data[attribute] = text
            case "edge": edges[edges.count - 1].data[attribute] = text
            default: graphData[attribute] = text
            }
            dataKey = nil
        case "node", "edge": element = nil
        default: break
        }
    }
}

/// Random graphs for round trips: every field filled or left out at random, ids and text with
/// quotes, backslashes, CR LF, tabs, control characters, DOT and XML punctuation and non-ASCII
/// letters; parallel flows; outputs in the graph's year, written with it, and in other years.
enum RandomGraph {
    static let texts = [
        "plain", "", "two words", "quote\"in", "back\\slash", "ends\\", "\\\"", "new\nline", "cr\rlf\r\n", "tab\there",
        "bell\u{7}", "del\u{7F}", "c1\u{85}", "Côte d’Ivoire", "<b>&amp;</b>", "a,b;c", "x -> y", "[z=1]", "// not a comment",
        "/* nor this */", "# hash", "\u{2028}sep", "e\u{0301}", "日本", "emoji 🪨", "node", "digraph", "-1.5", "1e5", "null", "true",
    ]
    static let minerals: [MineralID] = ["cobalt", "copper", "lithium", "rare-earths", "e-waste", "nickel"]
    static let countries: [CountryCode] = ["COD", "CHN", "FIN", "AUS", "CHL", "NGA", "USA"]
    static let numbers: [Double] = [0, 1, 170_000, 0.35, 1e-5, 0.1 + 0.2, 123_456.789, 5.1e9, 1e20, 2.5e-300, 3]

    static func make(_ g: inout LCG) -> SupplyGraph {
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &g)] }
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &g) ? value() : nil }
        func text() -> String { pick(texts) + (Bool.random(using: &g) ? pick(texts) : "") }
        let year = pick([2019, 2022, 2023])
        let nodeCount = Int.random(in: 0...6, using: &g)
        var ids: [String] = []
        while ids.count < nodeCount {
            let id = text() + String(ids.count)
            ids.append(id)
        }
        let nodes = ids.map { id -> Node in
            var outputs: [Output] = []
            var used = Set<String>()
            for _ in 0..<Int.random(in: 0...3, using: &g) {
                let mineral = pick(minerals)
                let outputYear = pick([nil, year, year - 1, 2030] as [Int?])
                guard used.insert("\(mineral.rawValue)/\(outputYear ?? year)").inserted else { continue }
                outputs.append(Output(
                    mineral: mineral, year: outputYear, product: maybe(text()), tonnes: maybe(pick(numbers)),
                    containedTonnes: maybe(pick(numbers)), valueUSD: maybe(pick(numbers))))
            }
            let water: WaterUse? = Bool.random(using: &g) ? nil : WaterUse(
                withdrawalM3PerTonne: maybe(pick(numbers)), consumptionM3PerTonne: pick(numbers),
                brineM3PerTonne: maybe(pick(numbers)), seawaterM3PerTonne: maybe(pick(numbers)),
                awareFactor: maybe(pick(numbers)), baselineWaterStress: maybe(pick(numbers)))
            let kind = pick([NodeKind.mine, .processor, .manufacturer, .consumer] + WasteFate.allCases.map { .wasteDestination($0) })
            return Node(
                id: id, name: maybe(text()), kind: kind, country: pick(countries), outputs: outputs,
                capacityTonnes: maybe(pick(numbers)), water: water, otherInputsUSD: maybe(pick(numbers)),
                source: maybe(text()), notes: maybe(text()))
        }
        let flows: [Flow] = ids.isEmpty ? [] : (0..<Int.random(in: 0...8, using: &g)).map { _ in
            Flow(
                from: pick(ids), to: pick(ids), mineral: pick(minerals), product: maybe(text()), tonnes: maybe(pick(numbers)),
                containedTonnes: maybe(pick(numbers)), valueUSD: maybe(pick(numbers)), type: pick(FlowType.allCases),
                source: maybe(text()), notes: maybe(text()))
        }
        let sources = (0..<Int.random(in: 0...3, using: &g)).map { i in
            SourceReference(id: text() + "\(i)", title: text(), publisher: maybe(text()), url: maybe(text()), year: maybe(pick([2020, 2024])), notes: maybe(text()))
        }
        let others = (0..<Int.random(in: 0...2, using: &g)).map { _ in
            OtherCountries(
                mineral: pick(minerals), stage: pick(Stage.allCases), year: maybe(pick([2020, 2024])), tonnes: maybe(pick(numbers)),
                containedTonnes: maybe(pick(numbers)), source: maybe(text()), notes: maybe(text()))
        }
        return SupplyGraph(
            name: text(), year: year, priceYear: maybe(2022), description: maybe(text()),
            countryScheme: maybe("unctad-der-2024"), sources: sources, nodes: nodes, flows: flows, otherCountries: others)
    }
}
