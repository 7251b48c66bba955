import MineralGraphCore

/// Result of ``StageUnitValuePass`` (V3).
public struct StageUnitValues: Hashable, Codable, Sendable {
    /// Minerals with production at the compared stages, sorted.
    public var minerals: [MineralStageUnitValues]
    public var priceYear: Int

    public init(minerals: [MineralStageUnitValues], priceYear: Int) {
        self.minerals = minerals
        self.priceYear = priceYear
    }
}

/// V3 for one mineral.
public struct MineralStageUnitValues: Hashable, Codable, Sendable {
    public var mineral: MineralID
    public var containedBasis: String
    /// Stages with producing nodes, in chain order.
    public var stages: [StageUnitValue]
    /// Each stage to the next one present.
    public var ratios: [UnitValueRatio]

    public init(mineral: MineralID, containedBasis: String, stages: [StageUnitValue], ratios: [UnitValueRatio]) {
        self.mineral = mineral
        self.containedBasis = containedBasis
        self.stages = stages
        self.ratios = ratios
    }
}

/// Output value, contained tonnes and unit value of one stage.
public struct StageUnitValue: Hashable, Codable, Sendable {
    public var stage: Stage
    public var nodes: [String]
    public var valueUSD: MetricValue
    public var containedTonnes: MetricValue
    /// UV_k, USD per contained tonne.
    public var unitValueUSDPerTonne: MetricValue

    public init(stage: Stage, nodes: [String], valueUSD: MetricValue, containedTonnes: MetricValue, unitValueUSDPerTonne: MetricValue) {
        self.stage = stage
        self.nodes = nodes
        self.valueUSD = valueUSD
        self.containedTonnes = containedTonnes
        self.unitValueUSDPerTonne = unitValueUSDPerTonne
    }
}

/// UVR and payable between two stages.
public struct UnitValueRatio: Hashable, Codable, Sendable {
    public var from: Stage
    public var to: Stage
    /// UV_to / UV_from.
    public var ratio: MetricValue
    /// UV_from / UV_to, 0…1 when the later stage is worth more per contained tonne.
    public var payableShare: MetricValue

    public init(from: Stage, to: Stage, ratio: MetricValue, payableShare: MetricValue) {
        self.from = from
        self.to = to
        self.ratio = ratio
        self.payableShare = payableShare
    }
}
