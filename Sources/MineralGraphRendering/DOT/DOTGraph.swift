/// Attributes of a DOT graph, node or edge, by name. The writer sorts them by name.
public typealias DOTAttributes = [String: DOTValue]

/// A directed graph in the DOT language, as a value: what ``DOTWriter`` serialises.
///
/// It knows nothing about supply chains; ``DiagramEncoder`` builds it from a ``Diagram``.
/// Statement order is kept as given, so the encoder decides it (and sorts).
public struct DOTGraph: Hashable, Sendable {
    public var name: String
    /// Graph attributes (`graph [...]`).
    public var attributes: DOTAttributes
    /// Default node attributes (`node [...]`).
    public var nodeDefaults: DOTAttributes
    /// Default edge attributes (`edge [...]`).
    public var edgeDefaults: DOTAttributes
    public var statements: [DOTStatement]

    public init(
        name: String, attributes: DOTAttributes = [:], nodeDefaults: DOTAttributes = [:],
        edgeDefaults: DOTAttributes = [:], statements: [DOTStatement] = []
    ) {
        self.name = name
        self.attributes = attributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
        self.statements = statements
    }
}

/// One statement in a graph or subgraph body.
public enum DOTStatement: Hashable, Sendable {
    /// A node with its attributes.
    case node(id: String, attributes: DOTAttributes)
    /// An edge `from -> to`.
    case edge(from: String, to: String, attributes: DOTAttributes)
    /// A subgraph; names starting with `cluster` are drawn as boxes by `dot`.
    case subgraph(DOTSubgraph)
}

/// A named subgraph: a cluster, or a group of nodes that share a rank.
public struct DOTSubgraph: Hashable, Sendable {
    public var name: String
    public var attributes: DOTAttributes
    public var statements: [DOTStatement]

    public init(name: String, attributes: DOTAttributes = [:], statements: [DOTStatement] = []) {
        self.name = name
        self.attributes = attributes
        self.statements = statements
    }
}
