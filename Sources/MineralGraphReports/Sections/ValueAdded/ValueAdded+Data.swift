import MineralGraphAnalysis
import MineralGraphCore

extension Report {
    /// V1–V3 (METHODS §3): the JSON key `value_added`.
    ///
    /// Value added is the gross margin over materials: what a node sells (shipped and unshipped
    /// output) less what it buys on the graph's edges, an upper bound because energy, reagents
    /// and services are not edges (§3.1).
    public struct ValueAddedSection: Codable, Hashable, Sendable {
        /// Year of the USD values.
        public var priceYear: Int
        /// Σ VA over producing nodes (all but consumers).
        public var totalUsd: Metric
        /// Unshipped output plus deliveries to final demand; equals `total_usd + other_inputs_usd`
        /// when the chain is closed (§3.1 consistency check).
        public var finalOutputUsd: Metric
        /// Σ of the `other_inputs_usd` the graph states (subtracted from VA).
        public var otherInputsUsd: Double
        /// V1 per stage.
        public var byStage: [StageValue]
        /// V1 per country (sorted by code).
        public var countries: [PartyValue]
        /// V1 per group.
        public var groups: [PartyValue]
        /// V1 per producing node, in graph order.
        public var nodes: [NodeValue]
        /// Consumer nodes: final demand, no VA.
        public var finalDemandNodes: [String]
        /// Value added over the upstream stages whose every node has a value, for when the
        /// whole chain cannot be measured.
        public var measured: MeasuredValueAdded
        /// V2 per mineral extracted in the graph.
        public var valueCapture: [MineralValueCaptureRow]
        /// V3 per mineral.
        public var unitValues: [MineralUnitValueRow]
    }

    /// VA of a stage (or of a party at a stage) and its share of the chain total.
    public struct StageValue: Codable, Hashable, Sendable {
        public var stage: Stage
        public var valueAddedUsd: Metric
        /// Share of the whole chain's VA, 0…1.
        public var share: Metric
    }

    /// V1 of a country or group.
    public struct PartyValue: Codable, Hashable, Sendable {
        public var party: CountryOrGroup
        public var nodeCount: Int
        public var valueAddedUsd: Metric
        /// VA_share_g, 0…1.
        public var share: Metric
        public var byStage: [StageValue]
    }

    /// V1 of one node.
    public struct NodeValue: Codable, Hashable, Sendable {
        public var node: String
        public var name: String
        public var country: CountryCode
        public var stage: Stage
        /// Σ out-flow values (waste may be negative).
        public var shippedUsd: Metric
        /// Value of output not shipped on edges.
        public var unshippedUsd: Metric
        /// Σ in-flow values.
        public var materialInputsUsd: Metric
        /// `other_inputs_usd` when the graph gives it.
        public var otherInputsUsd: Double?
        /// VA(n), gross margin over materials.
        public var valueAddedUsd: Metric
        public var share: Metric
        /// VA < 0 (valid, never clamped).
        public var negative: Bool
        /// The declared output value is more than 1 % below what the node ships.
        public var outputValueBelowShipped: Bool

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(node, forKey: .node)
            try c.encode(name, forKey: .name)
            try c.encode(country, forKey: .country)
            try c.encode(stage, forKey: .stage)
            try c.encode(shippedUsd, forKey: .shippedUsd)
            try c.encode(unshippedUsd, forKey: .unshippedUsd)
            try c.encode(materialInputsUsd, forKey: .materialInputsUsd)
            try c.encode(otherInputsUsd, forKey: .otherInputsUsd)
            try c.encode(valueAddedUsd, forKey: .valueAddedUsd)
            try c.encode(share, forKey: .share)
            try c.encode(negative, forKey: .negative)
            try c.encode(outputValueBelowShipped, forKey: .outputValueBelowShipped)
        }
    }

    /// Value added over the longest run of stages, in chain order (mining → processing →
    /// manufacturing → waste), at which every node's VA is known. When the whole chain is
    /// known, `complete` is true and the shares equal the chain shares.
    public struct MeasuredValueAdded: Codable, Hashable, Sendable {
        public var stages: [Stage]
        /// The stages left out and why (the first one's reason stops the run).
        public var excluded: [ExcludedStage]
        public var complete: Bool
        /// Σ VA over `stages`; unavailable when `stages` is empty.
        public var totalUsd: Metric
        public var countries: [PartyShare]
        public var groups: [PartyShare]
    }

    public struct ExcludedStage: Codable, Hashable, Sendable {
        public var stage: Stage
        public var unavailable: Unavailable
    }

    /// A party's VA over the measured stages and its share of their total.
    public struct PartyShare: Codable, Hashable, Sendable {
        public var party: CountryOrGroup
        public var valueAddedUsd: Metric
        public var share: Metric
    }

    /// V2 for one mineral: value share against the share of extraction (`stage`).
    public struct MineralValueCaptureRow: Codable, Hashable, Sendable {
        public var mineral: MineralID
        /// "t Co", "t LCE" …
        public var basis: String
        /// Stage of the physical share (mining).
        public var stage: Stage
        public var producingNodes: [String]
        public var stageContainedTonnes: Metric
        public var countries: [ValueCaptureItem]
        public var groups: [ValueCaptureItem]
    }

    /// V2 of one country or group.
    public struct ValueCaptureItem: Codable, Hashable, Sendable {
        public var party: CountryOrGroup
        /// Contained tonnes the party produces at the stage.
        public var containedTonnes: Metric
        /// phys_share_g, 0…1.
        public var physicalShare: Metric
        /// VA_share_g of the whole chain, 0…1.
        public var valueShare: Metric
        /// VCR = value_share / physical_share (1 = value in proportion to extraction).
        public var valueCaptureRatio: Metric
        /// value_share − physical_share (−0.83 = −83 percentage points).
        public var gap: Metric
        /// The same three over the measured stages (``MeasuredValueAdded``).
        public var measuredValueShare: Metric
        public var measuredValueCaptureRatio: Metric
        public var measuredGap: Metric
    }

    /// V3 for one mineral.
    public struct MineralUnitValueRow: Codable, Hashable, Sendable {
        public var mineral: MineralID
        public var basis: String
        public var stages: [StageUnitValueItem]
        /// Each stage to the next one present.
        public var ratios: [UnitValueRatioItem]
    }

    public struct StageUnitValueItem: Codable, Hashable, Sendable {
        public var stage: Stage
        public var nodes: [String]
        public var valueUsd: Metric
        public var containedTonnes: Metric
        /// UV_k, USD per contained tonne.
        public var unitValueUsdPerT: Metric
    }

    public struct UnitValueRatioItem: Codable, Hashable, Sendable {
        public var from: Stage
        public var to: Stage
        /// UVR = UV_to / UV_from.
        public var ratio: Metric
        /// Payable = UV_from / UV_to.
        public var payableShare: Metric
    }
}
