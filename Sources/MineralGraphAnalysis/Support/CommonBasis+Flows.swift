import MineralGraphCore

extension CommonBasis {
    /// The basis ``CommonBasis/choose(for:containedBases:)`` chooses for the flows of `graph`
    /// at the indices `flows`, or `nil` when there is none, for callers that do not quote the
    /// reason. The choice reads the distinct bases alone, so no flow is copied or labelled.
    static func basis(for mineral: MineralID, flows: [Int], in graph: SupplyGraph) -> QuantityBasis? {
        var bases: [(basis: QuantityBasis, label: String)] = []
        var contained = ContainedBases()
        for i in flows where graph.flows[i].containedTonnes != nil {
            let basis = contained.basis(of: graph.flows[i])
            if !bases.contains(where: { $0.basis == basis }) { bases.append((basis, "")) }
        }
        return try? choose(for: mineral, containedBases: bases).get()
    }
}

/// ``MeasuredFigures/containedBasis`` of figures, with the reference basis of the last mineral
/// asked remembered: the figures of one node or market are mostly of one mineral, so most cost
/// no catalogue lookup.
struct ContainedBases {
    private var mineral: MineralID?
    private var reference = QuantityBasis.element

    mutating func basis(of figure: some MeasuredFigures) -> QuantityBasis {
        if let stated = figure.basis { return stated }
        if figure.mineral != mineral {
            mineral = figure.mineral
            reference = MineralCatalog.info(figure.mineral)?.referenceBasis ?? .element
        }
        return reference
    }
}
