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
/// on contained tonnes and on raw-material equivalents (`RawMaterialEquivalents`: mine-product
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
        run(on: GraphDerivations(graph))
    }

    /// E1 of `derived`'s graph, with the trade ledger it keeps for the other trade passes.
    public func run(on derived: GraphDerivations) -> PhysicalTradeBalance {
        let ledger = derived.ledger(water: WaterFootprintPass(solver: solver), scheme: scheme)
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
