import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// The exports loaded where analysts load graphs (issue 18): node-link JSON in NetworkX
/// (`node_link_graph(data, edges="links")`), the DOT export in pydot and
/// `networkx.nx_pydot.read_dot`, the GraphML export in python-igraph. Each test is skipped,
/// with the reason shown, when its Python package is not installed (`.ci/run` installs them).
@Suite("Exports in NetworkX, pydot and igraph")
struct GraphToolInteropTests {
    static let graphs = ExampleGraphTests.files + ["tiny"]

    static func graph(_ name: String) throws -> SupplyGraph {
        name == "tiny" ? ExportFixtures.tiny : try ExportRoundTripTests.example(name)
    }

    /// Writes `text` to a temporary file, runs the Python `script` on it and decodes its JSON output.
    static func load(_ text: String, fileExtension: String, script: String) throws -> [String: Any]? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mineral-graph-\(UUID().uuidString).\(fileExtension)")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Python.run(["-c", script, file.path])
        #expect(result.status == 0, "python: \(result.stderr)")
        guard result.status == 0 else { return nil }
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    // MARK: Node-link JSON in NetworkX

    static let nodeLinkScript = """
        import json, sys
        import networkx as nx
        g = nx.node_link_graph(json.load(open(sys.argv[1], encoding="utf-8")), edges="links")
        json.dump({
            "directed": g.is_directed(), "multigraph": g.is_multigraph(), "graph": g.graph,
            "nodes": [[n, d] for n, d in g.nodes(data=True)],
            "edges": [[u, v, k, d] for u, v, k, d in g.edges(keys=True, data=True)],
        }, sys.stdout)
        """

    @Test(.enabled(if: Python.has("networkx"), "python3 with networkx is not installed"), arguments: graphs)
    func networkXReadsTheNodeLinkExport(_ name: String) throws {
        let graph = try Self.graph(name)
        guard let read = try Self.load(NodeLinkWriter().write(graph), fileExtension: "json", script: Self.nodeLinkScript) else { return }
        #expect(read["directed"] as? Bool == true)
        #expect(read["multigraph"] as? Bool == true)
        let tables = GraphAttributeTables(graph)
        // `source` (where figures come from) is `data_source`: `source` is a link's start.
        func renamed(_ attributes: [Attribute]) -> [Attribute] {
            attributes.map { $0.name == NodeKey.source.rawValue ? Attribute(NodeLinkWriter.dataSourceMember, $0.value) : $0 }
        }
        NetworkXTests.expect(read["graph"], equals: tables.graph, "graph")
        let nodes = try #require(read["nodes"] as? [[Any]])
        #expect(nodes.map { $0[0] as? String } == tables.nodes.map(\.id))
        for (row, node) in zip(nodes, tables.nodes) { NetworkXTests.expect(row[1], equals: renamed(node.attributes), node.id) }
        let edges = try #require(read["edges"] as? [[Any]])
        #expect(edges.count == graph.flows.count)
        let byKey = Dictionary(uniqueKeysWithValues: tables.edges.map { ($0.id, $0) })
        #expect(Set(edges.compactMap { $0[2] as? String }) == Set(byKey.keys), "every flow once, keyed by its id")
        for row in edges {
            guard let key = row[2] as? String, let edge = byKey[key] else { continue }
            #expect(row[0] as? String == edge.from && row[1] as? String == edge.to, "\(key)")
            NetworkXTests.expect(row[3], equals: renamed(edge.attributes), key)
        }
    }

    // MARK: DOT in pydot and nx_pydot

    static let dotScript = """
        import json, sys
        import pydot
        import networkx as nx
        (p,) = pydot.graph_from_dot_file(sys.argv[1], encoding="utf-8")
        g = nx.nx_pydot.read_dot(sys.argv[1])
        json.dump({
            "pydot_nodes": [n.get_name() for n in p.get_nodes() if n.get_name() not in ("graph", "node", "edge")],
            "pydot_edges": [[e.get_source(), e.get_destination()] for e in p.get_edges()],
            "pydot_graph": p.get_graph_defaults()[0] if p.get_graph_defaults() else {},
            "nodes": [[n, d] for n, d in g.nodes(data=True)],
            "edges": [[u, v, d] for u, v, d in g.edges(data=True)],
        }, sys.stdout)
        """

    @Test(.enabled(if: Python.has("pydot") && Python.has("networkx"), "python3 with pydot and networkx is not installed"),
          arguments: graphs)
    func pydotAndNetworkXReadTheDOTExport(_ name: String) throws {
        let graph = try Self.graph(name)
        guard let read = try Self.load(DOTDataWriter().write(graph), fileExtension: "dot", script: Self.dotScript) else { return }
        let tables = GraphAttributeTables(graph)
        // pydot keeps names and values as written, quotes and escapes included
        // (`"output_rare-earths_tonnes"` is quoted: DOT names have no `-`).
        func written(_ attributes: [Attribute], name: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: attributes.map {
                (DOTText.attributeName($0.name == GraphKey.name.rawValue ? name : $0.name), DOTText.quoted($0.value.text))
            })
        }
        #expect(read["pydot_nodes"] as? [String] == tables.nodes.map { DOTText.quoted($0.id) })
        let pydotEdges = try #require(read["pydot_edges"] as? [[String]])
        #expect(pydotEdges == tables.edges.map { [DOTText.quoted($0.from), DOTText.quoted($0.to)] })
        #expect(read["pydot_graph"] as? [String: String] == written(tables.graph, name: DOTDataWriter.graphNameAttribute))

        let nodes = try #require(read["nodes"] as? [[Any]])
        #expect(nodes.map { $0[0] as? String } == tables.nodes.map(\.id))
        for (row, node) in zip(nodes, tables.nodes) {
            #expect(row[1] as? [String: String] == written(node.attributes, name: DOTDataWriter.nodeNameAttribute), "\(node.id)")
        }
        // NetworkX groups edges by their first node; compare them as a multiset.
        func line(_ from: String, _ to: String, _ attributes: [String: String]) -> String {
            ([from, to] + attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "|")
        }
        let edges = try #require(read["edges"] as? [[Any]])
        let readLines = edges.map { line($0[0] as? String ?? "", $0[1] as? String ?? "", $0[2] as? [String: String] ?? [:]) }
        let exported = tables.edges.map { line($0.from, $0.to, written($0.attributes, name: GraphKey.name.rawValue)) }
        #expect(readLines.sorted() == exported.sorted())
    }

    // MARK: GraphML in python-igraph

    static let igraphScript = """
        import json, math, sys
        import igraph
        g = igraph.Graph.Read_GraphML(sys.argv[1])
        clean = lambda d: {k: v for k, v in d.items() if v is not None and v != "" and not (isinstance(v, float) and math.isnan(v))}
        json.dump({
            "directed": g.is_directed(), "vertex_ids": g.vs["id"],
            "edge_attributes": g.es.attributes(),
            "edges": [[g.vs[e.source]["id"], g.vs[e.target]["id"], clean(e.attributes())] for e in g.es],
        }, sys.stdout)
        """

    @Test(.enabled(if: Python.has("igraph"), "python3 with python-igraph is not installed"), arguments: graphs)
    func igraphReadsTheGraphMLExport(_ name: String) throws {
        let graph = try Self.graph(name)
        guard let read = try Self.load(GraphMLWriter().write(graph), fileExtension: "graphml", script: Self.igraphScript) else { return }
        let tables = GraphAttributeTables(graph)
        #expect(read["directed"] as? Bool == true)
        #expect(read["vertex_ids"] as? [String] == tables.nodes.map(\.id))
        // igraph reads an `<edge id>` into an edge attribute `id` that collides with vertex ids.
        #expect(!(read["edge_attributes"] as? [String] ?? []).contains("id"))
        let edges = try #require(read["edges"] as? [[Any]])
        #expect(edges.count == tables.edges.count)
        for (row, edge) in zip(edges, tables.edges) {
            #expect(row[0] as? String == edge.from && row[1] as? String == edge.to, "\(edge.id)")
            // igraph reads GraphML booleans and ints as numbers; every edge attribute is a string or a double.
            NetworkXTests.expect(row[2], equals: [Attribute(GraphMLWriter.flowIDAttribute, .string(edge.id))] + edge.attributes, edge.id)
        }
    }
}
