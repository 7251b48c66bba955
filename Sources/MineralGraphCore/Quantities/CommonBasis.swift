

/// Chooses the one basis on which a set of tonne figures of one mineral is added
/// (METHODS §0.1: "never add figures of two bases").
///
/// Rule (tool convention; METHODS §0 prefers contained tonnes for supply metrics):
/// 1. When any figure states contained tonnes, the sum is on a contained basis: the mineral's
///    reference basis (t Co, t LCE, t REO) when every contained figure converts to it with a
///    stoichiometric factor, else the one basis every contained figure converts to (`Li₂O` and
///    `LCE` both convert to the element), else it is unavailable (`MIXED_BASES`) with a reason
///    naming the figures and their bases.
/// 2. Otherwise (gross tonnes only, as in trade data) the sum is on the gross basis.
///
/// Figures that cannot be given on the chosen basis (gross-only figures in a contained sum) are
/// then *missing* on that basis: the callers count them as figures without a quantity, which
/// makes the result incomplete instead of silently mixed.
public enum CommonBasis {
    /// The basis for adding figures of `mineral` whose contained figures are on `containedBases`
    /// (one entry per figure stating contained tonnes, labelled by its node or flow), or why there
    /// is none. No contained figure at all: gross.
    public static func choose(
        for mineral: MineralID, containedBases: [(basis: QuantityBasis, label: String)]
    ) -> Result<QuantityBasis, Unavailable> {
        guard !containedBases.isEmpty else { return .success(.gross) }
        let bases = Set(containedBases.map(\.basis))
        let reference = MineralCatalog.info(mineral)?.referenceBasis ?? .element
        // One basis throughout: keep it (a World Mining Data lithium table stays in t Li₂O).
        let candidates = (bases.count == 1 ? [bases.first!] : []) + [reference] + bases.sorted() + [.element]
        if let basis = candidates.first(where: { target in bases.allSatisfy { $0.factor(to: target) != nil } }) {
            return .success(basis)
        }
        let described = bases.sorted().map { basis in
            let labels = containedBases.filter { $0.basis == basis }.map(\.label)
            let shown = labels.prefix(3).joined(separator: ", ") + (labels.count > 3 ? " and \(labels.count - 3) more" : "")
            return basis.unitLabel(for: mineral) + " (" + shown + ")"
        }
        return .failure(Unavailable(
            ReasonCode.mixedBases,
            "\(mineral) figures on " + described.joined(separator: " and ")
                + " cannot be added: no stoichiometric factor converts one into the other"))
    }

    /// The contained bases of `figures` that state contained tonnes, labelled by `label`.
    public static func containedBases<F: MeasuredFigures>(
        _ figures: some Sequence<F>, label: (F) -> String
    ) -> [(basis: QuantityBasis, label: String)] {
        figures.compactMap { $0.containedTonnes == nil ? nil : ($0.containedBasis, label($0)) }
    }
}
