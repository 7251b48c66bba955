import MineralGraphCore

/// E1 — physical trade balance against the monetary balance, with the quadrant and the EUE flag
/// (METHODS §2.3, §2.6).
///
///     PTB_A     = M_A^t − X_A^t          [t]      (+ = net importer of mass; Eurostat sign)
///     PTB_A^RME = M_A^RME − X_A^RME      [t RME]
///     NMI_A     = M_A^$ − X_A^$          [USD]    (net monetary inflow = −TB)
///     TB_A      = X_A^$ − M_A^$          [USD]
///     EUE_flag  = PTB_A < 0  and  TB_A ≤ ε·(X_A^$ + M_A^$)
///
/// over inter-country `product` flows (waste is excluded and reported by X1; recovered fractions
/// likewise). The flag marks a net exporter of mass that earns at most a small monetary surplus
/// in return; a net mass exporter with a larger surplus is a "compensated exporter". The quadrant
/// is the sign of PTB × the sign of TB (`net-mass-exporter/monetary-deficit` ...). Also reported
/// on contained tonnes and on raw-material equivalents (``RawMaterialEquivalents``: mine-product
/// tonnes embodied upstream, a lower bound).
///
/// Groups: flows are aggregated first (ratios are of sums) and edges between two members are
/// dropped (§2.6); "developing excluding China" and the LDCs are always included.
///
/// Edge cases: a country or group without trade → every field `NO_TRADE`; a flow without gross
/// tonnes or value makes the sums it enters unavailable (`MISSING_TONNES`, `MISSING_VALUE`), never
/// zero. A net of exactly 0 (to a relative 1e-9 of the gross trade) is "balanced".
///
/// Worked example (§2.4): S exports 1,000 t for $2.5 M and imports 50 t for $2.5 M → PTB −950 t,
/// NMI 0, EUE flag true; N: +950 t, flag false.
///
/// Sources: Eurostat EW-MFA; Samaniego, Vallejo & Martínez-Alier; Dorninger et al. 2021.
/// Tool convention: ε = 0.05.
public struct PhysicalTradeBalancePass: Sendable {
    /// Largest monetary surplus, as a share of gross trade, that still counts as "not
    /// compensated" for the EUE flag (tool convention 0.05).
    public var epsilon: Double
    /// Country-group scheme; `nil` uses the graph's `country_scheme` or the default.
    public var scheme: CountryGroupScheme?
    /// Solver for the raw-material equivalents on graphs with loops.
    public var solver: LinearSolverOptions

    public init(epsilon: Double = 0.05, scheme: CountryGroupScheme? = nil, solver: LinearSolverOptions = .default) {
        self.epsilon = epsilon
        self.scheme = scheme
        self.solver = solver
    }

    public func run(on graph: SupplyGraph) -> PhysicalTradeBalance {
        let ledger = TradeLedger(graph: graph, water: WaterFootprintPass(solver: solver), scheme: scheme)
        let rows = ledger.aggregation.rows.map { row(party: $0.party, totals: $0.totals) }
        return PhysicalTradeBalance(
            countries: rows.filter { $0.party.kind == .country }, groups: rows.filter { $0.party.kind == .group },
            epsilon: epsilon, scheme: ledger.grouping.info, solver: ledger.solver)
    }

    func row(party: CountryOrGroup, totals: TradeTotals) -> TradeBalanceRow {
        let tonnes = TradeLedger.flows(totals, .tonnes)
        let value = TradeLedger.flows(totals, .valueUSD)
        let tradeBalance = value.exported.combined(with: value.imported, -)
        var quadrant: TradeQuadrant?
        var eueFlag: Bool?
        var compensated: Bool?
        var unavailable: Unavailable?
        if !totals.hasTrade {
            unavailable = TradeLedger.noTrade
        } else if let ptb = tonnes.net.value, let exported = tonnes.exported.value, let imported = tonnes.imported.value,
                  let tb = tradeBalance.value, let x = value.exported.value, let m = value.imported.value {
            let mass = MassDirection(net: ptb, scale: exported + imported)
            let money = MoneyDirection(balance: tb, scale: x + m)
            quadrant = TradeQuadrant(mass: mass, money: money)
            eueFlag = mass == .netMassExporter && tb <= epsilon * (x + m)
            compensated = mass == .netMassExporter && tb > epsilon * (x + m)
        } else {
            unavailable = tonnes.net.unavailable ?? tradeBalance.unavailable
        }
        return TradeBalanceRow(
            party: party, exportFlowCount: totals.exportFlows, importFlowCount: totals.importFlows,
            tonnes: tonnes, containedTonnes: TradeLedger.flows(totals, .containedTonnes),
            rawMaterialEquivalentTonnes: TradeLedger.flows(totals, .rme), valueUSD: value,
            tradeBalanceUSD: totals.hasTrade ? tradeBalance : MetricValue(unavailable: TradeLedger.noTrade),
            quadrant: quadrant, eueFlag: eueFlag, compensatedExporter: compensated,
            classificationUnavailable: unavailable)
    }
}

/// Result of ``PhysicalTradeBalancePass`` (E1).
public struct PhysicalTradeBalance: Hashable, Codable, Sendable {
    /// Every country with a node, sorted by code (countries without trade: `NO_TRADE`).
    public var countries: [TradeBalanceRow]
    /// Every ``CountryGroup``, intra-group flows dropped.
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
