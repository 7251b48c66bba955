import MineralGraphCore

/// Origin exposure per consuming or importing country and mineral (METHODS §4.2, metric S1): the
/// share of the country's supply that traces back to each mining country and to each processing
/// country through the chain ("Germany's cobalt: 71 % mined in DR Congo, 64 % refined in China"),
/// and the origin-traced import HHI.
///
/// A country's supply of a mineral is what its nodes at the most downstream stage where it
/// receives the mineral receive (tool convention: a German refinery's output feeding German cell
/// plants is counted once, in the plants); waste destinations are not supply. For those nodes,
/// with in-flow `I_n` and exposure `exp_n(s)` to origin `s` (``ExposurePass``):
/// ```
/// exp_c(origin country o) = Σ_n I_n · Σ_{s in o} exp_n(s) / Σ_n I_n
/// HHI_origin(c)           = 10,000 · Σ_o exp_c(o)²          (mining origins)
/// ```
/// Shares that no origin feeds (material circulating in loops) stay untraced and are reported.
/// Edge cases: a node whose exposure is unavailable makes the country's row unavailable with its
/// reason; several nodes whose in-flows are on different bases cannot be weighted
/// (`MIXED_BASES`). Units: shares 0…1, HHI 0–10,000.
///
/// Sources: METHODS §1.5 (origin-traced HHI), §4.2 (linear origin tracing).
public struct CountryExposurePass: Sendable {
    public var solver: LinearSolverOptions

    public init(solver: LinearSolverOptions = .default) {
        self.solver = solver
    }

    public func run(on graph: SupplyGraph) -> [CountryExposureRow] {
        run(on: GraphDerivations(graph))
    }

    /// The rows of `derived`'s graph, whose two tracings share the in-flows it keeps.
    public func run(on derived: GraphDerivations) -> [CountryExposureRow] {
        let graph = derived.graph
        let mined = ExposurePass(solver: solver, resolution: .countries).run(on: derived)
        let refined = ExposurePass(solver: solver, originStage: .processing, resolution: .countries).run(on: derived)
        let index = derived.index
        func country(_ id: String) -> CountryCode? { index.position[id].map { graph.nodes[$0].country } }
        var rows: [CountryExposureRow] = []
        for traced in mined.minerals {
            let byNode = Dictionary(traced.nodes.map { ($0.nodeID, $0) }, uniquingKeysWith: { a, _ in a })
            let refinedByNode = Dictionary(
                (refined.mineral(traced.mineral)?.nodes ?? []).map { ($0.nodeID, $0) }, uniquingKeysWith: { a, _ in a })
            // Nodes receiving the mineral across a border.
            var importers = Set<String>()
            for i in graph.flows.indices where graph.flows[i].mineral == traced.mineral {
                let crosses = index.endpoints[i].map { graph.nodes[$0.from].country != graph.nodes[$0.to].country }
                    ?? (country(graph.flows[i].from) != country(graph.flows[i].to))
                if crosses { importers.insert(graph.flows[i].to) }
            }
            // Receiving nodes (not origins, not waste) by country.
            var receivers: [CountryCode: [NodeExposure]] = [:]
            for node in traced.nodes where !node.isSource && node.stage != .waste {
                receivers[node.country, default: []].append(node)
            }
            for country in receivers.keys.sorted() {
                let nodes = receivers[country]!
                let stage = nodes.map(\.stage).max { $0.order < $1.order }!
                let supply = nodes.filter { $0.stage == stage }
                // Only countries that import: some supplying flow crosses the border.
                guard supply.contains(where: { importers.contains($0.nodeID) }) else { continue }
                rows.append(row(country, traced.mineral, stage, supply, mined: byNode, refined: refinedByNode))
            }
        }
        return rows
    }

    private func row(
        _ country: CountryCode, _ mineral: MineralID, _ stage: Stage, _ nodes: [NodeExposure],
        mined: [String: NodeExposure], refined: [String: NodeExposure]
    ) -> CountryExposureRow {
        var result = CountryExposureRow(
            country: country, mineral: mineral, stage: stage, nodes: nodes.map(\.nodeID).sorted(), minedIn: [], refinedIn: [],
            untracedMined: nil, originHHI: nil, unavailable: nil)
        func aggregate(_ table: [String: NodeExposure]) -> Result<(shares: [CountryExposure], untraced: Double), Unavailable> {
            var weighted: [CountryCode: Double] = [:]
            var total = 0.0, untraced = 0.0
            for node in nodes {
                guard let exposure = table[node.nodeID] else { continue }
                if let reason = exposure.untracedShare.unavailable ?? exposure.inflowTonnes.unavailable { return .failure(reason) }
                let weight = exposure.inflowTonnes.value ?? 0
                total += weight
                untraced += weight * (exposure.untracedShare.value ?? 0)
                for share in exposure.byCountry { weighted[share.country, default: 0] += weight * share.share }
            }
            guard total > 0 else { return .failure(Unavailable(ReasonCode.noSupply, "\(country) receives no \(mineral) at the \(stage.rawValue) stage")) }
            let shares = weighted.map { CountryExposure(country: $0.key, share: $0.value / total) }
                .sorted { ($1.share, $0.country) < ($0.share, $1.country) }
            return .success((shares, untraced / total))
        }
        if nodes.count > 1, Set(nodes.map { mined[$0.nodeID]?.inflowBasis }).count > 1 {
            result.unavailable = Unavailable(
                ReasonCode.mixedBases, "\(country)'s \(stage.rawValue) nodes receive \(mineral) on different bases: their supplies cannot be weighted together")
            return result
        }
        switch aggregate(mined) {
        case .success(let (shares, untraced)):
            result.minedIn = shares
            result.untracedMined = untraced
            result.originHHI = 10_000 * shares.reduce(0) { $0 + $1.share * $1.share }
        case .failure(let reason):
            result.unavailable = reason
        }
        if case .success(let (shares, _)) = aggregate(refined) { result.refinedIn = shares }
        return result
    }
}

/// Where one country's supply of one mineral comes from.
public struct CountryExposureRow: Hashable, Codable, Sendable {
    public var country: CountryCode
    public var mineral: MineralID
    /// The stage of the country's supplied nodes (manufacturing for a cell maker).
    public var stage: Stage
    public var nodes: [String]
    /// Share traced to each mining country (0…1), largest first.
    public var minedIn: [CountryExposure]
    /// Share that passed through each processing country, largest first; empty when no
    /// processing stage lies upstream.
    public var refinedIn: [CountryExposure]
    /// Supply no mining origin feeds (loops), 0…1.
    public var untracedMined: Double?
    /// 10,000 · Σ (mined-in share)², the origin-traced import HHI.
    public var originHHI: Double?
    public var unavailable: Unavailable?
}
