import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// Runs `python3`, for the tests that load the exports in Python's graph libraries
/// (`.ci/run` installs networkx, pydot and python-igraph with pip where it can).
enum Python {
    /// Whether `python3 -c "import MODULE"` succeeds.
    static func has(_ module: String) -> Bool { (try? run(["-c", "import " + module]).status) == 0 }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

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
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mineral-graph-\(UUID().uuidString).graphml")
        try GraphMLWriter().write(graph).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Python.run(["-c", NetworkX.script, file.path])
        #expect(result.status == 0, "python: \(result.stderr)")
        guard result.status == 0 else { return }
        let read = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])

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
