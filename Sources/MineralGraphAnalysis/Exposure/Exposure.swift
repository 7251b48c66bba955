import MineralGraphCore

/// Result of ``ExposurePass`` (S1).
public struct Exposure: Hashable, Codable, Sendable {
    /// One entry per traced mineral, sorted.
    public var minerals: [MineralExposure]
    public var solver: SolverReport

    public init(minerals: [MineralExposure], solver: SolverReport) {
        self.minerals = minerals
        self.solver = solver
    }

    public func mineral(_ mineral: MineralID) -> MineralExposure? { minerals.first { $0.mineral == mineral } }
}

/// Origin tracing of one mineral.
public struct MineralExposure: Hashable, Codable, Sendable {
    public var mineral: MineralID
    /// Source node ids, in graph order.
    public var sources: [String]
    /// Sources and every node receiving the mineral, in graph order.
    public var nodes: [NodeExposure]

    public init(mineral: MineralID, sources: [String], nodes: [NodeExposure]) {
        self.mineral = mineral
        self.sources = sources
        self.nodes = nodes
    }

    public func node(_ id: String) -> NodeExposure? { nodes.first { $0.nodeID == id } }
}

/// Where one node's supply of a mineral comes from.
public struct NodeExposure: Hashable, Codable, Sendable {
    public var nodeID: String
    public var country: CountryCode
    public var stage: Stage
    public var isSource: Bool
    /// I_n, tonnes received (0 for sources without in-flows).
    public var inflowTonnes: MetricValue
    /// The basis of `inflowTonnes`: contained (converted to one basis) when every in-flow states
    /// it, else gross; `nil` for sources and unavailable supplies.
    public var inflowBasis: QuantityBasis?
    /// exp_n(s) for every source with a non-zero share, sorted by source id; empty when unavailable.
    public var bySource: [SourceExposure]
    /// exp_n(c) per source country, sorted by code.
    public var byCountry: [CountryExposure]
    /// 1 − Σ_s exp_n(s): material circulating in loops no source feeds; the reason when the
    /// node's exposure is unavailable.
    public var untracedShare: MetricValue

    public init(
        nodeID: String, country: CountryCode, stage: Stage, isSource: Bool, inflowTonnes: MetricValue,
        inflowBasis: QuantityBasis? = nil, bySource: [SourceExposure], byCountry: [CountryExposure], untracedShare: MetricValue
    ) {
        self.nodeID = nodeID
        self.country = country
        self.stage = stage
        self.isSource = isSource
        self.inflowTonnes = inflowTonnes
        self.inflowBasis = inflowBasis
        self.bySource = bySource
        self.byCountry = byCountry
        self.untracedShare = untracedShare
    }

    /// exp_n(s), 0 when s does not reach n; `nil` when the node's exposure is unavailable.
    public func share(from source: String) -> Double? {
        guard untracedShare.value != nil else { return nil }
        return bySource.first { $0.sourceID == source }?.share ?? 0
    }

    /// exp_n(c); `nil` when unavailable.
    public func share(fromCountry country: CountryCode) -> Double? {
        guard untracedShare.value != nil else { return nil }
        return byCountry.first { $0.country == country }?.share ?? 0
    }
}

/// exp_n(s) for one source.
public struct SourceExposure: Hashable, Codable, Sendable {
    public var sourceID: String
    public var country: CountryCode
    /// 0…1.
    public var share: Double

    public init(sourceID: String, country: CountryCode, share: Double) {
        self.sourceID = sourceID
        self.country = country
        self.share = share
    }
}

/// exp_n(c) for one source country.
public struct CountryExposure: Hashable, Codable, Sendable {
    public var country: CountryCode
    /// 0…1.
    public var share: Double

    public init(country: CountryCode, share: Double) {
        self.country = country
        self.share = share
    }
}
