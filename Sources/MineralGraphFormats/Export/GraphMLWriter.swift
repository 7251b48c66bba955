import MineralGraphCore

/// Writes a graph as GraphML (http://graphml.graphdrawing.org/), the format NetworkX
/// (`networkx.read_graphml`), Gephi and yEd read.
///
/// Every attribute of ``GraphAttributeTables`` is a declared `<key>` with its `attr.type`
/// (`string`, `double`, `int`, `boolean`); keys for the graph come first, then nodes, then
/// edges, each in schema order. The graph is directed and may have parallel edges: every edge
/// carries its flow's id, `f<index>` in flow order, as the data attribute `flow_id`, the first
/// edge key. Not as GraphML's own `<edge id>`: python-igraph reads that into an edge
/// attribute `id` that collides with its vertex ids.
/// Missing values have no `<data>` element. Text is UTF-8 with `& < > "` escaped, carriage
/// returns kept as `&#13;`, and characters XML 1.0 cannot carry (other control characters,
/// U+FFFE, U+FFFF) replaced by U+FFFD. The same graph always gives the same bytes.
public struct GraphMLWriter: Sendable {
    /// The edge attribute with the flow's id (`f0`, `f1`, … in flow order).
    public static let flowIDAttribute = "flow_id"

    public init() {}

    public func write(_ graph: SupplyGraph) -> String {
        let tables = GraphAttributeTables(graph)
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- mineral-graph export: attributes in docs/export.md -->
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        var graphIDs: [String: String] = [:], nodeIDs: [String: String] = [:], edgeIDs: [String: String] = [:]
        func declare(_ keys: [AttributeKey], domain: String, prefix: String, into ids: inout [String: String]) {
            for (index, key) in keys.enumerated() {
                let id = prefix + String(index)
                ids[key.name] = id
                out += "  <key id=\"\(id)\" for=\"\(domain)\" attr.name=\"\(XMLText.escape(key.name, inAttribute: true))\" attr.type=\"\(key.type.rawValue)\"/>\n"
            }
        }
        declare(tables.graphKeys, domain: "graph", prefix: "g", into: &graphIDs)
        declare(tables.nodeKeys, domain: "node", prefix: "n", into: &nodeIDs)
        declare([AttributeKey(name: Self.flowIDAttribute, type: .string)] + tables.edgeKeys, domain: "edge", prefix: "e", into: &edgeIDs)

        func data(_ attributes: [Attribute], _ ids: [String: String], indent: String) {
            for attribute in attributes {
                out += indent + "<data key=\"\(ids[attribute.name]!)\">" + XMLText.escape(attribute.value.text, inAttribute: false) + "</data>\n"
            }
        }
        out += "  <graph id=\"G\" edgedefault=\"directed\">\n"
        data(tables.graph, graphIDs, indent: "    ")
        for node in tables.nodes {
            out += "    <node id=\"\(XMLText.escape(node.id, inAttribute: true))\">\n"
            data(node.attributes, nodeIDs, indent: "      ")
            out += "    </node>\n"
        }
        for edge in tables.edges {
            out += "    <edge source=\"\(XMLText.escape(edge.from, inAttribute: true))\" target=\"\(XMLText.escape(edge.to, inAttribute: true))\">\n"
            data([Attribute(Self.flowIDAttribute, .string(edge.id))] + edge.attributes, edgeIDs, indent: "      ")
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }
}

/// Escaping text for XML 1.0 element content and attribute values.
enum XMLText {
    /// `&`, `<`, `>` and `"` as entities; CR as `&#13;` (parsers turn a raw CR into LF); in
    /// attribute values also LF and tab as references (parsers turn raw ones into spaces);
    /// characters XML 1.0 does not allow at all (controls other than tab, LF, CR; U+FFFE,
    /// U+FFFF) as U+FFFD. Other characters, non-ASCII letters included, are written as they are.
    static func escape(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#13;"
            case "\n": if inAttribute { out += "&#10;" } else { out += "\n" }
            case "\t": if inAttribute { out += "&#9;" } else { out += "\t" }
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
