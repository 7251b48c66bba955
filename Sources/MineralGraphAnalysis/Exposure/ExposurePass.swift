import MineralGraphCore

/// S1 — pre-shock exposure ("supply at risk") by linear origin tracing (METHODS §4.2).
///
///     exp_s(s) = 1
///     exp_n(s) = Σ_{e into n, same mineral} (f_e / I_n) · exp_src(e)(s)      I_n = Σ in-flow
///
/// `exp_n(s)` is the fraction of node n's supply of the mineral that originates at source s. Under
/// proportional rationing, without substitution or binding capacities, a cut δ at s gives n a
/// fractional shortfall of `δ · exp_n(s)` along a single-mineral chain. By source country:
/// `exp_n(c) = Σ_{s in c} exp_n(s)`.
///
/// Sources of a mineral: mines producing it, and any node that ships it without receiving it
/// (a recycler fed only by e-waste is a secondary source of the metals it recovers). All flow
/// types of the mineral count (recovered fractions and waste carry their origin). Quantities
/// are contained tonnes when every in-flow of the node gives them, else gross tonnes when every
/// one does.
///
/// Loops (waste → recycler → refiner) are solved as a linear system, not assumed away
/// (``LinearSolverOptions``): recycled material carries the origin mix of what was discarded.
/// The shares from all sources sum to 1 at every node that a source reaches; what is left
/// (`untracedShare`) is material circulating in a loop that no source feeds.
///
/// Edge cases: an in-flow without tonnes, or a node mixing contained and gross in-flows →
/// `MISSING_QUANTITY` at the node and downstream; zero total in-flow → `NO_SUPPLY`.
///
/// Worked example (§4.4 toy): exposure to M_D is 0.75 at R_C, 0.5 at R_F, 0.75 at J and
/// (30·0.75 + 20·0.5)/50 = 0.65 at K.
///
/// Sources: METHODS §4.1–§4.2 — Ghosh supply-driven allocation as a physical bound;
/// proportional rationing (Han et al. 2025).
public struct ExposurePass: Sendable {
    /// Minerals to trace; `nil` traces every mineral that has flows.
    public var minerals: [MineralID]?
    public var solver: LinearSolverOptions
    /// Where origins are: `nil` for the first nodes of the chain (mines, and nodes without
    /// in-flows of the mineral); a stage to trace to that stage's nodes instead ("refined in
    /// China": `.processing`), upstream of which nothing is traced.
    public var originStage: Stage?
    /// Whether to trace each source (`NodeExposure/bySource` and `byCountry`) or only each
    /// source country (`byCountry`; `bySource` stays empty). Tracing countries solves one column
    /// per country instead of one per source, which is what country-level figures need
    /// (``CountryExposurePass``); the country shares agree with the sums of the source shares to
    /// rounding.
    public var resolution: Resolution

    public enum Resolution: Sendable {
        case sources, countries
    }

    public init(
        minerals: [MineralID]? = nil, solver: LinearSolverOptions = .default, originStage: Stage? = nil, resolution: Resolution = .sources
    ) {
        self.minerals = minerals
        self.solver = solver
        self.originStage = originStage
        self.resolution = resolution
    }

    public func run(on graph: SupplyGraph) -> Exposure {
        run(on: GraphDerivations(graph))
    }

    /// S1 of `derived`'s graph, with the in-flows of each mineral it keeps for other passes.
    public func run(on derived: GraphDerivations) -> Exposure {
        let graph = derived.graph
        let traced = minerals.map { Array(Set($0)).sorted() } ?? Array(Set(graph.flows.map(\.mineral))).sorted()
        var reports: [SolverReport] = []
        let results = traced.map { mineral -> MineralExposure in
            let (result, report) = trace(mineral, derived: derived)
            reports.append(contentsOf: report)
            return result
        }
        return Exposure(minerals: results, solver: SolverReport.merged(reports, options: solver))
    }

    private func trace(_ mineral: MineralID, derived: GraphDerivations) -> (MineralExposure, [SolverReport]) {
        let index = derived.index
        let graph = index.graph
        let count = graph.nodes.count
        let inflows = derived.inflows(of: mineral)
        let (inFlows, outFlows) = (inflows.inFlows, inflows.outFlows)
        let sources = (0..<count).filter { n in
            let produces = !outFlows[n].isEmpty || graph.nodes[n].outputs(mineral)
            if let originStage { return produces && graph.nodes[n].stage == originStage }
            return produces && (graph.nodes[n].kind == .mine || inFlows[n].isEmpty)
        }
        var isSourceNode = [Bool](repeating: false, count: count)
        for s in sources { isSourceNode[s] = true }
        let isSource = isSourceNode

        // Origins receive nothing in the system: their in-flows are not traced (read through
        // these rather than copies of the shared arrays).
        var inputs = [[UpstreamSystem.Term]](repeating: [], count: count)
        for n in 0..<count where !isSource[n] { inputs[n] = inflows.terms[n] }
        func supply(_ n: Int) -> MetricValue { isSource[n] ? MetricValue(0) : inflows.supply[n] }
        func inBasis(_ n: Int) -> QuantityBasis? { isSource[n] ? nil : inflows.basis[n] }
        func nodeReason(_ n: Int) -> Unavailable? { isSource[n] ? nil : inflows.reason[n] }

        // One solve for every source (or source country) at once: column `c` is the indicator
        // of `origins[c]`.
        let origins: [(column: Int, source: Int)]
        var countries: [CountryCode] = []
        switch resolution {
        case .sources:
            origins = sources.enumerated().map { ($0.offset, $0.element) }
        case .countries:
            countries = Set(sources.map { graph.nodes[$0].country }).sorted()
            let column = Dictionary(uniqueKeysWithValues: countries.enumerated().map { ($0.element, $0.offset) })
            origins = sources.map { (column[graph.nodes[$0].country]!, $0) }
        }
        var shares = [[UpstreamSystem.ColumnValue]](repeating: [], count: count)
        var blocked = [Unavailable?](repeating: nil, count: count)
        var reports: [SolverReport] = []
        if !sources.isEmpty {
            var local = [[UpstreamSystem.ColumnValue]](repeating: [], count: count)
            for (column, s) in origins { local[s] = [UpstreamSystem.ColumnValue(column: column, value: 1)] }
            let solution = UpstreamSystem.solve(
                columns: local, columnCount: resolution == .sources ? sources.count : countries.count, inputs: inputs, options: solver)
            reports.append(solution.report)
            for n in 0..<count {
                if let values = solution.values[n] {
                    shares[n] = values
                } else {
                    blocked[n] = reason(solution.blocker[n], at: n, nodeReason: nodeReason, index: index)
                }
            }
        }

        let involved = (0..<count).filter { isSource[$0] || !inFlows[$0].isEmpty }
        let nodes = involved.map { n -> NodeExposure in
            let (id, country, stage) = (graph.nodes[n].id, graph.nodes[n].country, graph.nodes[n].stage)
            if let reason = blocked[n] {
                return NodeExposure(
                    nodeID: id, country: country, stage: stage, isSource: isSource[n],
                    inflowTonnes: supply(n), inflowBasis: inBasis(n), bySource: [], byCountry: [], untracedShare: MetricValue(unavailable: reason))
            }
            let bySource: [SourceExposure]
            let byCountry: [CountryExposure]
            switch resolution {
            case .sources:
                bySource = shares[n].map { entry in
                    let source = graph.nodes[sources[entry.column]]
                    return SourceExposure(sourceID: source.id, country: source.country, share: entry.value)
                }.sorted { $0.sourceID < $1.sourceID }
                var sums: [CountryCode: Double] = [:]
                for share in bySource { sums[share.country, default: 0] += share.share }
                byCountry = sums.keys.sorted().map { CountryExposure(country: $0, share: sums[$0]!) }
            case .countries:
                bySource = []
                byCountry = shares[n].map { CountryExposure(country: countries[$0.column], share: $0.value) }
            }
            let traced = resolution == .sources ? bySource.reduce(0) { $0 + $1.share } : byCountry.reduce(0) { $0 + $1.share }
            let untraced = inFlows[n].isEmpty || isSource[n] ? 0 : max(0, 1 - traced)
            return NodeExposure(
                nodeID: id, country: country, stage: stage, isSource: isSource[n],
                inflowTonnes: supply(n), inflowBasis: inBasis(n), bySource: bySource, byCountry: byCountry,
                untracedShare: MetricValue(untraced < 1e-12 ? 0 : untraced))
        }
        let result = MineralExposure(
            mineral: mineral, sources: sources.map { graph.nodes[$0].id }, nodes: nodes)
        return (result, reports)
    }

    private func reason(_ blocker: UpstreamSystem.Blocker?, at n: Int, nodeReason: (Int) -> Unavailable?, index: FlowIndex) -> Unavailable {
        switch blocker {
        case .coefficient(let node, _):
            let base = nodeReason(node) ?? Unavailable(ReasonCode.missingQuantity, "an in-flow of \(index.label(node: node)) has no tonnes")
            return node == n ? base : Unavailable(base.code, "upstream: \(base.reason)")
        case .notConverged(let node):
            return Unavailable(ReasonCode.notConverged, "the loop through \(index.label(node: node)) did not converge")
        case .local, nil:
            return Unavailable(ReasonCode.missingValue, "exposure is unavailable")
        }
    }
}

/// A mineral's in- and out-flows of every node and what its in-flows give, the part of origin
/// tracing (``ExposurePass``) that does not depend on where origins are; kept by
/// ``GraphDerivations`` for the passes that trace the same mineral to other origins.
///
/// A node's in-flows are taken on one basis (METHODS §0.1): contained, converted to a common
/// basis, when every flow states it; else gross when every flow does. Its input terms weigh
/// each in-flow by its share of the node's total in-flow.
struct MineralInflows: Sendable {
    /// The mineral's flow indices into and out of each node, in flow order.
    let inFlows: [[Int]]
    let outFlows: [[Int]]
    /// Total in-flow per node (0 for a node without in-flows), or why it is unknown.
    let supply: [MetricValue]
    /// Why a node's in-flows cannot be weighted (`nil` when they can, or it has none).
    let reason: [Unavailable?]
    /// The basis of each node's in-flows.
    let basis: [QuantityBasis?]
    /// The input terms of each node: its in-flows' sources and shares (`nil` when unknown).
    let terms: [[UpstreamSystem.Term]]

    init(_ mineral: MineralID, index: FlowIndex) {
        let graph = index.graph
        let flows = graph.flows
        let count = graph.nodes.count
        // One scan of the flows, not a filter of every node's flows.
        var inFlows = [[Int]](repeating: [], count: count)
        var outFlows = [[Int]](repeating: [], count: count)
        for i in flows.indices where flows[i].mineral == mineral {
            guard let (from, to) = index.endpoints[i] else { continue }
            outFlows[from].append(i)
            inFlows[to].append(i)
        }
        var terms = [[UpstreamSystem.Term]](repeating: [], count: count)
        var supply = [MetricValue](repeating: MetricValue(0), count: count)
        var nodeReason = [Unavailable?](repeating: nil, count: count)
        var inBasis = [QuantityBasis?](repeating: nil, count: count)
        var bases = ContainedBases()
        for n in 0..<count where !inFlows[n].isEmpty {
            let nodeFlows = inFlows[n]  // flow indices: a flow is a large value
            var quantities: [Double]?
            let common = nodeFlows.allSatisfy({ flows[$0].containedTonnes != nil })
                ? CommonBasis.basis(for: mineral, flows: nodeFlows, in: graph)
                : nil
            if let common {
                quantities = nodeFlows.map { bases.quantity(ofFlow: $0, in: graph, on: common)! }
                inBasis[n] = common
            } else if nodeFlows.allSatisfy({ flows[$0].tonnes != nil }) {
                inBasis[n] = .gross
                quantities = nodeFlows.map { flows[$0].tonnes! }
            }
            var coefficients: [Double?] = Array(repeating: nil, count: nodeFlows.count)
            if let quantities {
                let total = quantities.reduce(0, +)
                supply[n] = MetricValue(total)
                if total > 0 {
                    coefficients = quantities.map { $0 / total }
                } else {
                    nodeReason[n] = Unavailable(ReasonCode.noSupply, "\(index.label(node: n)) receives no \(mineral)")
                }
            } else {
                nodeReason[n] = Unavailable(
                    ReasonCode.missingQuantity,
                    "the \(mineral) in-flows of \(index.label(node: n)) give neither contained tonnes on one basis nor gross tonnes throughout")
            }
            if quantities == nil, let reason = nodeReason[n] { supply[n] = MetricValue(unavailable: reason) }
            terms[n] = zip(nodeFlows, coefficients).map { UpstreamSystem.Term(from: index.endpoints[$0]!.from, coefficient: $1) }
        }
        self.inFlows = inFlows
        self.outFlows = outFlows
        self.supply = supply
        reason = nodeReason
        basis = inBasis
        self.terms = terms
    }
}
