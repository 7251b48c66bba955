import MineralGraphCore

/// Turns a finished propagation into the rows of a ``ShockBound`` and the shocked graph
/// (METHODS §4.3 step 6).
struct ShockBoundBuilder {
    let network: ShockNetwork
    let scenario: CompiledScenario
    let scenarioID: String
    let grouping: CountryGrouping

    func bound(_ kind: SubstitutionBound, from state: ShockPropagator) -> ShockBound {
        let substitutionOut = substitutionOutTonnes(state)
        let nodes = nodeRows(state, substitutionOut: substitutionOut)
        let poolIDs = poolIDs(state)
        let substitution = substitutionFlows(state, poolIDs: poolIDs)
        let (byMineral, total) = valueAtRisk(state, substitution: substitution)
        let report = ShockSolverReport(
            relativeTolerance: state.options.relativeTolerance, absoluteToleranceTonnes: state.tolerance,
            maxIterations: state.options.maxIterations, cyclicComponents: network.isCyclic.filter { $0 }.count,
            iterations: state.iterations, converged: state.notConverged.isEmpty,
            notConverged: state.notConverged.sorted().map { network.graph.nodes[$0].id }, propagations: state.propagations)
        return ShockBound(
            bound: kind, nodes: nodes, regions: regionRows(nodes), finalDemand: finalDemandRows(nodes),
            valueAtRisk: byMineral, totalValueAtRisk: total, substitutionFlows: substitution.map(\.row),
            spare: spareRows(state), solver: report,
            graph: shockedGraph(
                kind, state, substitutionOut: substitutionOut, substitution: substitution,
                pools: poolNodes(state, poolIDs: poolIDs)))
    }

    // MARK: Nodes

    private func key(_ n: Int, _ m: Int) -> Int { n * network.minerals.count + m }

    private func substitutionOutTonnes(_ state: ShockPropagator) -> [Int: Double] {
        var tonnes: [Int: Double] = [:]
        for (j, spare) in scenario.spares.enumerated() where state.spareUsed[j] > 0 {
            tonnes[key(spare.node, spare.mineral), default: 0] += state.spareUsed[j]
        }
        return tonnes
    }

    private func nodeRows(_ state: ShockPropagator, substitutionOut: [Int: Double]) -> [NodeShock] {
        let ins = network.inGroups, outs = network.outGroups
        let graph = network.graph
        var rows: [NodeShock] = []
        rows.reserveCapacity(ins.count + outs.count)
        // Suppliers of substitution without flows of the mineral still get a row.
        var substitutingMinerals: [Int: [Int]] = [:]
        for key in substitutionOut.keys {
            substitutingMinerals[key / network.minerals.count, default: []].append(key % network.minerals.count)
        }
        for n in 0..<network.nodeCount {
            let node = graph.nodes[n]
            var minerals = ins.groups(of: n).map { ins.mineral[$0] } + outs.groups(of: n).map { outs.mineral[$0] }
            if let extra = substitutingMinerals[n] { minerals += extra }
            minerals.sort()
            for (k, m) in minerals.enumerated() where k == 0 || minerals[k - 1] != m {
                let g = ins.group(node: n, mineral: m)
                let h = outs.group(node: n, mineral: m)
                let mineral = network.minerals[m]
                let ratio = state.activity[n] * scenario.mineralCut(node: n, mineral: m)

                var baselineIn = 0.0, shockedIn = 0.0, substitutionIn = 0.0
                if let g {
                    baselineIn = ins.total[g]
                    substitutionIn = state.substitutionIn[g]
                    shockedIn = substitutionIn
                    for e in ins.members(g) { shockedIn += state.multiplier(e) * ins.weight[e] }
                }
                var baselineOut = 0.0, shockedOut = 0.0, stranded = 0.0
                var shipsProduct = false
                if let h {
                    baselineOut = outs.total[h]
                    for e in outs.members(h) {
                        shockedOut += state.multiplier(e) * outs.weight[e]
                        if graph.flows[e].type != .waste { shipsProduct = true }
                    }
                    stranded = Self.clean(ratio * baselineOut - shockedOut, scale: baselineOut)
                }
                let (shortfall, share) = Self.shortfall(
                    baseline: baselineIn, delivered: shockedIn,
                    else: "\(network.label(node: n)) receives no \(mineral) at baseline")
                var issue: Unavailable?
                for (groups, group, side) in [(ins, g, "in-flows"), (outs, h, "out-flows")] {
                    guard issue == nil, let group, groups.basis[group] == .mixed else { continue }
                    issue = Unavailable(
                        ReasonCode.missingQuantity,
                        groups.missing[group] > 0
                            ? "\(groups.missing[group]) \(mineral) \(side) of \(network.label(node: n)) give no tonnes; left out"
                            : "the \(mineral) \(side) of \(network.label(node: n)) mix contained and gross tonnes")
                }
                rows.append(NodeShock(
                    nodeID: node.id, country: node.country, stage: node.stage, mineral: mineral, outputRatio: ratio,
                    inflowBasis: g.map { ins.basis[$0] }, outflowBasis: h.map { outs.basis[$0] },
                    baselineInTonnes: baselineIn, shockedInTonnes: shockedIn, substitutionInTonnes: substitutionIn,
                    baselineOutTonnes: baselineOut, shockedOutTonnes: shockedOut,
                    substitutionOutTonnes: substitutionOut[key(n, m)] ?? 0, shortfallTonnes: shortfall,
                    shortfallShare: share, strandedTonnes: stranded,
                    isFinalDemand: g != nil && baselineIn > 0 && !shipsProduct && node.stage != .waste,
                    quantityIssue: issue))
            }
        }
        return rows
    }

    /// Rounding noise of a difference of sums (below 1e-12 of its scale) as 0.
    static func clean(_ value: Double, scale: Double) -> Double {
        abs(value) <= 1e-12 * max(scale, 1e-300) ? 0 : value
    }

    /// `baseline − delivered` and `1 − delivered / baseline`; the share is `NO_SUPPLY` with
    /// `reason` when the baseline is 0.
    static func shortfall(baseline: Double, delivered: Double, else reason: @autoclosure () -> String) -> (Double, MetricValue) {
        let tonnes = clean(baseline - delivered, scale: baseline)
        return (tonnes, baseline > 0 ? MetricValue(tonnes / baseline) : .unavailable(ReasonCode.noSupply, reason()))
    }

    // MARK: Countries, groups and final demand

    private func regionRows(_ nodes: [NodeShock]) -> [RegionShock] {
        struct Key: Hashable { let country: CountryCode, mineral: MineralID, stage: Stage }
        struct Sums {
            var nodes = 0
            var baselineIn = 0.0, delivered = 0.0, baselineOut = 0.0, shockedOut = 0.0, stranded = 0.0
            mutating func add(_ other: Sums) {
                nodes += other.nodes
                baselineIn += other.baselineIn
                delivered += other.delivered
                baselineOut += other.baselineOut
                shockedOut += other.shockedOut
                stranded += other.stranded
            }
        }
        var byCountry: [Key: Sums] = [:]
        for row in nodes {
            byCountry[Key(country: row.country, mineral: row.mineral, stage: row.stage), default: Sums()].add(Sums(
                nodes: 1, baselineIn: row.baselineInTonnes, delivered: row.shockedInTonnes,
                baselineOut: row.baselineOutTonnes, shockedOut: row.shockedOutTonnes + row.substitutionOutTonnes,
                stranded: row.strandedTonnes))
        }
        func row(_ party: CountryOrGroup, _ mineral: MineralID, _ stage: Stage, _ sums: Sums) -> RegionShock {
            let (shortfall, share) = Self.shortfall(
                baseline: sums.baselineIn, delivered: sums.delivered,
                else: "\(party.name) receives no \(mineral) at the \(stage.rawValue) stage")
            return RegionShock(
                party: party, mineral: mineral, stage: stage, nodeCount: sums.nodes, baselineInTonnes: sums.baselineIn,
                deliveredTonnes: sums.delivered, baselineOutTonnes: sums.baselineOut, shockedOutTonnes: sums.shockedOut,
                shortfallTonnes: shortfall, shortfallShare: share, strandedTonnes: sums.stranded)
        }
        let keys = byCountry.keys.sorted { ($0.country, $0.mineral, $0.stage) < ($1.country, $1.mineral, $1.stage) }
        var rows = keys.map { row(.country($0.country), $0.mineral, $0.stage, byCountry[$0]!) }
        for group in grouping.groups {
            var byGroup: [Key: Sums] = [:]
            for key in keys where grouping.contains(group, key.country) {
                byGroup[Key(country: "", mineral: key.mineral, stage: key.stage), default: Sums()].add(byCountry[key]!)
            }
            for key in byGroup.keys.sorted(by: { ($0.mineral, $0.stage) < ($1.mineral, $1.stage) }) {
                rows.append(row(.group(group), key.mineral, key.stage, byGroup[key]!))
            }
        }
        return rows
    }

    private func finalDemandRows(_ nodes: [NodeShock]) -> [FinalDemandShock] {
        var sums: [MineralID: (count: Int, baseline: Double, delivered: Double)] = [:]
        for row in nodes where row.isFinalDemand {
            let old = sums[row.mineral] ?? (0, 0, 0)
            sums[row.mineral] = (old.count + 1, old.baseline + row.baselineInTonnes, old.delivered + row.shockedInTonnes)
        }
        return sums.keys.sorted().map { mineral in
            let (count, baseline, delivered) = sums[mineral]!
            let (shortfall, share) = Self.shortfall(
                baseline: baseline, delivered: delivered, else: "no \(mineral) reaches final demand")
            return FinalDemandShock(
                mineral: mineral, nodeCount: count, baselineTonnes: baseline, deliveredTonnes: delivered,
                shortfallTonnes: shortfall, shortfallShare: share)
        }
    }

    // MARK: Substitution flows

    /// A substitution flow with the quantities it gets in the shocked graph.
    struct Substitution {
        var row: SubstitutionFlow
        var flow: Flow
    }

    /// The id of each pool's supplier when it has one, else of the pool node added to the
    /// shocked graph (`spare-pool-<stage>-<mineral>-<country>`, made unique).
    private func poolIDs(_ state: ShockPropagator) -> [String] {
        var taken = Set<String>()
        return state.pools.map { pool in
            if pool.spares.count == 1 { return network.graph.nodes[scenario.spares[pool.spares[0]].node].id }
            let base = "spare-pool-\(pool.stage.rawValue)-\(network.minerals[pool.mineral])-\(pool.country.rawValue.lowercased())"
            var id = base, k = 1
            while network.index.position[id] != nil || taken.contains(id) {
                k += 1
                id = "\(base)-\(k)"
            }
            taken.insert(id)
            return id
        }
    }

    private func substitutionFlows(_ state: ShockPropagator, poolIDs: [String]) -> [Substitution] {
        let graph = network.graph
        let ins = network.inGroups
        let note = "substitution: spare capacity allocated to a shortfall (scenario \(scenarioID), with substitution)"
        let products = state.pools.map { pool in
            Set(pool.spares.map { network.supplierTerms(node: scenario.spares[$0].node, mineral: pool.mineral).product }).count == 1
                ? network.supplierTerms(node: scenario.spares[pool.spares[0]].node, mineral: pool.mineral).product : nil
        }
        return state.allocations.map { allocation in
            let pool = state.pools[allocation.pool]
            let customer = graph.nodes[ins.node[allocation.group]]
            let mineral = network.minerals[pool.mineral]
            let tonnes = allocation.tonnes
            let inContained = ins.basis[allocation.group] != .gross
            let suppliers = pool.spares.count == 1
                ? network.label(node: scenario.spares[pool.spares[0]].node)
                : "some of the \(pool.spares.count) suppliers of \(poolIDs[allocation.pool])"
            let valueUSD = allocation.valueUSD.map { MetricValue($0) }
                ?? .unavailable(ReasonCode.noUnitValue, "the \(mineral) flows of \(suppliers) carry no value")
            let ratio = allocation.grossPerContained
            let flow = Flow(
                from: poolIDs[allocation.pool], to: customer.id, mineral: mineral, product: products[allocation.pool],
                tonnes: inContained ? ratio.map { $0 * tonnes } : tonnes,
                containedTonnes: inContained ? tonnes : ratio.map { tonnes / $0 },
                valueUSD: valueUSD.value, type: .product, notes: note)
            return Substitution(
                row: SubstitutionFlow(
                    from: poolIDs[allocation.pool], to: customer.id, mineral: mineral, stage: pool.stage, tonnes: tonnes,
                    valueUSD: valueUSD),
                flow: flow)
        }
    }

    /// The pool nodes of pools with several suppliers, and a flow from each supplier to its pool
    /// carrying the spare it gave (valued at its baseline unit value).
    private func poolNodes(_ state: ShockPropagator, poolIDs: [String]) -> (nodes: [Node], flows: [Flow]) {
        var nodes: [Node] = [], flows: [Flow] = []
        for (p, pool) in state.pools.enumerated() where pool.spares.count > 1 {
            let mineral = network.minerals[pool.mineral]
            let first = network.graph.nodes[scenario.spares[pool.spares[0]].node]
            nodes.append(Node(
                id: poolIDs[p], name: "Spare \(mineral) capacity, \(pool.stage.rawValue), \(pool.country.rawValue)",
                kind: first.kind, country: pool.country,
                notes: "substitution: the spare of \(pool.spares.count) suppliers pooled and allocated to shortfalls "
                    + "(scenario \(scenarioID), with substitution)"))
            for j in pool.spares {
                let supplier = scenario.spares[j].node
                let terms = network.supplierTerms(node: supplier, mineral: pool.mineral)
                let gross = state.spareUsedGross[j], contained = state.spareUsed[j] - gross
                let ratio = terms.grossPerContained
                flows.append(Flow(
                    from: network.graph.nodes[supplier].id, to: poolIDs[p], mineral: mineral, product: terms.product,
                    tonnes: ratio.map { gross + $0 * contained } ?? (contained == 0 ? gross : nil),
                    containedTonnes: ratio.map { contained + gross / $0 } ?? (gross == 0 ? contained : nil),
                    valueUSD: terms.unitValue.map { $0 * state.spareUsed[j] }, type: .product,
                    notes: "substitution: spare capacity given to the pool \(poolIDs[p]) (scenario \(scenarioID), with substitution)"))
            }
        }
        return (nodes, flows)
    }

    private func spareRows(_ state: ShockPropagator) -> [SpareUse] {
        scenario.spares.enumerated().map { j, spare in
            let node = network.graph.nodes[spare.node]
            return SpareUse(
                nodeID: node.id, country: node.country, stage: node.stage, mineral: network.minerals[spare.mineral],
                spareTonnes: spare.tonnes, usedTonnes: state.spareUsed[j],
                unusable: state.spareAffected[j]
                    ? Unavailable(ReasonCode.affected, "\(network.label(node: spare.node)) is itself cut or short of supply")
                    : nil)
        }
    }

    // MARK: Value at risk

    private func valueAtRisk(_ state: ShockPropagator, substitution: [Substitution]) -> ([ValueAtRisk], ValueAtRisk) {
        struct Account {
            var sum = PartialSum()
            var withoutValue = 0
            var lostTonnes = 0.0
            mutating func add(lost: Double, value: Double?, tonnes: Double?, label: () -> String) {
                if let value {
                    sum.add(lost * value)
                } else {
                    sum.add(.unavailable(ReasonCode.missingValue, "\(label()) has no value"))
                    withoutValue += 1
                    lostTonnes += lost * (tonnes ?? 0)
                }
            }
            func row(_ mineral: MineralID?) -> ValueAtRisk {
                ValueAtRisk(
                    mineral: mineral, valueUSD: sum.metric, statedValueUSD: sum.statedSum, flowsWithoutValue: withoutValue,
                    lostTonnesWithoutValue: lostTonnes)
            }
        }
        var accounts = [Account](repeating: Account(), count: network.minerals.count)
        var total = Account()
        let flows = network.graph.flows
        for e in flows.indices where network.flowFrom[e] >= 0 && flows[e].type != .waste {
            let lost = 1 - state.multiplier(e)
            guard abs(lost) > 1e-12 else { continue }
            let group = network.outGroups.groupOfFlow[e]
            let value = flows[e].valueUSD, tonnes = group >= 0 ? flows[e].quantity(on: network.outGroups.unit[group]) : nil
            let label = { network.index.label(flow: e) }
            accounts[network.flowMineral[e]].add(lost: lost, value: value, tonnes: tonnes, label: label)
            total.add(lost: lost, value: value, tonnes: tonnes, label: label)
        }
        for item in substitution {
            let m = network.mineralIndex[item.row.mineral]!
            let label = { "substitution flow \(item.row.from) → \(item.row.to)" }
            accounts[m].add(lost: -1, value: item.row.valueUSD.value, tonnes: item.row.tonnes, label: label)
            total.add(lost: -1, value: item.row.valueUSD.value, tonnes: item.row.tonnes, label: label)
        }
        return (network.minerals.indices.map { accounts[$0].row(network.minerals[$0]) }, total.row(nil))
    }

    // MARK: Shocked graph

    private func shockedGraph(
        _ kind: SubstitutionBound, _ state: ShockPropagator, substitutionOut: [Int: Double], substitution: [Substitution],
        pools: (nodes: [Node], flows: [Flow])
    ) -> SupplyGraph {
        var graph = network.graph
        graph.name = "\(graph.name) — scenario \(scenarioID), \(kind.title)"
        graph.description = "The graph after scenario '\(scenarioID)' (\(kind.title)), from the shock propagation "
            + "of METHODS §4.3." + (graph.description.map { " Baseline: \($0)" } ?? "")
        for e in graph.flows.indices where network.flowFrom[e] >= 0 {
            let m = state.multiplier(e)
            guard m != 1 else { continue }
            graph.flows[e].tonnes = graph.flows[e].tonnes.map { $0 * m }
            graph.flows[e].containedTonnes = graph.flows[e].containedTonnes.map { $0 * m }
            graph.flows[e].valueUSD = graph.flows[e].valueUSD.map { $0 * m }
            graph.flows[e].uncertainty = graph.flows[e].uncertainty?.scaled(by: m)
        }
        for n in graph.nodes.indices where network.index.position[graph.nodes[n].id] == n {
            for k in graph.nodes[n].outputs.indices where (graph.nodes[n].outputs[k].year ?? graph.year) == graph.year {
                guard let m = network.mineralIndex[graph.nodes[n].outputs[k].mineral] else { continue }
                let ratio = state.activity[n] * scenario.mineralCut(node: n, mineral: m)
                let output = graph.nodes[n].outputs[k]
                let basis = network.outGroups.group(node: n, mineral: m).map { network.outGroups.unit[$0] }
                    ?? (output.containedTonnes != nil || output.tonnes == nil ? output.containedBasis : .gross)
                graph.nodes[n].outputs[k] = Self.scaled(output, by: ratio, plus: substitutionOut[key(n, m)] ?? 0, basis: basis)
            }
        }
        graph.nodes += pools.nodes
        graph.flows.reserveCapacity(graph.flows.count + pools.flows.count + substitution.count)
        graph.flows += pools.flows
        for item in substitution { graph.flows.append(item.flow) }
        return graph
    }

    /// `output` scaled by `ratio`, plus `extra` tonnes (on `basis`, the basis of the node's
    /// out-flows) at the output's own gross-to-contained ratio and unit value.
    static func scaled(_ output: Output, by ratio: Double, plus extra: Double, basis target: QuantityBasis) -> Output {
        var result = output
        result.tonnes = output.tonnes.map { $0 * ratio }
        result.containedTonnes = output.containedTonnes.map { $0 * ratio }
        result.valueUSD = output.valueUSD.map { $0 * ratio }
        // A range scales with its figure, so the shocked graph's statements hold its values.
        result.uncertainty = output.uncertainty?.scaled(by: ratio)
        guard extra > 0 else { return result }
        guard let basis = output.quantity(on: target), basis > 0 else {
            // No baseline output (a supplier that only has spare): the extra is its whole output.
            if target == .gross {
                result.tonnes = (result.tonnes ?? 0) + extra
            } else if let factor = target.factor(to: output.containedBasis) {
                result.containedTonnes = (result.containedTonnes ?? 0) + extra * factor
            }
            return result
        }
        let grow = extra / basis  // extra as a fraction of the baseline output
        result.uncertainty = output.uncertainty?.scaled(by: ratio + grow)
        result.tonnes = result.tonnes.map { $0 + grow * output.tonnes! }
        result.containedTonnes = result.containedTonnes.map { $0 + grow * output.containedTonnes! }
        result.valueUSD = result.valueUSD.map { $0 + grow * output.valueUSD! }
        return result
    }
}
