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
        // One pass over the flows (a large graph has millions), adding each mineral's figures
        // in flow order, as a pass per mineral would.
        let minerals = graph.minerals
        var slots: [MineralID: Int] = [:]
        for (slot, mineral) in minerals.enumerated() { slots[mineral] = slot }
        var totals = minerals.map { mineral in
            MineralTotals(
                mineral: mineral, containedBasis: MineralCatalog.info(mineral)?.containedBasis ?? "t", flowCount: 0,
                tonnes: 0, containedTonnes: 0, valueUSD: 0, flowsMissingTonnes: 0, flowsMissingContainedTonnes: 0, flowsMissingValue: 0)
        }
        var byType: [FlowType: Int] = [:]
        let flows = graph.flows
        var last: (mineral: MineralID, slot: Int)?
        // Fields read in place: a copy of each flow would retain and release its strings.
        for i in flows.indices {
            byType[flows[i].type, default: 0] += 1
            let slot: Int
            if let last, last.mineral == flows[i].mineral {
                slot = last.slot
            } else {
                guard let found = slots[flows[i].mineral] else { continue }
                slot = found
                last = (flows[i].mineral, found)
            }
            totals[slot].flowCount += 1
            if let tonnes = flows[i].tonnes { totals[slot].tonnes += tonnes } else { totals[slot].flowsMissingTonnes += 1 }
            if let contained = flows[i].containedTonnes {
                totals[slot].containedTonnes += contained
            } else {
                totals[slot].flowsMissingContainedTonnes += 1
            }
            if let value = flows[i].valueUSD { totals[slot].valueUSD += value } else { totals[slot].flowsMissingValue += 1 }
        }
        flowsByType = Dictionary(uniqueKeysWithValues: byType.map { ($0.key.rawValue, $0.value) })
        self.minerals = totals
        sourceCount = graph.sources.count
    }
}
