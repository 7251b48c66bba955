import MineralGraphCore

extension CommonBasis {
    /// The basis ``CommonBasis/choose(for:containedBases:)`` chooses for the flows of `graph`
    /// at the indices `flows`, or `nil` when there is none, for callers that do not quote the
    /// reason. The choice reads the distinct bases alone, so no flow is copied or labelled; no
    /// contained figure gives gross, and one basis throughout is kept, as the choice keeps them.
    static func basis(for mineral: MineralID, flows: [Int], in graph: SupplyGraph) -> QuantityBasis? {
        var bases: [(basis: QuantityBasis, label: String)] = []
        var contained = ContainedBases()
        for i in flows where graph.flows[i].containedTonnes != nil {
            let basis = contained.basis(stated: graph.flows[i].basis, mineral: graph.flows[i].mineral)
            if !bases.contains(where: { $0.basis == basis }) { bases.append((basis, "")) }
        }
        if bases.count < 2 { return bases.first?.basis ?? .gross }
        return try? choose(for: mineral, containedBases: bases).get()
    }
}

/// ``MeasuredFigures/containedBasis`` of figures, with the reference basis of the last mineral
/// asked remembered: the figures of one node or market are mostly of one mineral, so most cost
/// no catalogue lookup.
struct ContainedBases {
    private var mineral: MineralID?
    private var reference = QuantityBasis.element

    /// The basis of a figure of `mineral` that states `stated` (``MeasuredFigures/basis``).
    mutating func basis(stated: QuantityBasis?, mineral: MineralID) -> QuantityBasis {
        if let stated { return stated }
        if mineral != self.mineral {
            self.mineral = mineral
            reference = MineralCatalog.info(mineral)?.referenceBasis ?? .element
        }
        return reference
    }

    /// ``MeasuredFigures/quantity(on:)`` of flow `i` of `graph`, read field by field (the flow
    /// is not copied): its contained figure converted to `target` where it can be, else its
    /// gross tonnes when `target` is gross.
    mutating func quantity(ofFlow i: Int, in graph: SupplyGraph, on target: QuantityBasis) -> Double? {
        if let contained = graph.flows[i].containedTonnes,
           let converted = Quantity(tonnes: contained, basis: basis(stated: graph.flows[i].basis, mineral: graph.flows[i].mineral))
               .converted(to: target) {
            return converted.tonnes
        }
        return target == .gross ? graph.flows[i].tonnes : nil
    }
}
