import MineralGraphCore

/// Result of ``ValueAddedPass`` (V1).
public struct ValueAdded: Hashable, Codable, Sendable {
    /// Producing nodes (all but consumers), in graph order.
    public var nodes: [NodeValueAdded]
    /// Σ VA over producing nodes.
    public var totalValueAddedUSD: MetricValue
    /// Unshipped output of producers + deliveries to consumers − consumers' sales back. Equals
    /// `totalValueAddedUSD + otherInputsUSD` (METHODS §3.1 consistency check).
    public var finalOutputValueUSD: MetricValue
    /// Σ of the `other_inputs_usd` the graph states.
    public var otherInputsUSD: Double
    /// Σ VA and share per stage present.
    public var byStage: [StageValueAdded]
    public var countries: [PartyValueAdded]
    public var groups: [PartyValueAdded]
    /// Consumer nodes, treated as final demand.
    public var finalDemandNodes: [String]
    /// USD price year (the graph's `price_year`, else its year).
    public var priceYear: Int
    public var scheme: CountryGroupingInfo

    public init(
        nodes: [NodeValueAdded], totalValueAddedUSD: MetricValue, finalOutputValueUSD: MetricValue,
        otherInputsUSD: Double, byStage: [StageValueAdded], countries: [PartyValueAdded], groups: [PartyValueAdded],
        finalDemandNodes: [String], priceYear: Int, scheme: CountryGroupingInfo
    ) {
        self.nodes = nodes
        self.totalValueAddedUSD = totalValueAddedUSD
        self.finalOutputValueUSD = finalOutputValueUSD
        self.otherInputsUSD = otherInputsUSD
        self.byStage = byStage
        self.countries = countries
        self.groups = groups
        self.finalDemandNodes = finalDemandNodes
        self.priceYear = priceYear
        self.scheme = scheme
    }
}

/// V1 for one node.
public struct NodeValueAdded: Hashable, Codable, Sendable {
    public var nodeID: String
    public var country: CountryCode
    public var stage: Stage
    /// Σ out-flow values (all types; waste may be negative).
    public var shippedValueUSD: MetricValue
    /// Value of output not shipped on edges.
    public var unshippedValueUSD: MetricValue
    /// Σ in-flow values.
    public var materialInputsUSD: MetricValue
    /// `other_inputs_usd` when the graph gives it.
    public var otherInputsUSD: Double?
    /// VA(n): gross margin over materials (net of other inputs where given).
    public var grossMarginOverMaterialsUSD: MetricValue
    /// VA(n) / Σ VA, 0…1.
    public var share: MetricValue
    /// VA < 0 (valid: loss-making stage, transfer pricing; not clamped).
    public var negative: Bool
    /// The declared output value is more than 1 % below the value the node ships.
    public var outputValueBelowShipped: Bool

    public init(
        nodeID: String, country: CountryCode, stage: Stage, shippedValueUSD: MetricValue, unshippedValueUSD: MetricValue,
        materialInputsUSD: MetricValue, otherInputsUSD: Double?, grossMarginOverMaterialsUSD: MetricValue,
        share: MetricValue, negative: Bool, outputValueBelowShipped: Bool
    ) {
        self.nodeID = nodeID
        self.country = country
        self.stage = stage
        self.shippedValueUSD = shippedValueUSD
        self.unshippedValueUSD = unshippedValueUSD
        self.materialInputsUSD = materialInputsUSD
        self.otherInputsUSD = otherInputsUSD
        self.grossMarginOverMaterialsUSD = grossMarginOverMaterialsUSD
        self.share = share
        self.negative = negative
        self.outputValueBelowShipped = outputValueBelowShipped
    }
}

/// Σ VA of the nodes of one stage and its share of the chain total.
public struct StageValueAdded: Hashable, Codable, Sendable {
    public var stage: Stage
    public var valueAddedUSD: MetricValue
    public var share: MetricValue

    public init(stage: Stage, valueAddedUSD: MetricValue, share: MetricValue) {
        self.stage = stage
        self.valueAddedUSD = valueAddedUSD
        self.share = share
    }
}

/// Σ VA of a country's or group's nodes, its chain share and its split by stage.
public struct PartyValueAdded: Hashable, Codable, Sendable {
    public var party: CountryOrGroup
    public var nodeCount: Int
    public var valueAddedUSD: MetricValue
    /// VA_share_g = Σ_{n in g} VA(n) / Σ_n VA(n).
    public var share: MetricValue
    /// The party's VA per stage, with shares of the chain total.
    public var byStage: [StageValueAdded]

    public init(party: CountryOrGroup, nodeCount: Int, valueAddedUSD: MetricValue, share: MetricValue, byStage: [StageValueAdded]) {
        self.party = party
        self.nodeCount = nodeCount
        self.valueAddedUSD = valueAddedUSD
        self.share = share
        self.byStage = byStage
    }
}
