import MineralGraphCore

/// Result of ``ValueCapturePass`` (V2).
public struct ValueCapture: Hashable, Codable, Sendable {
    /// The stage of the physical share.
    public var stage: Stage
    /// One entry per mineral produced at `stage`, sorted.
    public var minerals: [MineralValueCapture]
    public var totalValueAddedUSD: MetricValue
    public var priceYear: Int
    public var scheme: CountryGroupingInfo

    public init(
        stage: Stage, minerals: [MineralValueCapture], totalValueAddedUSD: MetricValue, priceYear: Int,
        scheme: CountryGroupingInfo
    ) {
        self.stage = stage
        self.minerals = minerals
        self.totalValueAddedUSD = totalValueAddedUSD
        self.priceYear = priceYear
        self.scheme = scheme
    }
}

/// V2 for one mineral.
public struct MineralValueCapture: Hashable, Codable, Sendable {
    public var mineral: MineralID
    /// "t Co", "t LCE" ...
    public var containedBasis: String
    /// Nodes at the stage producing the mineral, in graph order.
    public var producingNodes: [String]
    public var stageContainedTonnes: MetricValue
    /// Every country with a node, sorted.
    public var countries: [ValueCaptureRow]
    public var groups: [ValueCaptureRow]

    public init(
        mineral: MineralID, containedBasis: String, producingNodes: [String], stageContainedTonnes: MetricValue,
        countries: [ValueCaptureRow], groups: [ValueCaptureRow]
    ) {
        self.mineral = mineral
        self.containedBasis = containedBasis
        self.producingNodes = producingNodes
        self.stageContainedTonnes = stageContainedTonnes
        self.countries = countries
        self.groups = groups
    }
}

/// V2 for one country or group.
public struct ValueCaptureRow: Hashable, Codable, Sendable {
    public var party: CountryOrGroup
    /// VA_share_g, 0…1.
    public var valueShare: MetricValue
    /// Contained tonnes the party produces at the stage.
    public var containedTonnes: MetricValue
    /// phys_share_g, 0…1.
    public var physicalShare: MetricValue
    /// VCR_g = valueShare / physicalShare.
    public var valueCaptureRatio: MetricValue
    /// valueShare − physicalShare (−0.833 = −83.3 percentage points).
    public var gap: MetricValue

    public init(
        party: CountryOrGroup, valueShare: MetricValue, containedTonnes: MetricValue, physicalShare: MetricValue,
        valueCaptureRatio: MetricValue, gap: MetricValue
    ) {
        self.party = party
        self.valueShare = valueShare
        self.containedTonnes = containedTonnes
        self.physicalShare = physicalShare
        self.valueCaptureRatio = valueCaptureRatio
        self.gap = gap
    }
}
