import MineralGraphAnalysis
import MineralGraphCore

extension Report {
    /// W1 and E3 (METHODS §5, §2.3): the JSON key `water`.
    ///
    /// Every water figure comes per quantity: `withdrawal`, `consumption` (m³),
    /// `scarcity_weighted_consumption` (consumption × AWARE where it is consumed, m³ world-eq),
    /// `brine` and `seawater` (m³, not freshwater).
    public struct WaterSection: Codable, Hashable, Sendable {
        /// How a node's water is shared among its out-flows ("mass").
        public var allocation: String
        /// Baseline water stress from which a basin counts as high stress (0.4).
        public var highStressThreshold: Double
        /// How many producing nodes state each intensity.
        public var coverage: WaterCoverage
        /// Graph totals with the conservation check.
        public var totals: PerWaterQuantity<WaterTotalItem>
        /// Withdrawal at nodes in high-stress basins, m³, and its share of all withdrawal.
        public var highStressWithdrawalM3: Metric
        public var highStressWithdrawalShare: Metric
        /// Direct water per country (sorted by code) and group.
        public var countries: [DirectWaterRow]
        public var groups: [DirectWaterRow]
        /// W1 per node, in graph order.
        public var nodes: [NodeWaterRow]
        /// E3: virtual water traded per country and group; `net` = NVW (+ = net importer).
        public var virtualWater: VirtualWaterSection
        public var solver: SolverInfo
    }

    /// Producing nodes (mines, processors, manufacturers, waste destinations with output) and how
    /// many of them state each water figure. Nodes without one have no direct water, and nothing
    /// downstream of them has embodied water.
    public struct WaterCoverage: Codable, Hashable, Sendable {
        public var producingNodes: Int
        public var intensities: PerWaterQuantity<CoverageItem>
        public var awareFactor: CoverageItem
    }

    public struct CoverageItem: Codable, Hashable, Sendable {
        public var stated: Int
        /// Ids of producing nodes without the figure, in graph order.
        public var missing: [String]
    }

    public struct WaterTotalItem: Codable, Hashable, Sendable {
        /// Σ_n W_n; unavailable when any node's direct water is.
        public var directM3: Metric
        /// Σ over the nodes that state their water (context only when `direct_m3` is null).
        public var statedDirectM3: Double
        /// Nodes without direct water.
        public var nodesMissing: [String]
        /// Water embodied in final output; equals `direct_m3` when the accounting closes.
        public var finalOutputEmbodiedM3: Metric
        public var conservationRelativeError: Metric
    }

    public struct DirectWaterRow: Codable, Hashable, Sendable {
        public var party: CountryOrGroup
        public var directM3: PerWaterQuantity<Metric>
        public var highStressWithdrawalM3: Metric
    }

    public struct NodeWaterRow: Codable, Hashable, Sendable {
        public var node: String
        public var name: String
        public var country: CountryCode
        public var stage: Stage
        /// `producer`, `final-demand` or `sink`.
        public var role: String
        /// O_n in the node's basis.
        public var outputTonnes: Metric
        /// `contained` or `gross`; `null` when it cannot be determined.
        public var outputBasis: String?
        public var awareFactor: Metric
        public var baselineWaterStress: Double?
        public var inHighStressBasin: Bool?
        public var water: PerWaterQuantity<WaterAccountItem>

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(node, forKey: .node)
            try c.encode(name, forKey: .name)
            try c.encode(country, forKey: .country)
            try c.encode(stage, forKey: .stage)
            try c.encode(role, forKey: .role)
            try c.encode(outputTonnes, forKey: .outputTonnes)
            try c.encode(outputBasis, forKey: .outputBasis)
            try c.encode(awareFactor, forKey: .awareFactor)
            try c.encode(baselineWaterStress, forKey: .baselineWaterStress)
            try c.encode(inHighStressBasin, forKey: .inHighStressBasin)
            try c.encode(water, forKey: .water)
        }
    }

    public struct WaterAccountItem: Codable, Hashable, Sendable {
        /// w_n, m³ per tonne of output.
        public var intensityM3PerT: Metric
        /// W_n = w_n · O_n, m³.
        public var directM3: Metric
        /// W*_n, cumulative m³ per tonne of output.
        public var embodiedM3PerT: Metric
    }

    public struct VirtualWaterSection: Codable, Hashable, Sendable {
        public var countries: [VirtualWaterRow]
        public var groups: [VirtualWaterRow]
    }

    public struct VirtualWaterRow: Codable, Hashable, Sendable {
        public var party: CountryOrGroup
        public var exportFlows: Int
        public var importFlows: Int
        public var waterM3: PerWaterQuantity<Flows>
    }
}
