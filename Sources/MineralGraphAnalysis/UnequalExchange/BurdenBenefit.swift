import MineralGraphCore

/// A physical burden compared with value capture by E4.
public enum BurdenResource: String, CaseIterable, Hashable, Codable, Sendable {
    /// Direct freshwater withdrawal, m³.
    case waterWithdrawal = "water-withdrawal"
    /// Direct freshwater consumption, m³.
    case waterConsumption = "water-consumption"
    /// Direct consumption × AWARE, m³ world-eq.
    case scarcityWeightedWater = "aware-water"
    /// Contained tonnes extracted by mines, on each mineral's reference basis (t Co, t LCE).
    case extraction
    /// Gross tonnes of waste received.
    case wasteReceived = "waste-received"

    public var unit: String {
        switch self {
        case .waterWithdrawal, .waterConsumption: "m3"
        case .scarcityWeightedWater: "m3 world-eq"
        case .extraction: "t contained"
        case .wasteReceived: "t"
        }
    }
}

/// Result of ``BurdenBenefitPass`` (E4).
public struct BurdenBenefit: Hashable, Codable, Sendable {
    /// Chain total per burden, in ``BurdenResource`` order.
    public var totals: [BurdenTotal]
    public var countries: [BurdenBenefitRow]
    public var groups: [BurdenBenefitRow]
    public var totalValueAddedUSD: MetricValue
    public var priceYear: Int
    public var scheme: CountryGroupingInfo

    public init(
        totals: [BurdenTotal], countries: [BurdenBenefitRow], groups: [BurdenBenefitRow], totalValueAddedUSD: MetricValue,
        priceYear: Int, scheme: CountryGroupingInfo
    ) {
        self.totals = totals
        self.countries = countries
        self.groups = groups
        self.totalValueAddedUSD = totalValueAddedUSD
        self.priceYear = priceYear
        self.scheme = scheme
    }
}

/// Chain total of one burden.
public struct BurdenTotal: Hashable, Codable, Sendable {
    public var burden: BurdenResource
    public var amount: MetricValue

    public init(burden: BurdenResource, amount: MetricValue) {
        self.burden = burden
        self.amount = amount
    }
}

/// E4 for one country or group.
public struct BurdenBenefitRow: Hashable, Codable, Sendable {
    public var party: CountryOrGroup
    public var valueAddedUSD: MetricValue
    /// value_share_g, 0…1.
    public var valueShare: MetricValue
    /// One per ``BurdenResource``.
    public var ratios: [BurdenBenefitRatio]

    public init(party: CountryOrGroup, valueAddedUSD: MetricValue, valueShare: MetricValue, ratios: [BurdenBenefitRatio]) {
        self.party = party
        self.valueAddedUSD = valueAddedUSD
        self.valueShare = valueShare
        self.ratios = ratios
    }

    public func ratio(_ burden: BurdenResource) -> BurdenBenefitRatio? { ratios.first { $0.burden == burden } }
}

/// BBR of one burden.
public struct BurdenBenefitRatio: Hashable, Codable, Sendable {
    public var burden: BurdenResource
    /// The party's direct burden, in the burden's unit.
    public var amount: MetricValue
    /// burden_share_g, 0…1.
    public var share: MetricValue
    /// BBR_g = share / value_share_g.
    public var ratio: MetricValue
    public var band: BurdenBenefitBand?

    public init(burden: BurdenResource, amount: MetricValue, share: MetricValue, ratio: MetricValue) {
        self.burden = burden
        self.amount = amount
        self.share = share
        self.ratio = ratio
        self.band = ratio.value.map(BurdenBenefitBand.init(ratio:))
    }
}

/// Labels for BBR (tool convention, METHODS §2.3).
public enum BurdenBenefitBand: String, Hashable, Codable, Sendable {
    /// BBR < 0.5.
    case beneficiary
    /// 0.5 ≤ BBR ≤ 2.
    case roughlyProportional = "roughly-proportional"
    /// BBR > 2.
    case burdenBearing = "burden-bearing"

    public init(ratio: Double) {
        if ratio < 0.5 { self = .beneficiary } else if ratio <= 2 { self = .roughlyProportional } else { self = .burdenBearing }
    }
}
