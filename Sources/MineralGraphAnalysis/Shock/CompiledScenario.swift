import MineralGraphCore

/// A scenario checked against a graph and turned into per-node and per-flow factors.
struct CompiledScenario: Sendable {
    /// Banned volume of one exporter and mineral, offered to its domestic customers.
    struct Divert: Sendable {
        var banned: [Int]
        /// Out-flows of the same mineral to nodes in the exporter's country.
        var domestic: [Int]
        /// Σ of their weights (the exporter's out-flow basis).
        var domesticTonnes: Double
    }

    /// Spare capacity of one node for one mineral.
    struct Spare: Sendable {
        var node: Int
        var mineral: Int
        var tonnes: Double
    }

    /// Π (1 − δ) of the cuts of every mineral at each node.
    var cutAll: [Double]
    /// Π (1 − δ) of the cuts naming a mineral, keyed by `node · mineralCount + mineral`.
    var cutByMineral: [Int: Double]
    /// The mineral cut factor of each flow's source for the flow's mineral.
    var flowCut: [Double]
    var banned: [Bool]
    /// Divert entries; `divertOfGroup[g]` indexes them for out-group `g` (-1 for none).
    var diverts: [Divert]
    var divertOfGroup: [Int]
    /// In-groups that can receive diverted volume.
    var receivesDiverted: [Bool]
    /// Sorted by node id, then mineral.
    var spares: [Spare]
    var bans: [ExportBan]
    var warnings: [String]
    let mineralCount: Int

    func mineralCut(node n: Int, mineral m: Int) -> Double {
        cutByMineral.isEmpty ? 1 : cutByMineral[n * mineralCount + m] ?? 1
    }

    /// Whether a ban of the scenario stops mineral `m` from a node of `country` at `stage` to a
    /// node in `destination`.
    func isBlocked(mineral m: MineralID, from country: CountryCode, stage: Stage, to destination: CountryCode) -> Bool {
        bans.contains { $0.blocks(mineral: m, from: country, stage: stage, to: destination) }
    }

    // MARK: Compiling and validating

    /// Checks `scenario` against the network and compiles it, in the order of METHODS §4.3:
    /// the shocks (cuts, bans, added capacity), the spare-capacity entries, the per-flow cut
    /// factors, then the diverted volume of `divert_domestic` bans.
    init(_ scenario: Scenario, network: ShockNetwork) throws(ShockScenarioError) {
        mineralCount = network.minerals.count
        cutAll = [Double](repeating: 1, count: network.nodeCount)
        cutByMineral = [:]
        banned = [Bool](repeating: false, count: network.flowCount)
        bans = []
        warnings = []
        diverts = []
        divertOfGroup = [Int](repeating: -1, count: network.outGroups.count)
        receivesDiverted = [Bool](repeating: false, count: network.inGroups.count)
        spares = []
        flowCut = []
        var pending = Pending(divertBanned: banned)
        for (i, shock) in scenario.shocks.enumerated() {
            try apply(shock, index: i, network: network, pending: &pending)
        }
        for (i, entry) in scenario.spareCapacity.enumerated() {
            try addSpare(entry, index: i, network: network, pending: &pending)
        }
        collectSpares(pending.spareTonnes, network: network)
        computeFlowCuts(network)
        collectDiverts(network, divertBanned: pending.divertBanned)
    }

    /// What the shocks and spare entries accumulate before the compiled tables are built.
    private struct Pending {
        /// Flows banned in `divert_domestic` mode.
        var divertBanned: [Bool]
        /// Spare tonnes keyed by `node · mineralCount + mineral`.
        var spareTonnes: [Int: Double] = [:]
        /// `add_capacity` tonnes, same keys: they raise the capacity that caps spare entries.
        var addedCapacity: [Int: Double] = [:]
    }

    /// One shock (scenario item `i`): a cut, an export ban or added capacity.
    private mutating func apply(
        _ shock: Shock, index i: Int, network: ShockNetwork, pending: inout Pending
    ) throws(ShockScenarioError) {
        func fail(_ message: String) -> ShockScenarioError {
            ShockScenarioError(.shock, index: i, "\(shock.keyword) — \(message)")
        }
        switch shock {
        case .cut(let cut):
            guard cut.fraction.isFinite, (0...1).contains(cut.fraction) else {
                throw fail("fraction \(NumberFormatting.plain(cut.fraction)) is outside 0…1")
            }
            let mineral = try Self.mineral(cut.mineral, in: network, fail)
            let nodes = try Self.select(cut.nodes, in: network, fail)
            if let mineral, !nodes.contains(where: { network.outGroups.group(node: $0, mineral: mineral) != nil }) {
                warnings.append("shock \(i + 1) (\(shock)): no selected node ships \(network.minerals[mineral])")
            }
            for n in nodes {
                if let mineral {
                    cutByMineral[n * mineralCount + mineral, default: 1] *= 1 - cut.fraction
                } else {
                    cutAll[n] *= 1 - cut.fraction
                }
            }
        case .exportBan(let ban):
            if try applyBan(ban, network: network, pending: &pending, fail) == 0 {
                warnings.append("shock \(i + 1) (\(shock)) blocks no flow of the graph")
            }
        case .addCapacity(let addition):
            guard addition.tonnes.isFinite, addition.tonnes >= 0 else {
                throw fail("tonnes \(NumberFormatting.plain(addition.tonnes)) must be zero or more")
            }
            let mineral = try Self.mineral(addition.mineral, in: network, fail)
            for n in try Self.select(addition.nodes, in: network, fail) {
                guard let m = mineral ?? network.referenceMineral(node: n) else {
                    throw fail("\(network.label(node: n)) lists no output; name the mineral")
                }
                pending.addedCapacity[n * mineralCount + m, default: 0] += addition.tonnes
                pending.spareTonnes[n * mineralCount + m, default: 0] += addition.tonnes
            }
        }
    }
    /// An export ban: checks its countries and mineral, marks the flows it blocks (and those
    /// whose volume is diverted) and returns how many it blocks.
    private mutating func applyBan(
        _ ban: ExportBan, network: ShockNetwork, pending: inout Pending, _ fail: (String) -> ShockScenarioError
    ) throws(ShockScenarioError) -> Int {
        try Self.checkCountry(ban.country, fail)
        guard network.graph.nodes.contains(where: { $0.country == ban.country }) else {
            throw fail("no node of the graph is in \(ban.country)")
        }
        for destination in ban.destinations ?? [] { try Self.checkCountry(destination, fail) }
        _ = try Self.mineral(ban.mineral, in: network, fail)
        bans.append(ban)
        var blocked = 0
        for e in 0..<network.flowCount where network.flowFrom[e] >= 0 && !banned[e] {
            let from = network.flowFrom[e]
            // Cheap test first: most flows do not leave the banned country.
            guard network.nodeCountry[from] == ban.country,
                ban.blocks(
                    mineral: network.minerals[network.flowMineral[e]], from: ban.country,
                    stage: network.nodeStage[from], to: network.nodeCountry[network.flowTo[e]])
            else { continue }
            banned[e] = true
            pending.divertBanned[e] = ban.mode == .divertDomestic
            blocked += 1
        }
        return blocked
    }

    /// One spare-capacity entry (scenario item `i`): its tonnes at each selected node, capped at
    /// a declared capacity (plus added capacity) unless the entry asks for the declared spare.
    private mutating func addSpare(
        _ entry: SpareCapacity, index i: Int, network: ShockNetwork, pending: inout Pending
    ) throws(ShockScenarioError) {
        func fail(_ message: String) -> ShockScenarioError { ShockScenarioError(.spare, index: i, message) }
        switch entry.amount {
        case .fractionOfOutput(let share):
            guard share.isFinite, share >= 0 else {
                throw fail("fraction of output \(NumberFormatting.plain(share)) must be zero or more")
            }
        case .tonnes(let tonnes):
            guard tonnes.isFinite, tonnes >= 0 else {
                throw fail("tonnes \(NumberFormatting.plain(tonnes)) must be zero or more")
            }
        case .declaredCapacity: break
        }
        let mineral = try Self.mineral(entry.mineral, in: network, fail)
        for n in try Self.select(entry.nodes, in: network, fail) {
            guard let m = mineral ?? network.referenceMineral(node: n) else {
                throw fail("\(network.label(node: n)) lists no output; name the mineral")
            }
            let key = n * mineralCount + m
            let output = network.baselineOutput(node: n, mineral: m)
            // Capacity refers to the node's reference output.
            let capacity = network.referenceMineral(node: n) == m ? network.graph.nodes[n].capacityTonnes : nil
            var tonnes: Double
            switch entry.amount {
            case .fractionOfOutput(let share): tonnes = share * output
            case .tonnes(let amount): tonnes = amount
            case .declaredCapacity:
                guard let capacity else {
                    warnings.append("spare \(i + 1): \(network.label(node: n)) declares no capacity; it has no spare")
                    continue
                }
                tonnes = max(0, capacity - output)
            }
            if case .declaredCapacity = entry.amount {} else if let capacity {
                let headroom = max(0, capacity + (pending.addedCapacity[key] ?? 0) - output)
                if tonnes > headroom {
                    warnings.append(
                        "spare \(i + 1): \(network.label(node: n)) has \(NumberFormatting.compact(tonnes)) t spare "
                            + "but only \(NumberFormatting.compact(headroom)) t below its capacity; capped")
                    tonnes = headroom
                }
            }
            pending.spareTonnes[key, default: 0] += tonnes
        }
    }

    /// The positive spare tonnes, sorted by node id, then mineral.
    private mutating func collectSpares(_ spareTonnes: [Int: Double], network: ShockNetwork) {
        let mineralCount = self.mineralCount, nodes = network.graph.nodes
        spares = spareTonnes.compactMap { key, tonnes in
            tonnes > 0 ? Spare(node: key / mineralCount, mineral: key % mineralCount, tonnes: tonnes) : nil
        }
        .sorted { (nodes[$0.node].id, $0.mineral) < (nodes[$1.node].id, $1.mineral) }
    }

    /// The mineral cut factor of each flow's source for the flow's mineral.
    private mutating func computeFlowCuts(_ network: ShockNetwork) {
        let cutByMineral = self.cutByMineral, mineralCount = self.mineralCount
        flowCut = (0..<network.flowCount).map { e in
            let from = network.flowFrom[e]
            return from < 0 || cutByMineral.isEmpty ? 1 : cutByMineral[from * mineralCount + network.flowMineral[e]] ?? 1
        }
    }

    /// Divert: the banned volume of each exporter and mineral goes to its domestic customers.
    private mutating func collectDiverts(_ network: ShockNetwork, divertBanned: [Bool]) {
        let outGroups = network.outGroups
        for g in 0..<outGroups.count {
            let members = outGroups.members(g)
            let divertedFlows = members.filter { divertBanned[$0] }
            guard !divertedFlows.isEmpty else { continue }
            let exporter = network.nodeCountry[outGroups.node[g]]
            let domestic = members.filter { network.nodeCountry[network.flowTo[$0]] == exporter && !banned[$0] }
            divertOfGroup[g] = diverts.count
            diverts.append(Divert(
                banned: divertedFlows, domestic: domestic,
                domesticTonnes: domestic.reduce(0) { $0 + outGroups.weight[$1] }))
            for e in domestic { receivesDiverted[network.inGroups.groupOfFlow[e]] = true }
        }
    }

    /// The nodes every condition selects (first node of each id); an error when none is.
    private static func select(
        _ conditions: [NodeCondition], in network: ShockNetwork, _ fail: (String) -> ShockScenarioError
    ) throws(ShockScenarioError) -> [Int] {
        let nodes = network.graph.nodes.indices.filter { n in
            network.index.position[network.graph.nodes[n].id] == n
                && conditions.allSatisfy { $0.matches(network.graph.nodes[n]) }
        }
        guard !nodes.isEmpty else {
            throw fail("the selector \(conditions.map(\.description).joined(separator: ",")) matches no node")
        }
        return nodes
    }

    private static func mineral(
        _ mineral: MineralID?, in network: ShockNetwork, _ fail: (String) -> ShockScenarioError
    ) throws(ShockScenarioError) -> Int? {
        guard let mineral else { return nil }
        guard let m = network.mineralIndex[mineral] else {
            let known = network.minerals.map(\.rawValue).joined(separator: ", ")
            throw fail("the graph has no mineral '\(mineral)' (it has \(known.isEmpty ? "none" : known))")
        }
        return m
    }

    private static func checkCountry(_ code: CountryCode, _ fail: (String) -> ShockScenarioError) throws(ShockScenarioError) {
        guard CountryTable.country(code) == nil else { return }
        let hints = CountryTable.suggestions(for: code.rawValue).map(\.code.rawValue)
        throw fail("unknown country code '\(code)'" + (hints.isEmpty ? "" : "; did you mean \(hints.joined(separator: ", "))?"))
    }
}
