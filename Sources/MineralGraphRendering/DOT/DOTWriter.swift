/// Serialises a ``DOTGraph`` to DOT text, deterministically.
///
/// Every identifier and value is quoted (so DOT keywords and punctuation in ids are harmless),
/// attributes are sorted by name, numbers use a fixed format, indentation is two spaces per
/// level and the text ends with a newline. The same graph always gives the same bytes.
///
/// ```
/// digraph "Cobalt" {
///   graph [rankdir="LR"];
///   "cod-mines" [label="DR Congo mines", shape="invtrapezium"];
///   "cod-mines" -> "fin-kokkola" [penwidth="4.2"];
/// }
/// ```
public struct DOTWriter: Sendable {
    public init() {}

    public func write(_ graph: DOTGraph) -> String {
        var out = "digraph " + DOTValue.quotedID(graph.name) + " {\n"
        appendDefaults("graph", graph.attributes, indent: 1, to: &out)
        appendDefaults("node", graph.nodeDefaults, indent: 1, to: &out)
        appendDefaults("edge", graph.edgeDefaults, indent: 1, to: &out)
        for statement in graph.statements { append(statement, indent: 1, to: &out) }
        out += "}\n"
        return out
    }

    private func appendDefaults(_ keyword: String, _ attributes: DOTAttributes, indent: Int, to out: inout String) {
        guard !attributes.isEmpty else { return }
        out += String(repeating: "  ", count: indent) + keyword + " " + attributeList(attributes) + ";\n"
    }

    private func append(_ statement: DOTStatement, indent: Int, to out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch statement {
        case .node(let id, let attributes):
            out += pad + DOTValue.quotedID(id)
            if !attributes.isEmpty { out += " " + attributeList(attributes) }
            out += ";\n"
        case .edge(let from, let to, let attributes):
            out += pad + DOTValue.quotedID(from) + " -> " + DOTValue.quotedID(to)
            if !attributes.isEmpty { out += " " + attributeList(attributes) }
            out += ";\n"
        case .subgraph(let subgraph):
            out += pad + "subgraph " + DOTValue.quotedID(subgraph.name) + " {\n"
            appendDefaults("graph", subgraph.attributes, indent: indent + 1, to: &out)
            for inner in subgraph.statements { append(inner, indent: indent + 1, to: &out) }
            out += pad + "}\n"
        }
    }

    /// `[a="1", b="2"]` with names sorted.
    func attributeList(_ attributes: DOTAttributes) -> String {
        "[" + attributes.keys.sorted().map { Self.attributeName($0) + "=" + attributes[$0]!.source }
            .joined(separator: ", ") + "]"
    }

    /// Attribute names are written bare when they are plain DOT identifiers, quoted otherwise.
    static func attributeName(_ name: String) -> String {
        let isPlain = !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        return isPlain ? name : DOTValue.quotedID(name)
    }
}
