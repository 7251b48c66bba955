import MineralGraphCore

/// The state of one bound's propagation: each node's activity ratio and each flow's multiplier
/// `m_e = f'_e / f_e`, computed as ``ShockPropagationPass`` describes.
struct ShockPropagator: Sendable {
    /// Spare of pool `pool` delivered to in-group `group` at the pool's stage.
    struct Allocation: Sendable {
        var pool: Int
        var group: Int
        /// Tonnes of the customer's in-flow basis.
        var tonnes: Double
        /// At each supplier's baseline unit value; `nil` when a supplier that gave to it has none.
        var valueUSD: Double?
        /// Gross tonnes per contained tonne of what the suppliers gave; `nil` when one gives none.
        var grossPerContained: Double?
    }

    /// The suppliers of one stage, mineral and country that gave spare (in id order). They have
    /// the same customers (bans are per country), so their spare is allocated as one pool and
    /// each customer gets one substitution flow from it.
    struct Pool: Sendable {
        var stage: Stage
        var mineral: Int
        var country: CountryCode
        /// Indices into `CompiledScenario.spares`.
        var spares: [Int] = []
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
    private(set) var pools: [Pool] = []
    /// Per spare: tonnes used, the part of them that went to customers counting gross tonnes,
    /// and whether the supplier was affected (no spare to give).
    private(set) var spareUsed: [Double]
    private(set) var spareUsedGross: [Double]
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
        spareUsedGross = [Double](repeating: 0, count: scenario.spares.count)
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

    /// Short customers of one mineral that every supplier treats alike: those of one country
    /// (bans are per country), or a single customer that is itself a supplier at the stage (it
    /// takes nothing from its own spare). Every allocation to the class is the same fraction of
    /// each member's shortfall, so the members' shares never change and the class is allocated
    /// as one.
    private struct CustomerClass {
        var mineral: Int
        var country: CountryCode
        /// The supplier node the class is, or -1.
        var node: Int
        var members: [Int] = []
        /// `S_n` of each member.
        var lacking: [Double] = []
        /// Σ S_n of the members, and the part of it on gross tonnes.
        var shortfall = 0.0
        var grossShortfall = 0.0
        /// What is still lacking after the suppliers so far.
        var remaining = 0.0
        /// What each pool gave the class, keyed by pool.
        var gifts: [Int: Gift] = [:]
    }

    /// Spare one pool gave one class: tonnes, value at the suppliers' unit values, and tonnes ×
    /// gross-per-contained.
    private struct Gift {
        var tonnes = 0.0
        var valueUSD: Double? = 0
        var grossTonnes: Double? = 0
    }

    /// The with-substitution bound: stage by stage (mining first), propagate, then allocate the
    /// spare of each unaffected supplier at that stage (in id order) to the customers short of
    /// the same mineral from that stage, in proportion to their shortfalls and never above them,
    /// skipping customers a ban keeps the supplier from. Ends with a propagation.
    ///
    /// Linear in customers and suppliers: customers are allocated by ``CustomerClass`` (the
    /// proportional rule gives each member of a class the same fraction of its shortfall from
    /// every supplier), and each pool of suppliers gives one allocation per customer.
    mutating func substitute() {
        var terms: [Int: ShockNetwork.SupplierTerms] = [:]
        var pending = true
        for stage in Stage.allCases {
            let atStage = scenario.spares.indices.filter { network.nodeStage[scenario.spares[$0].node] == stage }
            guard !atStage.isEmpty else { continue }
            propagate()
            pending = false
            var classes = shortCustomers(stage: stage, spares: atStage)
            var classesOfMineral: [Int: [Int]] = [:]
            for c in classes.indices { classesOfMineral[classes[c].mineral, default: []].append(c) }
            var poolIndex: [String: Int] = [:]
            let firstPool = pools.count
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
                let eligible = (classesOfMineral[spare.mineral] ?? []).filter { c in
                    classes[c].node != n && classes[c].remaining > 0
                        && !scenario.isBlocked(mineral: mineral, from: country, stage: stage, to: classes[c].country)
                }
                let total = eligible.reduce(0) { $0 + classes[$1].remaining }
                guard total > 0 else { continue }
                let share = min(1, spare.tonnes / total)
                let key = "\(spare.mineral) \(country)"
                let p = poolIndex[key] ?? pools.count
                if p == pools.count {
                    poolIndex[key] = p
                    pools.append(Pool(stage: stage, mineral: spare.mineral, country: country))
                }
                pools[p].spares.append(j)
                let supplier = terms[j] ?? network.supplierTerms(node: n, mineral: spare.mineral)
                terms[j] = supplier
                for c in eligible {
                    let tonnes = share == 1 ? classes[c].remaining : share * classes[c].remaining
                    classes[c].remaining = share == 1 ? 0 : classes[c].remaining - tonnes
                    spareUsed[j] += tonnes
                    spareUsedGross[j] += tonnes * classes[c].grossShortfall / classes[c].shortfall
                    var gift = classes[c].gifts[p] ?? Gift()
                    gift.tonnes += tonnes
                    gift.valueUSD = gift.valueUSD.flatMap { sum in supplier.unitValue.map { sum + $0 * tonnes } }
                    gift.grossTonnes = gift.grossTonnes.flatMap { sum in supplier.grossPerContained.map { sum + $0 * tonnes } }
                    classes[c].gifts[p] = gift
                }
            }
            // One allocation per pool and customer, customers in graph order.
            for p in firstPool..<pools.count {
                var given: [Allocation] = []
                for c in classesOfMineral[pools[p].mineral] ?? [] {
                    guard let gift = classes[c].gifts[p] else { continue }
                    let ratio = gift.grossTonnes.map { $0 / gift.tonnes }
                    for (g, lacking) in zip(classes[c].members, classes[c].lacking) {
                        let fraction = lacking / classes[c].shortfall
                        given.append(Allocation(
                            pool: p, group: g, tonnes: gift.tonnes * fraction, valueUSD: gift.valueUSD.map { $0 * fraction },
                            grossPerContained: ratio))
                    }
                }
                given.sort { $0.group < $1.group }
                for allocation in given where allocation.tonnes > 0 {
                    substitutionIn[allocation.group] += allocation.tonnes
                    allocations.append(allocation)
                    pending = true
                }
            }
        }
        if pending { propagate() }
    }

    /// `S_n` of in-group `g`: what the customer lacks of its mineral from suppliers at `stage`.
    private func shortfall(_ g: Int, stage: Stage) -> Double {
        let ins = network.inGroups
        var lacking = 0.0
        for e in ins.members(g) where network.nodeStage[network.flowFrom[e]] == stage {
            lacking += (1 - base[e] - accepted[e]) * ins.weight[e]
        }
        return lacking
    }

    /// The customers short of a mineral some of `spares` offer, by ``CustomerClass``, in-groups
    /// in graph order.
    private func shortCustomers(stage: Stage, spares: [Int]) -> [CustomerClass] {
        let ins = network.inGroups
        let minerals = Set(spares.map { scenario.spares[$0].mineral })
        let suppliers = Set(spares.map { scenario.spares[$0].node })
        var classes: [CustomerClass] = []
        var index: [String: Int] = [:]
        for g in 0..<ins.count where minerals.contains(ins.mineral[g]) && ins.total[g] > 0 {
            let lacking = shortfall(g, stage: stage)
            guard lacking > 1e-12 * ins.total[g] else { continue }
            let n = ins.node[g]
            let own = suppliers.contains(n) ? n : -1
            let key = "\(ins.mineral[g]) \(network.nodeCountry[n]) \(own)"
            let c = index[key] ?? classes.count
            if c == classes.count {
                index[key] = c
                classes.append(CustomerClass(mineral: ins.mineral[g], country: network.nodeCountry[n], node: own))
            }
            classes[c].members.append(g)
            classes[c].lacking.append(lacking)
            classes[c].shortfall += lacking
            if ins.basis[g] == .gross { classes[c].grossShortfall += lacking }
            classes[c].remaining = classes[c].shortfall
        }
        return classes
    }
}
