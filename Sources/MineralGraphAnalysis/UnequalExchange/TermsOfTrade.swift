import MineralGraphCore

/// Result of ``TermsOfTradePass`` (E2).
public struct TermsOfTrade: Hashable, Codable, Sendable {
    public var countries: [TermsOfTradeRow]
    /// Groups against the rest of the world, intra-group flows dropped.
    public var groups: [TermsOfTradeRow]
    /// Ordered country pairs (country → partner) with trade in either direction, sorted.
    public var bilateral: [BilateralExchange]
    public var minimumTradeShare: Double
    public var scheme: CountryGroupingInfo
    public var solver: SolverReport

    public init(
        countries: [TermsOfTradeRow], groups: [TermsOfTradeRow], bilateral: [BilateralExchange],
        minimumTradeShare: Double, scheme: CountryGroupingInfo, solver: SolverReport
    ) {
        self.countries = countries
        self.groups = groups
        self.bilateral = bilateral
        self.minimumTradeShare = minimumTradeShare
        self.scheme = scheme
        self.solver = solver
    }
}

/// E2 for one country or group against the rest of the world.
public struct TermsOfTradeRow: Hashable, Codable, Sendable {
    public var party: CountryOrGroup
    /// UV_X, USD per gross tonne exported.
    public var exportUnitValueUSDPerTonne: MetricValue
    /// UV_M, USD per gross tonne imported.
    public var importUnitValueUSDPerTonne: MetricValue
    /// ETT = UV_X / UV_M.
    public var ecologicalTermsOfTrade: MetricValue
    /// T_eq = 1 / ETT.
    public var tonnesExportedPerTonneImported: MetricValue
    /// Exports against imports, one per ``TradeResource``.
    public var exchangeRatios: [ExchangeRatio]

    public init(
        party: CountryOrGroup, exportUnitValueUSDPerTonne: MetricValue, importUnitValueUSDPerTonne: MetricValue,
        ecologicalTermsOfTrade: MetricValue, tonnesExportedPerTonneImported: MetricValue, exchangeRatios: [ExchangeRatio]
    ) {
        self.party = party
        self.exportUnitValueUSDPerTonne = exportUnitValueUSDPerTonne
        self.importUnitValueUSDPerTonne = importUnitValueUSDPerTonne
        self.ecologicalTermsOfTrade = ecologicalTermsOfTrade
        self.tonnesExportedPerTonneImported = tonnesExportedPerTonneImported
        self.exchangeRatios = exchangeRatios
    }

    public func exchangeRatio(_ resource: TradeResource) -> ExchangeRatio? {
        exchangeRatios.first { $0.resource == resource }
    }
}

/// E2 between a country and one partner.
public struct BilateralExchange: Hashable, Codable, Sendable {
    /// A.
    public var country: CountryOrGroup
    /// B.
    public var partner: CountryOrGroup
    /// X_{A→B}^$.
    public var exportValueUSD: MetricValue
    /// X_{B→A}^$.
    public var importValueUSD: MetricValue
    /// ER_AB per ``TradeResource``.
    public var exchangeRatios: [ExchangeRatio]

    public init(
        country: CountryOrGroup, partner: CountryOrGroup, exportValueUSD: MetricValue, importValueUSD: MetricValue,
        exchangeRatios: [ExchangeRatio]
    ) {
        self.country = country
        self.partner = partner
        self.exportValueUSD = exportValueUSD
        self.importValueUSD = importValueUSD
        self.exchangeRatios = exchangeRatios
    }

    public func exchangeRatio(_ resource: TradeResource) -> ExchangeRatio? {
        exchangeRatios.first { $0.resource == resource }
    }
}

/// Resource per dollar each way, and their ratio.
public struct ExchangeRatio: Hashable, Codable, Sendable {
    public var resource: TradeResource
    /// Resource exported per USD of exports (unit of `resource` per USD).
    public var exportedPerUSD: MetricValue
    /// Resource imported per USD of imports.
    public var importedPerUSD: MetricValue
    /// ER = exportedPerUSD / importedPerUSD.
    public var ratio: MetricValue
    public var band: ExchangeRatioBand?

    public init(resource: TradeResource, exportedPerUSD: MetricValue, importedPerUSD: MetricValue, ratio: MetricValue) {
        self.resource = resource
        self.exportedPerUSD = exportedPerUSD
        self.importedPerUSD = importedPerUSD
        self.ratio = ratio
        self.band = ratio.value.map(ExchangeRatioBand.init(ratio:))
    }
}

/// Labels for the exchange ratio (tool convention, METHODS §2.3: 0.8–1.25 roughly symmetric,
/// 1.25–2 asymmetric, > 2 strongly asymmetric), mirrored below 1 for the reverse direction.
public enum ExchangeRatioBand: String, Hashable, Codable, Sendable {
    /// ER < 0.5: the partner gives more than twice as much per dollar.
    case stronglyAsymmetricReverse = "strongly-asymmetric-reverse"
    /// 0.5 ≤ ER < 0.8.
    case asymmetricReverse = "asymmetric-reverse"
    /// 0.8 ≤ ER ≤ 1.25.
    case roughlySymmetric = "roughly-symmetric"
    /// 1.25 < ER ≤ 2.
    case asymmetric
    /// ER > 2.
    case stronglyAsymmetric = "strongly-asymmetric"

    public init(ratio: Double) {
        switch ratio {
        case ..<0.5: self = .stronglyAsymmetricReverse
        case ..<0.8: self = .asymmetricReverse
        case ...1.25: self = .roughlySymmetric
        case ...2: self = .asymmetric
        default: self = .stronglyAsymmetric
        }
    }
}
