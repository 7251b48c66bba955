import MineralGraphCore

/// A supply graph prepared for drawing: filtered, grouped and summarised, with the figures
/// each node and edge shows, but no visual attributes yet.
///
/// ``DiagramBuilder`` makes it from a `SupplyGraph`; ``DiagramEncoder`` turns it into DOT.
/// Nodes are sorted by stage, then "other" nodes last, then id; edges by endpoints, mineral
/// and flow type. It is a pure value: building the same graph with the same options gives an
/// equal diagram.
public struct Diagram: Hashable, Sendable {
    /// The graph's name and year, e.g. "Cobalt supply chain, 2023 (2023)".
    public var title: String
    public var options: DiagramOptions
    /// The country-group scheme the fills use.
    public var schemeID: String
    public var schemeTitle: String
    public var schemeAsOf: String
    /// Minerals whose flows are drawn, sorted.
    public var minerals: [MineralID]
    public var nodes: [DiagramNode]
    public var edges: [DiagramEdge]
    /// Flows summarised into edges to or from "other" nodes by `--min-share` / `--top`.
    public var summarisedFlowCount: Int
    /// Graph nodes (facilities) that have no drawn flow and are summarised by "other" nodes.
    public var summarisedNodeCount: Int

    /// The largest edge weight drawn (tonnes or USD, per ``DiagramOptions/weight``), which
    /// sets the widest line.
    public var maximumEdgeWeight: Double? {
        edges.compactMap { $0.weight(options.weight) }.filter { $0 > 0 }.max()
    }
}

/// Development group of a node's country under the diagram's scheme; LDCs are shown apart from
/// the other developing economies.
public enum DevelopmentGroup: String, CaseIterable, Hashable, Sendable {
    case developed
    case developing
    case leastDeveloped = "ldc"

    /// The group of `country` under `scheme`.
    public init(_ country: CountryCode, scheme: CountryGroupScheme) {
        if scheme.isLeastDeveloped(country) {
            self = .leastDeveloped
        } else {
            self = scheme.status(of: country) == .developed ? .developed : .developing
        }
    }

    public var title: String {
        switch self {
        case .developed: "developed"
        case .developing: "developing (not LDC)"
        case .leastDeveloped: "least developed (LDC)"
        }
    }
}

/// A node of a ``Diagram``: one facility, one country's facilities at one stage, or the
/// "other" summary of a stage.
public struct DiagramNode: Hashable, Sendable {
    /// What the node stands for.
    public enum Role: Hashable, Sendable {
        /// One node of the graph.
        case facility(NodeKind)
        /// The facilities of one country at one stage (`--group-by country`); waste fates of
        /// the members, sorted.
        case countryStage(fates: [WasteFate])
        /// Flows and facilities below the `--min-share` / `--top` threshold at one stage.
        case other
    }

    /// The DOT node id: the graph's node id for facilities, `ISO3/stage` for country groups,
    /// `other:stage` for summaries.
    public var id: String
    public var name: String
    public var stage: Stage
    public var role: Role
    /// The country, for facilities and country groups.
    public var country: CountryCode?
    public var group: DevelopmentGroup?
    /// Display names of the graph nodes this node stands for (one for a facility), sorted.
    public var members: [String]
    /// Declared outputs, summed per mineral over the members (graph year only).
    public var outputs: [Output]
    /// Water use per tonne, for single facilities.
    public var water: WaterUse?
    /// Quantity handled per mineral, in the diagram's weight: for use and waste nodes what
    /// they receive, for the others their declared output, else their outflow (each falling
    /// back on the other figures when missing).
    public var throughput: [MineralID: Double]
    /// Share of the stage's total throughput per mineral (0…1), where the totals are known.
    public var stageShare: [MineralID: Double]

    /// The mineral in which the node holds its largest stage share, and that share.
    public var largestShare: (mineral: MineralID, share: Double)? {
        stageShare.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    public var isOther: Bool { role == .other }
}

/// An edge of a ``Diagram``: the flows of one mineral and type between two diagram nodes.
public struct DiagramEdge: Hashable, Sendable {
    public var from: String
    public var to: String
    public var mineral: MineralID
    public var type: FlowType
    /// Number of graph flows drawn as this edge.
    public var flowCount: Int
    /// Sum of the flows' basis tonnes (contained, else gross); `nil` when none is given.
    public var tonnes: Double?
    /// Whether every summed tonne figure is a contained figure (else some are gross).
    public var tonnesAreContained: Bool
    /// Sum of the flows' USD values; `nil` when none is given.
    public var valueUSD: Double?
    /// Flows in this edge without the weight quantity (not in the sums).
    public var flowsMissingWeight: Int
    /// Share of the weight of all flows of this mineral and type leaving the source stage.
    public var share: Double?
    /// Products carried, sorted.
    public var products: [String]
    /// True when an endpoint is an "other" node.
    public var isSummary: Bool
    /// Stage of the source and target nodes.
    public var fromStage: Stage
    public var toStage: Stage

    /// The quantity widths and shares use.
    public func weight(_ weight: DiagramOptions.Weight) -> Double? {
        switch weight {
        case .tonnes: tonnes
        case .value: valueUSD
        }
    }

    /// A flow back up the chain (waste to a refinery) or a recovered fraction: part of a
    /// recycling loop.
    public var isRecyclingLoop: Bool {
        type == .recoveredFraction || toStage < fromStage
    }
}
