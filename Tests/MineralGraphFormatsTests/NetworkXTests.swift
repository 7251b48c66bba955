import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// Runs Python with NetworkX, where installed (`python3 -m pip install networkx`).
enum NetworkX {
    static let isAvailable = Python.has("networkx")

    /// Loads GraphML with `networkx.read_graphml` and prints what it read as JSON.
    static let script = """
        import json, sys
        import networkx as nx
        g = nx.read_graphml(sys.argv[1])
        # The flow id is the edge attribute flow_id; NetworkX numbers parallel edges itself.
        edges = ((u, v, d.get("flow_id"), d) for u, v, d in g.edges(data=True))
        json.dump({
            "directed": g.is_directed(), "multigraph": g.is_multigraph(),
            "node_count": g.number_of_nodes(), "edge_count": g.number_of_edges(),
            # NetworkX adds its own node_default and edge_default graph attributes.
            "graph": {k: v for k, v in g.graph.items() if k not in ("node_default", "edge_default")},
            "nodes": [[n, d] for n, d in g.nodes(data=True)],
            "edges": [[u, v, k, {a: b for a, b in d.items() if a != "flow_id"}] for u, v, k, d in edges],
        }, sys.stdout)
        """
}

/// The GraphML export as NetworkX reads it: the same nodes, edges and attributes, with types.
@Suite("GraphML in NetworkX")
struct NetworkXTests {
    @Test(.enabled(if: NetworkX.isAvailable, "python3 with networkx is not installed"),
          arguments: ExampleGraphTests.files + ["tiny"])
    func networkXReadsTheGraphMLWithEveryAttribute(_ name: String) throws {
        let graph = name == "tiny" ? ExportFixtures.tiny : try ExportRoundTripTests.example(name)
        guard let read = try GraphToolInteropTests.load(GraphMLWriter().write(graph), fileExtension: "graphml", script: NetworkX.script)
        else { return }

        #expect(read["directed"] as? Bool == true)
        let hasParallelFlows = Set(graph.flows.map { [$0.from, $0.to] }).count < graph.flows.count
        #expect(read["multigraph"] as? Bool == hasParallelFlows)
        #expect(read["node_count"] as? Int == graph.nodes.count)
        #expect(read["edge_count"] as? Int == graph.flows.count)

        let tables = GraphAttributeTables(graph)
        Self.expect(read["graph"], equals: tables.graph, "graph")
        let nodes = try #require(read["nodes"] as? [[Any]])
        #expect(nodes.map { $0[0] as? String } == tables.nodes.map(\.id))
        for (row, node) in zip(nodes, tables.nodes) { Self.expect(row[1], equals: node.attributes, node.id) }
        let edges = try #require(read["edges"] as? [[Any]])
        #expect(edges.count == tables.edges.count)
        // NetworkX groups edges by source node; match them by id.
        let byID = Dictionary(uniqueKeysWithValues: tables.edges.map { ($0.id, $0) })
        for row in edges {
            guard let id = row[2] as? String, let edge = byID[id] else {
                Issue.record("edge without a known id: \(row)")
                continue
            }
            #expect(row[0] as? String == edge.from && row[1] as? String == edge.to)
            Self.expect(row[3], equals: edge.attributes, id)
        }
        if name == "cobalt-2023.yaml" {
            let drc = try #require(nodes.first { $0[0] as? String == "cod-mines" }?[1] as? [String: Any])
            #expect(drc["output_cobalt_contained_tonnes"] as? Double == 170_000)
            #expect(drc["least_developed"] as? Bool == true)
            #expect(drc["country_name"] as? String == "DR Congo")
        }
    }

    /// NetworkX's values (decoded from its JSON) against the exported attributes, with types:
    /// `double` as floats, `int` as integers, `boolean` as booleans, `string` as strings.
    static func expect(_ value: Any?, equals attributes: [Attribute], _ what: String) {
        guard let read = value as? [String: Any] else {
            Issue.record("\(what): no attributes")
            return
        }
        #expect(Set(read.keys) == Set(attributes.map(\.name)), "\(what)")
        for attribute in attributes {
            let got = read[attribute.name]
            let same: Bool
            switch attribute.value {
            case .string(let text): same = got as? String == text
            case .double(let number): same = (got as? NSNumber)?.doubleValue == number
            case .int(let number): same = got as? Int == number
            case .boolean(let flag): same = got as? Bool == flag
            }
            #expect(same, "\(what).\(attribute.name): NetworkX read \(String(describing: got)), exported \(attribute.value)")
        }
    }
}
