import MineralGraphCore

/// Writes a graph as DOT with its data: every attribute of ``GraphAttributeTables`` on the
/// graph, its nodes and its edges, so that ``DOTImporter`` reads the file back to the same graph.
///
/// This is a data export, not a picture (`mineral-graph render` draws those): nodes and edges
/// carry `label` only so that `dot` shows names. Every id and value is quoted (numbers too;
/// DOT numerals have no exponent), with `\\`, `\"`, `\n` (LF) and `\r` (CR) as the only escapes
/// (`DOTText`), and `\u001B` for another control character (a valid graph has none; `dot`
/// shows the escape as text, ``DOTImporter`` reads the character back). Attributes are one per line in schema order; graph attributes come first, then
/// nodes and flows in the graph's order. The same graph always gives the same bytes.
///
/// The `name` attribute of the graph and of nodes is written `graph_name` and `node_name`:
/// pydot (and so `networkx.nx_pydot.read_dot`) passes DOT attributes to its constructors as
/// keyword arguments, where `name` is the element's own name. ``DOTImporter`` reads both spellings.
public struct DOTDataWriter: Sendable {
    /// The DOT spelling of the graph's `name`.
    public static let graphNameAttribute = "graph_name"
    /// The DOT spelling of a node's `name`.
    public static let nodeNameAttribute = "node_name"

    public init() {}

    public func write(_ graph: SupplyGraph) -> String {
        let tables = GraphAttributeTables(graph)
        var out = """
            // mineral-graph data export: every attribute of the graph (docs/export.md).
            // Read it back with `mineral-graph import dot FILE`; draw it with `mineral-graph render`.
            digraph \(DOTText.quoted(graph.name)) {

            """
        func attributeList(_ attributes: [Attribute], name: String? = nil) {
            out += " [\n"
            for attribute in attributes {
                let attributeName = attribute.name == GraphKey.name.rawValue ? name ?? attribute.name : attribute.name
                out += "    " + DOTText.attributeName(attributeName) + "=" + DOTText.quoted(attribute.value.text) + "\n"
            }
            out += "  ];\n"
        }
        out += "  graph"
        attributeList(tables.graph, name: Self.graphNameAttribute)
        for node in tables.nodes {
            out += "  " + DOTText.quoted(node.id)
            attributeList(node.attributes, name: Self.nodeNameAttribute)
        }
        for edge in tables.edges {
            out += "  " + DOTText.quoted(edge.from) + " -> " + DOTText.quoted(edge.to)
            attributeList(edge.attributes)
        }
        return out + "}\n"
    }
}

/// Quoting of DOT ids and values for the data export and its reader.
///
/// Unlike the diagram writer's display quoting (`DOTValue` in MineralGraphRendering, which
/// turns every line break into Graphviz's `\n` and keeps Graphviz's own meaning of `\\`),
/// this one is exact: ``DOTParser`` turns `\\`, `\"`, `\n`, `\r` and `\u001B` (the other
/// control characters) back into the characters, so any text, with backslashes, quotes, CR LF
/// line ends and control characters, survives the round trip, and no raw control character
/// (NUL above all) reaches `dot`.
enum DOTText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                // Other control characters as `\u001B`: raw, NUL would end the text for
                // Graphviz's C parser and the rest are not allowed in its SVG output.
                if (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A bare name when it is a plain DOT identifier (`output_cobalt_tonnes`), quoted otherwise
    /// (`"output_rare-earths_tonnes"`).
    static func attributeName(_ name: String) -> String {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first),
            name.unicodeScalars.allSatisfy(isIdentifierScalar)
        else { return quoted(name) }
        return DOTParser.keywords.contains(name.lowercased()) ? quoted(name) : name
    }

    /// Letters, digits, `_` and any non-ASCII scalar, as in DOT's unquoted identifiers.
    static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 || scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
