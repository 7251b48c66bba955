import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// Reading hand-written DOT: the syntax people use, and errors with their positions.
@Suite("DOT import")
struct DOTImporterTests {
    func read(_ text: String) throws -> SupplyGraph {
        try DOTImporter().read(text: text, file: "g.dot").graph
    }

    /// The first diagnostic as `line:column: message`.
    func failure(_ text: String) -> String? {
        do {
            _ = try DOTImporter().read(text: text, file: "g.dot")
            return nil
        } catch {
            guard let first = error.diagnostics.first, let location = first.location else { return "no location" }
            return "\(location.line):\(location.column): \(first.message)"
        }
    }

    /// The export writes `graph_name` and `node_name` (pydot takes `name` as the element's own);
    /// files written before 0.2.0 say `name`, and both read the same.
    @Test func nameIsReadInBothSpellings() throws {
        let new = try read("""
            digraph G { graph [graph_name="New", year=2023]; m [node_name="Mine A", kind=mine, country=COD] }
            """)
        let old = try read("""
            digraph G { graph [name="New", year=2023]; m [name="Mine A", kind=mine, country=COD] }
            """)
        #expect(new.name == "New" && new.nodes.first?.name == "Mine A")
        #expect(old == new)
        #expect(failure(#"digraph G { graph [year=2023]; m [node_name="A", name="B", kind=mine, country=COD] }"#)?
            .contains("attribute 'name' is given twice") == true)
    }

    @Test func handWrittenSyntax() throws {
        let graph = try read("""
            # preprocessor line
            /* a block
               comment */ digraph G {
              name = "Hand" + " written"; year=2023  // trailing comment
              graph [price_year=2022, description="tab\\there \\l kept"]
              mine [kind=mine country="DR Congo"; outputs="co" output_cobalt_tonnes=1.5] [notes="split \\
            line"]
              "ref" [kind=processor, country=CHN]
              sink [kind="waste", fate=landfill, country=FIN];
              mine -> ref -> sink [mineral=cobalt, tonnes=-.5];
              ref -> mine [mineral=Co type="recovered-fraction"]
            }
            """)
        #expect(graph.name == "Hand written")
        #expect(graph.year == 2023 && graph.priceYear == 2022)
        #expect(graph.description == "tab\\there \\l kept")
        #expect(graph.nodes.map(\.id) == ["mine", "ref", "sink"])
        #expect(graph.nodes[0].country == "COD")
        #expect(graph.nodes[0].outputs == [Output(mineral: "cobalt", tonnes: 1.5)])
        #expect(graph.nodes[0].notes == "split line")
        #expect(graph.nodes[2].kind == .wasteDestination(.landfill))
        #expect(graph.flows.map { "\($0.from)>\($0.to)" } == ["mine>ref", "ref>sink", "ref>mine"])
        #expect(graph.flows[0].tonnes == -0.5 && graph.flows[1].tonnes == -0.5)
        #expect(graph.flows[2].mineral == "cobalt" && graph.flows[2].type == .recoveredFraction)
    }

    @Test func outputsWithoutAListFollowTheirAttributes() throws {
        let graph = try read("""
            digraph { name="x" year="2023"
              m [kind=mine country=CHL output_lithium_2022_tonnes=2 output_copper_tonnes=1 output_lithium_2022_value_usd=3] }
            """)
        #expect(graph.nodes[0].outputs == [
            Output(mineral: "lithium", year: 2022, tonnes: 2, valueUSD: 3), Output(mineral: "copper", tonnes: 1),
        ])
    }

    @Test func derivedAttributesAreIgnored() throws {
        let graph = try read("""
            digraph { graph [name="x" year="2023" group_scheme="whatever"]
              m [kind=mine country=CHL stage="waste" label="L" country_name="Nowhere" development_group="x" least_developed="maybe"] }
            """)
        #expect(graph.nodes[0] == Node(id: "m", kind: .mine, country: "CHL"))
    }

    @Test(arguments: [
        ("graph { }", "1:1: undirected graph: flows have a direction"),
        ("strict digraph { }", "1:1: strict graphs merge parallel edges; supply graphs keep them"),
        ("digraph {\n  node [shape=box]\n}", "2:3: default attributes ('node [...]') are not read"),
        ("digraph {\n  edge [color=red]\n}", "2:3: default attributes ('edge [...]') are not read"),
        ("digraph {\n  subgraph cluster_a { a }\n}", "2:3: subgraphs are not read"),
        ("digraph {\n  a -> { b c }\n}", "2:8: subgraphs are not read"),
        ("digraph {\n  a -- b\n}", "2:5: undirected edge '--' in a digraph"),
        ("digraph {\n  a:n -> b\n}", "2:4: ports ('node:port') are not read"),
        ("digraph {\n  a [label=<b>x</b>]\n}", "2:12: HTML-like values ('<...>') are not read"),
        ("digraph {\n  a [name=\"open\n}\n", "2:11: unterminated string"),
        ("digraph {\n  /* open\n}\n", "2:3: unterminated comment"),
        ("digraph {\n  a [name]\n}", "2:10: expected '=' after attribute 'name', found ']'"),
        ("digraph {\n  a [=1]\n}", "2:6: expected an attribute name or ']', found '='"),
        ("digraph {\n  a -> b", "2:9: the file ends inside the graph"),
        ("digraph { } x", "1:13: unexpected 'x' after the end of the graph"),
        ("digraph {\n  12ab\n}", "2:3: '12' runs into 'a': an id cannot start with a digit"),
        ("digraph {\n  a @ b\n}", "2:5: unexpected character '@'"),
        ("digraph {\n  \"a\" + b\n}", "2:9: expected a quoted string after '+', found 'b'"),
    ])
    func syntaxErrorsHavePositions(_ text: String, _ expected: String) {
        #expect(failure(text) == expected)
    }

    static let header = "digraph {\n  graph [name=\"x\" year=\"2023\"]\n"

    @Test(arguments: [
        ("  m [kind=mine country=CHL tonnes=\"3\"]\n}", "3:28: unknown attribute 'tonnes' for node 'm'"),
        ("  m [kind=mine country=CHL capacity_tonnes=\"3,5\"]\n}", "3:44: expected a number for 'capacity_tonnes', found '3,5'"),
        ("  m [kind=mine country=CHL kind=mine]\n}", "3:28: attribute 'kind' is given twice"),
        ("  m [kind=mine country=CHL]\n  m [notes=x]\n}", "4:3: node 'm' is declared again"),
        ("  m [country=CHL]\n}", "3:3: node 'm' needs a kind"),
        ("  m [kind=refinery country=CHL]\n}", "3:11: unknown node kind 'refinery'"),
        ("  m [kind=waste country=CHL]\n}", "3:11: waste destination 'm' needs a fate"),
        ("  m [kind=mine fate=landfill country=CHL]\n}", "3:16: only waste destinations have a fate"),
        ("  m [kind=mine country=CHL outputs=\"cobalt\" output_nickel_tonnes=1]\n}", "3:45: 'output_nickel_tonnes' belongs to no output in 'outputs'"),
        ("  m [kind=mine country=CHL outputs=\"cobalt@x\"]\n}", "3:36: 'cobalt@x' in 'outputs' is not a mineral or mineral@year"),
        ("  a -> b [tonnes=1]\n}", "3:3: the flow a -> b needs a mineral"),
        ("  a -> b [mineral=cobalt type=scrap]\n}", "3:31: unknown flow type 'scrap'"),
        ("  source_1_title=\"t\"\n}", "3:3: source_1 needs 'source_1_id'"),
        ("  other_countries_2_mineral=cobalt other_countries_2_stage=mine\n}", "3:60: unknown stage 'mine'"),
        ("  price_year=\"2022.5\"\n}", "3:14: expected a whole number for 'price_year', found '2022.5'"),
    ])
    func dataErrorsHavePositions(_ body: String, _ expected: String) {
        #expect(failure(Self.header + body) == expected)
    }

    @Test func unknownAttributesSuggestTheClosestName() throws {
        do {
            _ = try DOTImporter().read(text: Self.header + "  m [kind=mine country=CHL capacity_tonne=1]\n}", file: "g.dot")
            Issue.record("read")
        } catch {
            #expect(error.diagnostics[0].notes.first == "did you mean 'capacity_tonnes'?")
            #expect(error.description.contains("g.dot:3:28: error: unknown attribute 'capacity_tonne' for node 'm'\n  m [kind=mine country=CHL capacity_tonne=1]\n                           ^\n"))
        }
    }

    @Test func graphWithoutNameOrYear() {
        #expect(failure("digraph {\n}") == "1:1: the graph needs a name: add graph [name=\"...\"]")
        #expect(failure("digraph \"From the id\" {\n}") == "1:1: the graph needs a year: add graph [year=\"...\"]")
    }

    @Test func validationFindingsPointAtTheDOTText() throws {
        let document = try DOTImporter().read(text: Self.header + "  m [kind=mine country=\"XXY\"]\n  m2 [kind=mine country=CHL]\n  m -> nowhere [mineral=cobalt]\n}", file: "g.dot")
        let findings = document.validate().filter { $0.severity == .error }
        let described = findings.map { "\($0.location!.line):\($0.location!.column) \($0.code)" }
        #expect(described.contains("3:24 unknown-country"))
        #expect(described.contains { $0.hasPrefix("5:") })
    }
}

/// The JSON reader's own checks (the rest are the graph file reader's).
@Suite("JSON import")
struct JSONGraphReaderTests {
    func failure(_ text: String) -> String? {
        do {
            _ = try JSONGraphReader().read(text: text, file: "g.json")
            return nil
        } catch {
            guard let first = error.diagnostics.first, let location = first.location else { return "no location" }
            return "\(location.line):\(location.column): \(first.message)"
        }
    }

    @Test func errorsHavePositions() {
        #expect(failure("{\"format\": \"mineral-graph-json/1\", \"nodez\": [], \"metadata\": {\"name\": \"n\", \"year\": 2023}}") == "1:36: unknown key 'nodez' in the graph")
        #expect(failure("{\"format\": \"x\", \"metadata\": {\"name\": \"n\", \"year\": 2023}}") == "1:12: unsupported format 'x'")
        #expect(failure("{\"metadata\": {\"name\": \"n\", \"year\": \"2023\"}}") == "1:36: expected a number for 'year', found '2023'")
        #expect(failure("{\"metadata\": {\"name\": \"n\", \"year\": 2023},\n \"nodes\": [{\"id\": \"a\", \"kind\": \"mine\", \"country\": \"CHN\", \"colour\": 1}]}")
            == "2:58: unknown key 'colour' in a node")
        #expect(failure("{\"nodes\": []}") == "1:1: the graph needs 'metadata' (name, year ...)")
        #expect(failure("[]") == "1:1: expected a JSON object with 'metadata', 'nodes' and 'flows'")
    }

    @Test func minimalJSONReads() throws {
        let graph = try JSONGraphReader().read(text: #"{"metadata": {"name": "n", "year": 2023}, "nodes": [{"id": "a", "kind": "mine", "country": "CD", "fate": null, "stage": "x"}]}"#, file: "g.json").graph
        #expect(graph == SupplyGraph(name: "n", year: 2023, nodes: [Node(id: "a", kind: .mine, country: "COD")]))
    }
}
