import MineralGraphCore

/// W1 — direct and embodied water per node, for withdrawal and consumption separately
/// (METHODS §5.1–§5.5).
///
/// **Direct water** `W_n = w_n · O_n` (m³ per year), with `w_n` the node's intensity in m³ per
/// tonne of its reference output and `O_n` that output in tonnes (see `ProductionSystem`-style
/// rules below). **Embodied water** per tonne of output:
///
///     W*_n = w_n + Σ_k a_kn · W*_k,      a_kn = q_(k→n) / O_n
///
/// solved as the linear system `(I − Aᵀ) W* = w` by fixed-point iteration on the graph's loops
/// (``LinearSolverOptions``: relative tolerance 1e-9, at most 10,000 sweeps per loop; recycling
/// loops lose material, so they converge; one that does not is reported as `NOT_CONVERGED`).
/// The scarcity-weighted variant uses `w_n · CF_n` with the AWARE factor of the node where the
/// water is consumed, so the weight travels with the product (§5.3–§5.4). Brine and seawater are
/// accounted the same way but kept apart from freshwater.
///
/// Rules of the physical model:
/// - `O_n`: basis tonnes of the node's first output in the graph year (contained where given,
///   else gross); without a declared quantity, the sum of its out-flows in one basis.
/// - Flows are measured in their source node's basis; all flow types count (waste carries the
///   water of what was discarded, which closes recycling loops); a node's out-flows share one
///   intensity per tonne (mass allocation).
/// - Consumer nodes are final demand (cut-off at the use stage): flows into them are final use;
///   their own use counts only where stated. Nodes with neither output nor out-flows are sinks
///   with no direct water (intensities are per tonne of output).
/// - Conservation (§5.4–§5.5): `Σ_n final_n · W*_n = Σ_n W_n`, with `final_n` the output not
///   passed to producing nodes; reported per quantity as a relative error.
///
/// Missing data: a producing node without an intensity has no direct water, and every node
/// downstream has no embodied water (`MISSING_INTENSITY`), unless `defaultWater` or
/// `defaultWaterByStage` supplies one; values that rest on a default are flagged `imputed`.
/// AWARE-weighted values need the AWARE factor (`MISSING_AWARE`). Negative intensities are
/// invalid (`NEGATIVE_INTENSITY`).
///
/// Worked example (§5.5): D 50 m³/t × 100 t, C 20 m³/t × 30 t, J 5 m³/t × 300 t → direct
/// 7,100 m³; `W*_C = 20 + (100/30)·50 = 186.7`, `W*_J = 5 + 0.1·186.7 = 23.67`; 300 t × 23.67 =
/// 7,100 m³. With AWARE 20/5/1 the scarcity footprint is 104,500 m³ world-eq.
///
/// Sources: GRI 303-3/303-5; Hoekstra et al. 2011; Boulay et al. 2018 (AWARE); WRI Aqueduct 4.0.
public struct WaterFootprintPass: Sendable {
    /// Intensities for nodes that state none (any field); values that use it are `imputed`.
    public var defaultWater: WaterUse?
    /// Per-stage defaults, tried before `defaultWater`.
    public var defaultWaterByStage: [Stage: WaterUse]
    /// Baseline water stress ratio from which a basin counts as high stress (Aqueduct "high": 0.4).
    public var highStressThreshold: Double
    public var solver: LinearSolverOptions
    /// Country-group scheme; `nil` uses the graph's `country_scheme` or the default.
    public var scheme: CountryGroupScheme?

    public init(
        defaultWater: WaterUse? = nil, defaultWaterByStage: [Stage: WaterUse] = [:],
        highStressThreshold: Double = 0.4, solver: LinearSolverOptions = .default,
        scheme: CountryGroupScheme? = nil
    ) {
        self.defaultWater = defaultWater
        self.defaultWaterByStage = defaultWaterByStage
        self.highStressThreshold = highStressThreshold
        self.solver = solver
        self.scheme = scheme
    }

    public func run(on graph: SupplyGraph) -> WaterFootprint {
        run(on: GraphDerivations(graph))
    }

    /// W1 of `derived`'s graph, with the water model and index it keeps for other passes.
    public func run(on derived: GraphDerivations) -> WaterFootprint {
        let graph = derived.graph
        let index = derived.index
        let model = derived.waterModel(self)
        let system = model.system
        let grouping = CountryGrouping(override: scheme, graph: graph)

        var nodes: [NodeWater] = []
        var highStress: [MetricValue] = []
        nodes.reserveCapacity(graph.nodes.count)  // a node's row is large: no regrowth copies
        highStress.reserveCapacity(graph.nodes.count)
        for (n, node) in graph.nodes.enumerated() {
            let role: ChainRole = system.isFinalDemand[n] ? .finalDemand : system.isSink[n] ? .sink : .producer
            let bws = resolved(node, \.baselineWaterStress)
            let inStress = bws.map { $0.value >= highStressThreshold }
            let water = PerWaterQuantity<WaterAccount> { quantity in
                WaterAccount(
                    intensityM3PerTonne: model.intensity[quantity][n], directM3: model.direct[quantity][n],
                    embodiedM3PerTonne: model.embodied[quantity][n])
            }
            nodes.append(NodeWater(
                nodeID: node.id, country: node.country, stage: node.stage, role: role,
                outputTonnes: system.output[n], outputBasis: system.basis[n],
                finalOutputTonnes: system.isSink[n] ? MetricValue(0) : system.finalOutput[n],
                awareFactor: model.aware[n], baselineWaterStress: bws?.value, inHighStressBasin: inStress,
                water: water))
            let withdrawal = model.direct.withdrawal[n]
            if withdrawal.value == 0 {
                highStress.append(MetricValue(0))
            } else if let inStress {
                highStress.append(inStress ? withdrawal : MetricValue(0))
            } else {
                highStress.append(.unavailable(
                    ReasonCode.missingStress, "\(index.label(node: n)) withdraws water but states no baseline water stress"))
            }
        }

        let totals = PerWaterQuantity<WaterTotal> { quantity in
            var direct = PartialSum()
            var missing: [String] = []
            var final = PartialSum()
            for n in graph.nodes.indices {
                let value = model.direct[quantity][n]
                direct.add(value)
                if value.value == nil { missing.append(graph.nodes[n].id) }
                if system.isSink[n] { continue }
                let finalTonnes = system.finalOutput[n]
                if finalTonnes.value == 0 { continue }
                final.add(finalTonnes.combined(with: model.embodied[quantity][n], *))
            }
            let directTotal = direct.metric
            let finalTotal = final.metric
            var error = finalTotal.combined(with: directTotal) { embodied, direct in
                direct == 0 ? 0 : abs(embodied - direct) / abs(direct)
            }
            if directTotal.value == 0, let embodied = finalTotal.value, embodied != 0 {
                error = .unavailable(ReasonCode.noDirectWater, "final output embodies water although no node uses any")
            }
            return WaterTotal(
                directM3: directTotal, statedDirectM3: direct.statedSum, nodesMissing: missing,
                finalOutputEmbodiedM3: finalTotal, conservationRelativeError: error)
        }

        /// `members`: the party's node indices, in graph order.
        func directWater(_ party: CountryOrGroup, members: [Int]) -> DirectWater {
            var stress = PartialSum()
            var sums = [PartialSum](repeating: PartialSum(), count: WaterQuantity.allCases.count)  // in allCases order
            for n in members {
                stress.add(highStress[n])
                for (q, quantity) in WaterQuantity.allCases.enumerated() { sums[q].add(model.direct[quantity][n]) }
            }
            let direct = PerWaterQuantity { sums[WaterQuantity.allCases.firstIndex(of: $0)!].metric }
            return DirectWater(party: party, directM3: direct, highStressWithdrawalM3: stress.metric)
        }

        var stressTotal = PartialSum()
        highStress.forEach { stressTotal.add($0) }
        let stressShare = stressTotal.metric.divided(
            by: totals.withdrawal.directM3, ifZero: ReasonCode.noWithdrawal, "the graph withdraws no water")

        return WaterFootprint(
            nodes: nodes, totals: totals, highStressWithdrawalM3: stressTotal.metric,
            highStressWithdrawalShare: stressShare,
            countries: index.countries.map { country in
                directWater(.country(country), members: index.nodes(in: country))
            },
            groups: grouping.groups.map { group in
                directWater(.group(group), members: index.nodes(in: group, grouping))
            },
            highStressThreshold: highStressThreshold, allocation: "mass", scheme: grouping.info,
            solver: SolverReport.merged(model.reports, options: solver))
    }

    /// A stated value, else the stage default, else the global default (then `imputed`).
    func resolved(_ node: Node, _ field: KeyPath<WaterUse, Double?>) -> (value: Double, imputed: Bool)? {
        if let value = node.water?[keyPath: field] { return (value, false) }
        if let value = defaultWaterByStage[node.stage]?[keyPath: field] { return (value, true) }
        if let value = defaultWater?[keyPath: field] { return (value, true) }
        return nil
    }

    /// Intensities, direct and embodied water of every node, and the embodied water of flows.
    func model(_ system: ProductionSystem) -> EmbodiedWaterModel {
        let index = system.index
        let graph = index.graph
        var intensity = PerWaterQuantity<[MetricValue]> { _ in [] }
        var aware: [MetricValue] = []

        for (n, node) in graph.nodes.enumerated() {
            let isConsumer = system.isFinalDemand[n]
            func field(_ path: KeyPath<WaterUse, Double?>, _ name: String) -> MetricValue {
                guard let (value, imputed) = resolved(node, path) else {
                    if isConsumer || system.isSink[n] { return MetricValue(0) }  // system boundary
                    return .unavailable(ReasonCode.missingIntensity, "\(index.label(node: n)) states no water \(name) intensity")
                }
                guard value >= 0, value.isFinite else {
                    return .unavailable(ReasonCode.negativeIntensity, "\(index.label(node: n)) has an invalid water \(name) intensity")
                }
                return MetricValue(value, imputed: imputed)
            }
            let cf: MetricValue =
                if let (value, imputed) = resolved(node, \.awareFactor) {
                    value > 0 && value.isFinite
                        ? MetricValue(value, imputed: imputed)
                        : .unavailable(ReasonCode.negativeIntensity, "\(index.label(node: n)) has an invalid AWARE factor")
                } else {
                    .unavailable(ReasonCode.missingAware, "\(index.label(node: n)) states no AWARE factor")
                }
            aware.append(cf)
            intensity.withdrawal.append(field(\.withdrawalM3PerTonne, "withdrawal"))
            let consumption = field(\.consumptionM3PerTonne, "consumption")
            intensity.consumption.append(consumption)
            if consumption.value == 0 {
                intensity.scarcityWeightedConsumption.append(consumption)
            } else {
                intensity.scarcityWeightedConsumption.append(consumption.combined(with: cf, *))
            }
            intensity.brine.append(field(\.brineM3PerTonne, "brine"))
            intensity.seawater.append(field(\.seawaterM3PerTonne, "seawater"))
        }

        var direct = PerWaterQuantity<[MetricValue]> { _ in [] }
        var embodied = PerWaterQuantity<[MetricValue]> { _ in [] }
        var reports: [SolverReport] = []
        for quantity in WaterQuantity.allCases {
            let w = intensity[quantity]
            let solution = system.accumulate(
                intensity: graph.nodes.indices.map { system.isSink[$0] ? 0 : w[$0].value },
                flags: w.map(\.imputed), options: solver)
            reports.append(solution.report)
            let localReasons = w.map(\.unavailable)  // once per quantity, not per node
            for n in graph.nodes.indices {
                if system.isSink[n] {
                    direct[quantity].append(MetricValue(0))
                    embodied[quantity].append(.unavailable(
                        ReasonCode.noOutput, "\(index.label(node: n)) has no output: per-tonne water is undefined"))
                    continue
                }
                direct[quantity].append(w[n].combined(with: system.output[n], *))
                if let value = solution.values[n] {
                    embodied[quantity].append(MetricValue(value, imputed: solution.flagged[n]))
                } else {
                    embodied[quantity].append(MetricValue(unavailable: system.reason(
                        for: solution.blocker[n], at: n, localReasons: localReasons,
                        quantity: "water \(quantity.rawValue) intensity")))
                }
            }
        }
        return EmbodiedWaterModel(
            system: system, intensity: intensity, aware: aware, direct: direct, embodied: embodied,
            reports: reports)
    }
}

/// The solved water model shared by W1 and the trade passes (E2, E3).
struct EmbodiedWaterModel: Sendable {
    let system: ProductionSystem
    /// `w_n` per quantity and node.
    let intensity: PerWaterQuantity<[MetricValue]>
    let aware: [MetricValue]
    /// `W_n` per quantity and node.
    let direct: PerWaterQuantity<[MetricValue]>
    /// `W*_n` per quantity and node.
    let embodied: PerWaterQuantity<[MetricValue]>
    let reports: [SolverReport]

    /// Virtual water of flow `i`: `VW(e) = q_e · W*_src(e)` (METHODS §2.3 E3).
    func flowWater(_ i: Int) -> PerWaterQuantity<MetricValue> {
        let quantity = system.flowQuantity[i]
        guard let (from, _) = system.index.endpoints[i] else { return PerWaterQuantity { _ in quantity } }
        return PerWaterQuantity { water in
            quantity.value == 0 ? MetricValue(0) : quantity.combined(with: embodied[water][from], *)
        }
    }
}
