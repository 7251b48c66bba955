import MineralGraphCore

/// Raw-material equivalents per tonne of each node's output (METHODS §2.2):
///
///     R*_n = r_n + Σ_k a_kn · R*_k
///
/// with the technical coefficients of `ProductionSystem` and `r_n` the tonnes extracted at
/// node n per tonne of its output: for mines, gross mine-product tonnes per tonne of reference
/// output (1 on a gross basis; gross ÷ contained when the output is measured in contained tonnes
/// and gross tonnes are known, else 1); 0 for every other node. Ore and overburden are not in
/// the graph, so RME here is the mass of mine products (concentrate, hydroxide, brine salts) —
/// a lower bound on extraction. A flow carries `q_e · R*_src`.
struct RawMaterialEquivalents: Sendable {
    let system: ProductionSystem
    /// `R*_n` per node.
    let perTonne: [MetricValue]
    let report: SolverReport

    init(_ system: ProductionSystem, options: LinearSolverOptions) {
        self.system = system
        let index = system.index
        var local: [Double?] = []
        var reasons: [Unavailable?] = []
        for (n, node) in index.nodes.enumerated() {
            guard node.kind == .mine else {
                local.append(0)
                reasons.append(nil)
                continue
            }
            switch system.basis[n] {
            case .gross:
                local.append(1)
                reasons.append(nil)
            case .contained:
                local.append(Self.grossPerContained(index: index, node: n, declared: system.declaredOutput[n]) ?? 1)
                reasons.append(nil)
            case nil:
                local.append(nil)
                reasons.append(system.output[n].unavailable)
            }
        }
        let solution = system.accumulate(intensity: local, options: options)
        perTonne = index.nodes.indices.map { n in
            if let value = solution.values[n] { return MetricValue(value) }
            return MetricValue(unavailable: system.reason(
                for: solution.blocker[n], at: n, localReasons: reasons, quantity: "raw-material equivalent"))
        }
        report = solution.report
    }

    private static func reference(_ mineral: MineralID) -> QuantityBasis {
        MineralCatalog.info(mineral)?.referenceBasis ?? .element
    }

    /// Gross tonnes per contained tonne (on the mineral's reference basis) of a mine's output,
    /// where the graph gives both.
    private static func grossPerContained(index: FlowIndex, node n: Int, declared: Bool) -> Double? {
        if declared {
            guard let output = index.referenceOutput(ofNode: n), let gross = output.tonnes,
                  let contained = output.contained?.converted(to: reference(output.mineral))?.tonnes, contained > 0 else { return nil }
            return gross / contained
        }
        // Contained tonnes on the reference basis, so that the ratio matches the output's.
        let flows = index.outgoing[n].map { index.flows[$0] }
        let containedTonnes = flows.map { $0.contained?.converted(to: reference($0.mineral))?.tonnes }
        guard flows.allSatisfy({ $0.tonnes != nil }), containedTonnes.allSatisfy({ $0 != nil }) else { return nil }
        let contained = containedTonnes.reduce(0) { $0 + $1! }
        return contained > 0 ? flows.reduce(0) { $0 + $1.tonnes! } / contained : nil
    }

    /// RME carried by flow `i`.
    func flowRME(_ i: Int) -> MetricValue {
        let quantity = system.flowQuantity[i]
        guard let (from, _) = system.index.endpoints[i] else { return quantity }
        return quantity.value == 0 ? MetricValue(0) : quantity.combined(with: perTonne[from], *)
    }
}
