import MineralGraphCore

/// Why a graph could not be turned into a diagram with the given options.
public enum DiagramError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `--mineral` names a mineral that no flow or output of the graph has.
    case mineralNotInGraph(MineralID, available: [MineralID])
    /// The country-group scheme is not one mineral-graph ships.
    case unknownScheme(String, available: [String])
    /// A flow names a node id that the graph does not define (the graph does not validate).
    case unknownNode(id: String, flowFrom: String, flowTo: String)
    /// An option value out of range.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .mineralNotInGraph(let mineral, let available):
            "mineral '\(mineral)' does not occur in the graph (it has: \(available.map(\.rawValue).joined(separator: ", ")))"
        case .unknownScheme(let id, let available):
            "unknown country-group scheme '\(id)' (known: \(available.joined(separator: ", ")))"
        case .unknownNode(let id, let from, let to):
            "the flow \(from) → \(to) names the unknown node '\(id)'; run `mineral-graph validate` on the file"
        case .invalidOption(let message):
            message
        }
    }
}
