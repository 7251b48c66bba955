import MineralGraphCore

/// Writes a graph as node-link JSON, the shape of NetworkX's `node_link_data` and of d3's
/// force layouts (`export --format node-link`, docs/export.md):
///
/// ```json
/// {
///   "directed": true,
///   "multigraph": true,
///   "graph": {"name": …, "year": …, …},
///   "nodes": [{"id": "cod-mines", "label": …, "kind": "mine", …}],
///   "links": [{"source": "cod-mines", "target": "chn-refiners", "key": "f0", "mineral": "cobalt", …}]
/// }
/// ```
///
/// The attributes are those of ``GraphAttributeTables`` (the GraphML and CSV schema), with
/// their types: strings, numbers, booleans; missing values are left out, and the `source`
/// attribute of nodes and flows (where the figures come from) is `data_source`, because
/// `source` and `target` are a link's ends. `key` is the flow's
/// id (`f0`, `f1`, … in flow order), which keeps parallel flows apart in NetworkX's
/// `MultiDiGraph`. `networkx.node_link_graph(data, edges="links")` reads the file back; d3
/// takes `nodes` and `links` as they are. The same graph always gives the same bytes.
public struct NodeLinkWriter: Sendable {
    /// The link member with the flow's id, NetworkX's name for a multigraph edge key.
    public static let keyMember = "key"
    /// The node-link name of the `source` attribute.
    public static let dataSourceMember = "data_source"

    public init() {}

    public func write(_ graph: SupplyGraph) -> String {
        let tables = GraphAttributeTables(graph)
        let root: JSONValue = .object([
            ("directed", .bool(true)),
            ("multigraph", .bool(true)),
            ("graph", .object(tables.graph.map(Self.member))),
            ("nodes", .array(tables.nodes.map { node in .object([("id", .text(node.id))] + node.attributes.map(Self.member)) })),
            ("links", .array(tables.edges.map { edge in
                .object([("source", .text(edge.from)), ("target", .text(edge.to)), (Self.keyMember, .text(edge.id))]
                    + edge.attributes.map(Self.member))
            })),
        ])
        var out = ""
        root.write(to: &out, indent: 0)
        return out + "\n"
    }

    static func member(_ attribute: Attribute) -> (String, JSONValue) {
        let value: JSONValue =
            switch attribute.value {
            case .string(let text): .text(text)
            case .double(let number): .number(number)
            case .int(let number): .int(number)
            case .boolean(let flag): .bool(flag)
            }
        return (attribute.name == NodeKey.source.rawValue ? dataSourceMember : attribute.name, value)
    }
}
