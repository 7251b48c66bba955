import MineralGraphCore

/// What a node produces of one mineral, on the mineral's reference contained basis (METHODS §3.2–§3.3).
///
/// From the node's output of the mineral in the graph's year where it states the needed figures,
/// else from its `product` out-flows of that mineral when every one of them states them. Contained
/// figures on another basis are converted with their stoichiometric factor (Li₂O → LCE); gross
/// tonnes never stand in (METHODS §0.1).
enum ContainedProduction {
    /// Whether node `n` produces `mineral`: it lists it among its graph-year outputs or ships it.
    static func produces(_ n: Int, _ mineral: MineralID, index: FlowIndex) -> Bool {
        let graph = index.graph
        return graph.nodes[n].output(of: mineral, year: graph.year, graphYear: graph.year) != nil
            || index.outgoing[n].contains { graph.flows[$0].mineral == mineral && graph.flows[$0].type == .product }
    }

    /// Contained tonnes of `mineral` produced by node `n`.
    static func containedTonnes(_ n: Int, _ mineral: MineralID, index: FlowIndex) -> MetricValue {
        let graph = index.graph
        if let contained = graph.nodes[n].output(of: mineral, year: graph.year, graphYear: graph.year)?.contained {
            return reference(contained, mineral, of: index.label(node: n))
        }
        let flows = productFlows(n, mineral, index: index).map { graph.flows[$0] }
        guard !flows.isEmpty, flows.allSatisfy({ $0.containedTonnes != nil }) else {
            return .unavailable(
                ReasonCode.missingContained,
                "\(index.label(node: n)) states no contained tonnes of \(mineral) for its output or all its shipments")
        }
        var sum = PartialSum()
        for flow in flows { sum.add(reference(flow.contained!, mineral, of: index.label(node: n))) }
        return sum.metric
    }

    /// The "other countries" residual on the mineral's reference basis.
    static func residualTonnes(_ residual: OtherCountries) -> MetricValue {
        guard let contained = residual.contained else {
            return .unavailable(ReasonCode.missingContained, "the \(residual.mineral) \"other countries\" entry states no contained tonnes")
        }
        return reference(contained, residual.mineral, of: "the \"other countries\" entry")
    }

    /// `quantity` on `mineral`'s reference basis, or why it cannot be.
    /// `label` names the figure in the reason (made only then).
    private static func reference(_ quantity: Quantity, _ mineral: MineralID, of label: @autoclosure () -> String) -> MetricValue {
        let target = MineralCatalog.info(mineral)?.referenceBasis ?? .element
        guard let converted = quantity.converted(to: target) else {
            return .unavailable(
                ReasonCode.mixedBases,
                "\(label()) states \(mineral) on \(quantity.basis.unitLabel(for: mineral)), which has no factor to \(target.unitLabel(for: mineral))")
        }
        return MetricValue(converted.tonnes)
    }

    /// Value and contained tonnes of `mineral` produced by node `n`, both from one source (the
    /// output, else the shipments) so that their ratio is a unit value. When neither source has
    /// both figures, both are unavailable with the reason of the figure the node lacks.
    static func valueAndContained(_ n: Int, _ mineral: MineralID, index: FlowIndex) -> (valueUSD: MetricValue, containedTonnes: MetricValue) {
        let graph = index.graph
        let output = graph.nodes[n].output(of: mineral, year: graph.year, graphYear: graph.year)
        if let value = output?.valueUSD, let contained = output?.contained {
            return (MetricValue(value), reference(contained, mineral, of: index.label(node: n)))
        }
        let flows = productFlows(n, mineral, index: index).map { graph.flows[$0] }
        let flowsHaveValue = !flows.isEmpty && flows.allSatisfy { $0.valueUSD != nil }
        let flowsHaveContained = !flows.isEmpty && flows.allSatisfy { $0.containedTonnes != nil }
        if flowsHaveValue && flowsHaveContained {
            var contained = PartialSum()
            for flow in flows { contained.add(reference(flow.contained!, mineral, of: index.label(node: n))) }
            return (MetricValue(flows.reduce(0) { $0 + $1.valueUSD! }), contained.metric)
        }
        let label = index.label(node: n)
        let reason: Unavailable =
            if output?.valueUSD == nil && !flowsHaveValue {
                Unavailable(ReasonCode.missingValue, "\(label) states no value of \(mineral) for its output or all its shipments")
            } else {
                Unavailable(
                    ReasonCode.missingContained,
                    "\(label) states no contained tonnes of \(mineral) beside the value of its output or shipments")
            }
        return (MetricValue(unavailable: reason), MetricValue(unavailable: reason))
    }

    /// Indices of node `n`'s `product` out-flows of `mineral` (filtered before any flow is copied).
    private static func productFlows(_ n: Int, _ mineral: MineralID, index: FlowIndex) -> [Int] {
        let flows = index.graph.flows
        return index.outgoing[n].filter { flows[$0].mineral == mineral && flows[$0].type == .product }
    }
}
