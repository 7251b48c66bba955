import MineralGraphCore

/// Result of ``WaterFootprintPass`` (metric W1, METHODS §5).
public struct WaterFootprint: Hashable, Codable, Sendable {
    /// One entry per node, in graph order.
    public var nodes: [NodeWater]
    /// Graph totals per quantity, with the conservation check of §5.4–§5.5.
    public var totals: PerWaterQuantity<WaterTotal>
    /// Direct freshwater withdrawal at nodes whose baseline water stress is at or above
    /// `highStressThreshold` (§5.3: "withdrawal in high-stress basins"), m³.
    public var highStressWithdrawalM3: MetricValue
    /// `highStressWithdrawalM3` ÷ total withdrawal, 0…1.
    public var highStressWithdrawalShare: MetricValue
    /// Direct water per country, sorted by code.
    public var countries: [DirectWater]
    /// Direct water per country group (members' nodes).
    public var groups: [DirectWater]
    /// BWS ratio from which a basin counts as high stress (0.4 = 40 %, Aqueduct "high").
    public var highStressThreshold: Double
    /// How a node's water is shared among its out-flows: "mass" (per tonne of the reference basis).
    public var allocation: String
    public var scheme: CountryGroupingInfo
    public var solver: SolverReport

    public init(
        nodes: [NodeWater], totals: PerWaterQuantity<WaterTotal>, highStressWithdrawalM3: MetricValue,
        highStressWithdrawalShare: MetricValue, countries: [DirectWater], groups: [DirectWater],
        highStressThreshold: Double, allocation: String, scheme: CountryGroupingInfo, solver: SolverReport
    ) {
        self.nodes = nodes
        self.totals = totals
        self.highStressWithdrawalM3 = highStressWithdrawalM3
        self.highStressWithdrawalShare = highStressWithdrawalShare
        self.countries = countries
        self.groups = groups
        self.highStressThreshold = highStressThreshold
        self.allocation = allocation
        self.scheme = scheme
        self.solver = solver
    }
}

/// How a node takes part in the embodied-water accounting (see ``WaterFootprintPass``).
public enum ChainRole: String, Hashable, Codable, Sendable {
    /// Mines, processors, manufacturers and waste destinations with output.
    case producer
    /// Consumer nodes: their inputs are final use; out-flows carry only their own stated use.
    case finalDemand = "final-demand"
    /// No output and no out-flows (a landfill): receives final deliveries, has no direct water.
    case sink
}

/// Direct and embodied water of one node.
public struct NodeWater: Hashable, Codable, Sendable {
    public var nodeID: String
    public var country: CountryCode
    public var stage: Stage
    public var role: ChainRole
    /// `O_n`, tonnes of the node's reference basis.
    public var outputTonnes: MetricValue
    public var outputBasis: TonnageBasis?
    /// Output not passed on to producing nodes (unshipped, or delivered to final demand/sinks).
    public var finalOutputTonnes: MetricValue
    /// AWARE factor used (stated or default), m³ world-eq per m³.
    public var awareFactor: MetricValue
    /// Aqueduct baseline water stress ratio, when stated.
    public var baselineWaterStress: Double?
    /// Whether the node is in a high-stress basin; `nil` when BWS is not stated.
    public var inHighStressBasin: Bool?
    public var water: PerWaterQuantity<WaterAccount>

    public init(
        nodeID: String, country: CountryCode, stage: Stage, role: ChainRole, outputTonnes: MetricValue,
        outputBasis: TonnageBasis?, finalOutputTonnes: MetricValue, awareFactor: MetricValue,
        baselineWaterStress: Double?, inHighStressBasin: Bool?, water: PerWaterQuantity<WaterAccount>
    ) {
        self.nodeID = nodeID
        self.country = country
        self.stage = stage
        self.role = role
        self.outputTonnes = outputTonnes
        self.outputBasis = outputBasis
        self.finalOutputTonnes = finalOutputTonnes
        self.awareFactor = awareFactor
        self.baselineWaterStress = baselineWaterStress
        self.inHighStressBasin = inHighStressBasin
        self.water = water
    }
}

/// One water quantity at one node.
public struct WaterAccount: Hashable, Codable, Sendable {
    /// `w_n`, m³ (or m³ world-eq) per tonne of reference output.
    public var intensityM3PerTonne: MetricValue
    /// `W_n = w_n · O_n`, m³ (or m³ world-eq).
    public var directM3: MetricValue
    /// `W*_n`, cumulative embodied m³ (or m³ world-eq) per tonne of the node's output.
    public var embodiedM3PerTonne: MetricValue

    public init(intensityM3PerTonne: MetricValue, directM3: MetricValue, embodiedM3PerTonne: MetricValue) {
        self.intensityM3PerTonne = intensityM3PerTonne
        self.directM3 = directM3
        self.embodiedM3PerTonne = embodiedM3PerTonne
    }
}

/// Graph total of one water quantity.
public struct WaterTotal: Hashable, Codable, Sendable {
    /// `Σ_n W_n`; unavailable when any node's direct water is.
    public var directM3: MetricValue
    /// Sum over the nodes that have a value (for context when `directM3` is unavailable).
    public var statedDirectM3: Double
    /// Ids of nodes whose direct water is unavailable, in graph order.
    public var nodesMissing: [String]
    /// `Σ_n final_n · W*_n`: the water embodied in final output.
    public var finalOutputEmbodiedM3: MetricValue
    /// `|embodied in final output − direct| / direct` (0 when both are 0): the conservation check
    /// of METHODS §5.4 ("Σ over final outputs of O·W* = Σ W_n"); ~1e-9 or less when it holds.
    public var conservationRelativeError: MetricValue

    public init(
        directM3: MetricValue, statedDirectM3: Double, nodesMissing: [String],
        finalOutputEmbodiedM3: MetricValue, conservationRelativeError: MetricValue
    ) {
        self.directM3 = directM3
        self.statedDirectM3 = statedDirectM3
        self.nodesMissing = nodesMissing
        self.finalOutputEmbodiedM3 = finalOutputEmbodiedM3
        self.conservationRelativeError = conservationRelativeError
    }
}

/// Direct water of a country or group: the sum over its nodes.
public struct DirectWater: Hashable, Codable, Sendable {
    public var party: CountryOrGroup
    public var directM3: PerWaterQuantity<MetricValue>
    /// Withdrawal at the party's nodes in high-stress basins, m³.
    public var highStressWithdrawalM3: MetricValue

    public init(party: CountryOrGroup, directM3: PerWaterQuantity<MetricValue>, highStressWithdrawalM3: MetricValue) {
        self.party = party
        self.directM3 = directM3
        self.highStressWithdrawalM3 = highStressWithdrawalM3
    }
}
