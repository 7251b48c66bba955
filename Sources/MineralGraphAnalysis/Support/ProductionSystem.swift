import MineralGraphCore

/// Which tonnes a node's output and out-flows are measured in.
public enum TonnageBasis: String, Hashable, Codable, Sendable {
    /// Contained tonnes of the mineral (t Co, t LCE ...).
    case contained
    /// Gross product tonnes.
    case gross
}

/// The physical input–output model behind every embodied quantity (METHODS §5.4, §2.2 RME).
///
/// **Node output** `O_n`: the basis tonnes of the node's reference output (its first output in
/// the graph's year, contained tonnes where given, else gross tonnes — the tonnes its water
/// intensities refer to, docs/graph-format.md). A node that declares no output quantity uses
/// the sum of its out-flows, on the contained basis when every out-flow gives contained tonnes,
/// else on the gross basis when every out-flow gives gross tonnes.
///
/// **Flow quantity** `q_e`: a flow measured in its *source* node's basis (contained or gross),
/// so that `q_e / O_src` is a share of the source's output. All flow types count (product, waste,
/// recovered fraction): waste carries the embodied quantities of what was discarded, which is
/// what closes recycling loops. A node's out-flows share one per-tonne intensity (mass
/// allocation on the reference basis; METHODS §5.4 also allows value allocation, not
/// implemented).
///
/// **Technical coefficients** `a_kn = q_(k→n) / O_n` for every flow `k → n` into a producing
/// node. Two kinds of node end the chain instead:
/// - *final demand*: consumer nodes (`kind: consumer`). What flows into them is final use, so
///   their out-flows (end-of-life waste) carry only the consumer's own stated use (cut-off at the
///   use stage; without it the recycling of post-consumer scrap would have no final demand).
/// - *sinks*: nodes without any output and without out-flows (a landfill). `O_n = 0`.
///
/// **Final output** of a node: `O_n − Σ q` over its flows into producing nodes, i.e. unshipped
/// output plus deliveries to final demand and sinks. With these definitions
/// `Σ_n final_n · X*_n = Σ_n x_n · O_n` for any accumulated quantity (the conservation check of
/// METHODS §5.4–§5.5).
struct ProductionSystem: Sendable {
    let index: FlowIndex
    /// `O_n` per node.
    let output: [MetricValue]
    /// Basis of `O_n` and of the node's out-flows; `nil` when it cannot be determined.
    let basis: [TonnageBasis?]
    /// Whether `O_n` comes from a declared output (else from out-flows or a sink).
    let declaredOutput: [Bool]
    let isSink: [Bool]
    let isFinalDemand: [Bool]
    /// `q_e`, each flow in its source's basis.
    let flowQuantity: [MetricValue]
    /// Input terms per node (the counted flows into producing nodes).
    let inputs: [[UpstreamSystem.Term]]
    /// Flow index of each input term, parallel to `inputs`.
    let inputFlows: [[Int]]
    /// Why a term's coefficient is missing, by flow index.
    let coefficientReasons: [Int: Unavailable]
    /// Final output per node, in the node's basis.
    let finalOutput: [MetricValue]
    /// The strongly connected components of `inputs` (`UpstreamSystem.components(inputs:)`),
    /// found once for every quantity accumulated on the system.
    let components: [[Int]]

    init(_ index: FlowIndex) {
        self.index = index
        let graph = index.graph
        let count = graph.nodes.count
        var output = [MetricValue](repeating: MetricValue(0), count: count)
        var basis = [TonnageBasis?](repeating: nil, count: count)
        var declared = [Bool](repeating: false, count: count)
        var isSink = [Bool](repeating: false, count: count)
        let isFinalDemand = graph.nodes.map { $0.kind == .consumer }

        // The exact basis of each node's output figure, so that its out-flows are read on it.
        var unit = [QuantityBasis?](repeating: nil, count: count)
        let flows = graph.flows
        var bases = ContainedBases()
        for n in 0..<count {
            let outFlows = index.outgoing[n]  // flow indices: a flow is a large value
            if let reference = index.referenceOutput(ofNode: n), let quantity = reference.contained ?? reference.gross {
                output[n] = MetricValue(quantity.tonnes)
                basis[n] = reference.containedTonnes != nil ? .contained : .gross
                unit[n] = quantity.basis
                declared[n] = true
                isSink[n] = quantity.tonnes == 0 && outFlows.isEmpty
            } else if !outFlows.isEmpty {
                let common = outFlows.allSatisfy({ flows[$0].containedTonnes != nil })
                    ? CommonBasis.basis(for: flows[outFlows[0]].mineral, flows: outFlows, in: graph)
                    : nil
                if let common {
                    basis[n] = .contained
                    unit[n] = common
                    output[n] = MetricValue(outFlows.reduce(0) { $0 + bases.quantity(ofFlow: $1, in: graph, on: common)! })
                } else if outFlows.allSatisfy({ flows[$0].tonnes != nil }) {
                    basis[n] = .gross
                    unit[n] = .gross
                    output[n] = MetricValue(outFlows.reduce(0) { $0 + flows[$1].tonnes! })
                } else {
                    output[n] = .unavailable(
                        ReasonCode.missingQuantity,
                        "\(index.label(node: n)) declares no output tonnes and its out-flows give "
                            + "neither contained tonnes on one basis nor gross tonnes throughout")
                }
            } else if index.referenceOutput(ofNode: n) != nil {
                output[n] = .unavailable(
                    ReasonCode.missingQuantity, "\(index.label(node: n)) declares an output without tonnes and ships nothing")
            } else {
                isSink[n] = true
            }
        }

        var flowQuantity: [MetricValue] = []
        flowQuantity.reserveCapacity(flows.count)
        for i in flows.indices {
            guard let (from, _) = index.endpoints[i] else {
                flowQuantity.append(.unavailable(ReasonCode.unknownNode, "\(index.label(flow: i)) names an unknown node"))
                continue
            }
            if let target = unit[from] {
                flowQuantity.append(MetricValue(
                    bases.quantity(ofFlow: i, in: graph, on: target),
                    else: Unavailable(ReasonCode.missingQuantity, "\(index.label(flow: i)) has no figure on \(target.unitLabel(for: flows[i].mineral)), "
                        + "the basis of its source's output")))
            } else {
                flowQuantity.append(MetricValue(unavailable: output[from].unavailable
                    ?? Unavailable(ReasonCode.missingQuantity, "the basis of \(index.label(flow: i)) is unknown")))
            }
        }

        var inputs = [[UpstreamSystem.Term]](repeating: [], count: count)
        var inputFlows = [[Int]](repeating: [], count: count)
        var reasons: [Int: Unavailable] = [:]
        var shipped = [PartialSum](repeating: PartialSum(), count: count)
        for n in 0..<count where !isFinalDemand[n] && !isSink[n] {
            for i in index.incoming[n] {
                let from = index.endpoints[i]!.from
                shipped[from].add(flowQuantity[i])
                var coefficient: Double?
                if flowQuantity[i].value == 0 {
                    coefficient = 0  // nothing flows, whatever the destination's output
                } else if let q = flowQuantity[i].value, let o = output[n].value {
                    if o > 0 {
                        coefficient = q / o
                    } else {
                        reasons[i] = Unavailable(
                            ReasonCode.zeroOutput, "\(index.label(node: n)) receives and ships material but declares zero output")
                    }
                } else {
                    reasons[i] = flowQuantity[i].unavailable ?? output[n].unavailable
                }
                inputs[n].append(UpstreamSystem.Term(from: from, coefficient: coefficient))
                inputFlows[n].append(i)
            }
        }
        var finalOutput: [MetricValue] = []
        for n in 0..<count {
            finalOutput.append(output[n].combined(with: shipped[n].metric, -))
        }

        self.output = output
        self.basis = basis
        self.declaredOutput = declared
        self.isSink = isSink
        self.isFinalDemand = isFinalDemand
        self.flowQuantity = flowQuantity
        self.inputs = inputs
        self.inputFlows = inputFlows
        self.coefficientReasons = reasons
        self.finalOutput = finalOutput
        components = UpstreamSystem.components(inputs: inputs)
    }

    /// Solves `X*_n = x_n + Σ a_kn X*_k` for per-tonne intensities `x_n` (missing: `nil`).
    func accumulate(
        intensity: [Double?], flags: [Bool]? = nil, options: LinearSolverOptions
    ) -> UpstreamSystem.Solution {
        UpstreamSystem(local: intensity, inputs: inputs, flags: flags, components: components).solve(options)
    }

    /// The reason the solved value of node `n` is missing.
    func reason(
        for blocker: UpstreamSystem.Blocker?, at n: Int, localReasons: [Unavailable?], quantity: String
    ) -> Unavailable {
        switch blocker {
        case .local(let node):
            let base = localReasons[node] ?? Unavailable(ReasonCode.missingIntensity, "no \(quantity) at \(index.label(node: node))")
            return node == n ? base : Unavailable(base.code, "upstream: \(base.reason)")
        case .coefficient(let node, let from):
            let flow = zip(inputs[node], inputFlows[node]).first { $0.0.from == from && $0.0.coefficient == nil }?.1
            if let flow, let reason = coefficientReasons[flow] { return reason }
            return Unavailable(ReasonCode.missingQuantity, "an input coefficient of \(index.label(node: node)) is missing")
        case .notConverged(let node):
            return Unavailable(
                ReasonCode.notConverged, "the loop through \(index.label(node: node)) did not converge (a loop that loses no material?)")
        case nil:
            return Unavailable(ReasonCode.missingValue, "\(quantity) is unavailable")
        }
    }
}
