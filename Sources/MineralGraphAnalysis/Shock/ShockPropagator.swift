import MineralGraphCore

/// The state of one bound's propagation: each node's activity ratio and each flow's multiplier
/// `m_e = f'_e / f_e`, computed as ``ShockPropagationPass`` describes.
struct ShockPropagator: Sendable {
    /// Spare of `spare` (an index into `CompiledScenario.spares`) delivered to in-group `group`.
    struct Allocation: Sendable {
        var spare: Int
        var group: Int
        var tonnes: Double
    }

    let network: ShockNetwork
    let scenario: CompiledScenario
    let options: ShockPropagationOptions
    /// Largest change of one sweep, in tonnes, at which a loop counts as converged.
    let tolerance: Double

    /// `r_n`: the node's output over its baseline output (cuts of every mineral included).
    private(set) var activity: [Double]
    /// The multiplier of each flow before diverted volume: `r_src · (1 − δ_src,m)`, 0 when banned.
    private(set) var base: [Double]
    /// Diverted volume a domestic customer accepted, as a multiplier increment of the flow.
    private(set) var accepted: [Double]
    /// Diverted volume offered along a domestic flow, as a multiplier increment.
    private var offer: [Double]
    /// Substitution tonnes into each in-group.
    private(set) var substitutionIn: [Double]
    private(set) var allocations: [Allocation] = []
    /// Per spare: tonnes used, and whether the supplier was affected (no spare to give).
    private(set) var spareUsed: [Double]
    private(set) var spareAffected: [Bool]

    private(set) var iterations = 0
    private(set) var notConverged: Set<Int> = []
    private(set) var propagations = 0

    init(network: ShockNetwork, scenario: CompiledScenario, options: ShockPropagationOptions) {
        self.network = network
        self.scenario = scenario
        self.options = options
        tolerance = options.relativeTolerance * network.totalBaselineTonnes
        activity = [Double](repeating: 1, count: network.nodeCount)
        base = [Double](repeating: 1, count: network.flowCount)
        accepted = [Double](repeating: 0, count: network.flowCount)
        offer = [Double](repeating: 0, count: network.flowCount)
        substitutionIn = [Double](repeating: 0, count: network.inGroups.count)
        spareUsed = [Double](repeating: 0, count: scenario.spares.count)
        spareAffected = [Bool](repeating: false, count: scenario.spares.count)
    }

    /// `m_e`, the flow's shocked quantity over its baseline quantity.
    func multiplier(_ e: Int) -> Double { base[e] + accepted[e] }

    // MARK: Propagation (METHODS §4.3 steps 2, 3 and 5)

    /// Propagates the shocks from the baseline, components in topological order; loops are swept
    /// until the largest change of a flow is at most `tolerance`.
    mutating func propagate() {
        propagations += 1
        for n in activity.indices { activity[n] = 1 }
        for e in base.indices {
            base[e] = 1
            accepted[e] = 0
            offer[e] = 0
        }
        let maxIterations = max(1, options.maxIterations)
        for (c, component) in network.components.enumerated() {
            guard network.isCyclic[c] else {
                _ = update(component[0])
                continue
            }
            var converged = false
            for sweep in 1...maxIterations {
                var change = 0.0
                for n in component { change = max(change, update(n)) }
                if change <= tolerance {
                    iterations = max(iterations, sweep)
                    converged = true
                    break
                }
            }
            if !converged {
                iterations = max(iterations, maxIterations)
                notConverged.insert(component.min()!)
            }
        }
    }

    /// Recomputes node `n` from its in-flows and sets its out-flows. Returns the largest change of
    /// a flow, tonnes.
    private mutating func update(_ n: Int) -> Double {
        let ins = network.inGroups
        let outs = network.outGroups
        var change = 0.0
        var ratio = 1.0
        if !network.isSource[n] {
            // Leontief: the scarcest input mineral sets the output.
            var scarcest = Double.infinity
            for g in ins.groups(of: n) {
                let total = ins.total[g]
                guard total > 0 else { continue }
                var received = substitutionIn[g]
                var offered = 0.0
                let range = ins.flowStart[g]..<ins.flowStart[g + 1]
                for k in range {
                    let e = ins.flows[k]
                    received += base[e] * ins.weight[e]
                    offered += offer[e] * ins.weight[e]
                }
                // Diverted volume is accepted up to the baseline intake, pro rata between offers.
                var scale = 0.0
                if offered > 0 { scale = min(1, max(0, total - received) / offered) }
                if scenario.receivesDiverted[g] {
                    for k in range {
                        let e = ins.flows[k]
                        let value = scale * offer[e]
                        if value != accepted[e] {
                            change = max(change, abs(value - accepted[e]) * ins.weight[e])
                            accepted[e] = value
                        }
                    }
                }
                // Never above the baseline intake: substitution allocated against an earlier
                // sweep's shortfall may overshoot once a recycling loop recovers (METHODS §4.3
                // step 4: spare is allocated "never above S_n").
                scarcest = min(scarcest, min(1, (received + scale * offered) / total))
            }
            if scarcest.isFinite { ratio = scarcest }
        }
        let a = scenario.cutAll[n] * ratio
        activity[n] = a
        for g in outs.groups(of: n) {
            for k in outs.flowStart[g]..<outs.flowStart[g + 1] {
                let e = outs.flows[k]
                let value = scenario.banned[e] ? 0 : a * scenario.flowCut[e]
                if value != base[e] {
                    change = max(change, abs(value - base[e]) * outs.weight[e])
                    base[e] = value
                }
            }
            let d = scenario.divertOfGroup[g]
            if d >= 0 {
                let divert = scenario.diverts[d]
                var volume = 0.0
                for e in divert.banned { volume += a * scenario.flowCut[e] * outs.weight[e] }
                let increment = divert.domesticTonnes > 0 ? volume / divert.domesticTonnes : 0
                for e in divert.domestic { offer[e] = increment }
            }
        }
        return change
    }

    // MARK: Substitution (METHODS §4.3 step 4)

    /// The with-substitution bound: stage by stage (mining first), propagate, then allocate the
    /// spare of each unaffected supplier at that stage (in id order) to the customers short of
    /// the same mineral from that stage, in proportion to their shortfalls and never above them,
    /// skipping customers a ban keeps the supplier from. Ends with a propagation.
    mutating func substitute() {
        let ins = network.inGroups
        var pending = true
        for stage in Stage.allCases {
            let atStage = scenario.spares.indices.filter { network.nodeStage[scenario.spares[$0].node] == stage }
            guard !atStage.isEmpty else { continue }
            propagate()
            pending = false
            let minerals = Set(atStage.map { scenario.spares[$0].mineral })
            // S_n: what the customer lacks of the mineral from suppliers at this stage.
            var shortfall = [Double](repeating: 0, count: ins.count)
            var customers: [Int: [Int]] = [:]
            for g in 0..<ins.count where minerals.contains(ins.mineral[g]) && ins.total[g] > 0 {
                var lacking = 0.0
                for e in ins.members(g) where network.nodeStage[network.flowFrom[e]] == stage {
                    lacking += (1 - base[e] - accepted[e]) * ins.weight[e]
                }
                if lacking > 1e-12 * ins.total[g] {
                    shortfall[g] = lacking
                    customers[ins.mineral[g], default: []].append(g)
                }
            }
            for j in atStage {
                let spare = scenario.spares[j]
                let n = spare.node
                guard activity[n] >= 1 - 1e-9, scenario.cutAll[n] == 1,
                    scenario.mineralCut(node: n, mineral: spare.mineral) == 1
                else {
                    spareAffected[j] = true
                    continue
                }
                let mineral = network.minerals[spare.mineral]
                let country = network.nodeCountry[n]
                let eligible = (customers[spare.mineral] ?? []).filter { g in
                    ins.node[g] != n && shortfall[g] > 0
                        && !scenario.isBlocked(mineral: mineral, from: country, stage: stage, to: network.nodeCountry[ins.node[g]])
                }
                let total = eligible.reduce(0) { $0 + shortfall[$1] }
                guard total > 0 else { continue }
                let share = min(1, spare.tonnes / total)
                for g in eligible {
                    let tonnes = share == 1 ? shortfall[g] : share * shortfall[g]
                    shortfall[g] = share == 1 ? 0 : shortfall[g] - tonnes
                    substitutionIn[g] += tonnes
                    spareUsed[j] += tonnes
                    allocations.append(Allocation(spare: j, group: g, tonnes: tonnes))
                    pending = true
                }
            }
        }
        if pending { propagate() }
    }
}
