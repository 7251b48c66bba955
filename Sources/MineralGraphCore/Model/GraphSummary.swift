/// Counts and totals that describe a graph at a glance (`mineral-graph summary`).
public struct GraphSummary: Codable, Hashable, Sendable {
    public struct MineralTotals: Codable, Hashable, Sendable {
        public var mineral: MineralID
        /// What contained tonnes measure for this mineral ("t Co", "t LCE").
        public var containedBasis: String
        public var flowCount: Int
        public var tonnes: Double
        public var containedTonnes: Double
        public var valueUSD: Double
        /// Flows of this mineral with no gross tonnes, contained tonnes or value (not in the sums).
        public var flowsMissingTonnes: Int
        public var flowsMissingContainedTonnes: Int
        public var flowsMissingValue: Int
    }

    public var name: String
    public var year: Int
    public var nodeCount: Int
    /// Node counts keyed by kind keyword (`waste` nodes also by `waste/<fate>`), sorted.
    public var nodesByKind: [String: Int]
    /// Node counts keyed by ISO alpha-3 code.
    public var nodesByCountry: [String: Int]
    public var countryCount: Int
    public var flowCount: Int
    /// Flow counts keyed by flow type.
    public var flowsByType: [String: Int]
    public var minerals: [MineralTotals]
    public var sourceCount: Int

    /// Summarises `graph`. Totals add what is given and count what is missing, never
    /// treating a missing figure as zero.
    public init(_ graph: SupplyGraph) {
        name = graph.name
        year = graph.year
        nodeCount = graph.nodes.count
        nodesByKind = [:]
        nodesByCountry = [:]
        for node in graph.nodes {
            nodesByKind[node.kind.keyword, default: 0] += 1
            if let fate = node.kind.fate { nodesByKind["waste/" + fate.rawValue, default: 0] += 1 }
            nodesByCountry[node.country.rawValue, default: 0] += 1
        }
        countryCount = nodesByCountry.count
        flowCount = graph.flows.count
        flowsByType = [:]
        for flow in graph.flows { flowsByType[flow.type.rawValue, default: 0] += 1 }
        minerals = graph.minerals.map { mineral in
            let flows = graph.flows.filter { $0.mineral == mineral }
            return MineralTotals(
                mineral: mineral,
                containedBasis: MineralCatalog.info(mineral)?.containedBasis ?? "t",
                flowCount: flows.count,
                tonnes: flows.compactMap(\.tonnes).reduce(0, +),
                containedTonnes: flows.compactMap(\.containedTonnes).reduce(0, +),
                valueUSD: flows.compactMap(\.valueUSD).reduce(0, +),
                flowsMissingTonnes: flows.filter { $0.tonnes == nil }.count,
                flowsMissingContainedTonnes: flows.filter { $0.containedTonnes == nil }.count,
                flowsMissingValue: flows.filter { $0.valueUSD == nil }.count)
        }
        sourceCount = graph.sources.count
    }
}
