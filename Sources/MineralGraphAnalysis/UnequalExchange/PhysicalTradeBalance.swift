import MineralGraphCore

/// Result of ``PhysicalTradeBalancePass`` (E1).
public struct PhysicalTradeBalance: Hashable, Codable, Sendable {
    /// Every country with a node, sorted by code (countries without trade: `NO_TRADE`).
    public var countries: [TradeBalanceRow]
    /// Every `CountryGroup`, intra-group flows dropped.
    public var groups: [TradeBalanceRow]
    public var epsilon: Double
    public var scheme: CountryGroupingInfo
    public var solver: SolverReport

    public init(
        countries: [TradeBalanceRow], groups: [TradeBalanceRow], epsilon: Double, scheme: CountryGroupingInfo,
        solver: SolverReport
    ) {
        self.countries = countries
        self.groups = groups
        self.epsilon = epsilon
        self.scheme = scheme
        self.solver = solver
    }
}

/// E1 for one country or group.
public struct TradeBalanceRow: Hashable, Codable, Sendable {
    public var party: CountryOrGroup
    public var exportFlowCount: Int
    public var importFlowCount: Int
    /// Gross tonnes; `net` is the physical trade balance PTB.
    public var tonnes: TradeFlows
    /// Contained tonnes; `net` is PTB on the contained basis.
    public var containedTonnes: TradeFlows
    /// Raw-material equivalents (t); `net` is PTB^RME.
    public var rawMaterialEquivalentTonnes: TradeFlows
    /// USD; `net` is the net monetary inflow NMI = −TB.
    public var valueUSD: TradeFlows
    /// Conventional trade balance TB = exports − imports, USD.
    public var tradeBalanceUSD: MetricValue
    /// Sign of PTB × sign of TB; `nil` when either is unavailable.
    public var quadrant: TradeQuadrant?
    /// PTB < 0 and TB ≤ ε·(X + M); `nil` when unavailable.
    public var eueFlag: Bool?
    /// PTB < 0 and TB > ε·(X + M).
    public var compensatedExporter: Bool?
    /// Why the quadrant and flags are `nil`.
    public var classificationUnavailable: Unavailable?

    public init(
        party: CountryOrGroup, exportFlowCount: Int, importFlowCount: Int, tonnes: TradeFlows,
        containedTonnes: TradeFlows, rawMaterialEquivalentTonnes: TradeFlows, valueUSD: TradeFlows,
        tradeBalanceUSD: MetricValue, quadrant: TradeQuadrant?, eueFlag: Bool?, compensatedExporter: Bool?,
        classificationUnavailable: Unavailable?
    ) {
        self.party = party
        self.exportFlowCount = exportFlowCount
        self.importFlowCount = importFlowCount
        self.tonnes = tonnes
        self.containedTonnes = containedTonnes
        self.rawMaterialEquivalentTonnes = rawMaterialEquivalentTonnes
        self.valueUSD = valueUSD
        self.tradeBalanceUSD = tradeBalanceUSD
        self.quadrant = quadrant
        self.eueFlag = eueFlag
        self.compensatedExporter = compensatedExporter
        self.classificationUnavailable = classificationUnavailable
    }
}

/// The sign of the physical trade balance.
public enum MassDirection: String, Hashable, Codable, Sendable {
    case netMassImporter = "net-mass-importer"
    case netMassExporter = "net-mass-exporter"
    case massBalanced = "mass-balanced"

    /// `net` = imports − exports; |net| ≤ 1e-9 × gross trade counts as balanced.
    init(net: Double, scale: Double) {
        if abs(net) <= 1e-9 * scale { self = .massBalanced } else { self = net > 0 ? .netMassImporter : .netMassExporter }
    }
}

/// The sign of the monetary trade balance (exports − imports).
public enum MoneyDirection: String, Hashable, Codable, Sendable {
    case monetarySurplus = "monetary-surplus"
    case monetaryDeficit = "monetary-deficit"
    case monetaryBalanced = "monetary-balanced"

    init(balance: Double, scale: Double) {
        if abs(balance) <= 1e-9 * scale {
            self = .monetaryBalanced
        } else {
            self = balance > 0 ? .monetarySurplus : .monetaryDeficit
        }
    }
}

/// Sign of PTB × sign of TB (METHODS §2.3: "report the quadrant, not only the flag").
public struct TradeQuadrant: Hashable, Codable, Sendable {
    public var mass: MassDirection
    public var money: MoneyDirection
    /// "net-mass-exporter/monetary-deficit" and the like.
    public var name: String

    public init(mass: MassDirection, money: MoneyDirection) {
        self.mass = mass
        self.money = money
        self.name = "\(mass.rawValue)/\(money.rawValue)"
    }
}
