import MineralGraphCore

extension CommonBasis {
    /// ``CommonBasis/choose(for:containedBases:)`` over the flows of `graph` at the indices
    /// `flows`, each labelled "a → b". The choice reads the distinct bases alone, so the labels
    /// (which only the reason of a failed choice quotes) are made only when it fails, and no
    /// flow is copied.
    static func choose(for mineral: MineralID, flows: [Int], in graph: SupplyGraph) -> Result<QuantityBasis, Unavailable> {
        var bases: [(basis: QuantityBasis, label: String)] = []
        for i in flows where graph.flows[i].containedTonnes != nil {
            let basis = graph.flows[i].containedBasis
            if !bases.contains(where: { $0.basis == basis }) { bases.append((basis, "")) }
        }
        let choice = choose(for: mineral, containedBases: bases)
        guard case .failure = choice else { return choice }
        return choose(for: mineral, containedBases: containedBases(flows.map { graph.flows[$0] }) { "\($0.from) → \($0.to)" })
    }
}
