import MineralGraphCore

extension CommonBasis {
    /// The basis ``CommonBasis/choose(for:containedBases:)`` chooses for the flows of `graph`
    /// at the indices `flows`, or `nil` when there is none, for callers that do not quote the
    /// reason. The choice reads the distinct bases alone, so no flow is copied or labelled.
    static func basis(for mineral: MineralID, flows: [Int], in graph: SupplyGraph) -> QuantityBasis? {
        var bases: [(basis: QuantityBasis, label: String)] = []
        for i in flows where graph.flows[i].containedTonnes != nil {
            let basis = graph.flows[i].containedBasis
            if !bases.contains(where: { $0.basis == basis }) { bases.append((basis, "")) }
        }
        return try? choose(for: mineral, containedBases: bases).get()
    }
}
