import MineralGraphCore

/// E2 — unit values, ecological terms of trade, tonnes exported per tonne imported at equal value,
/// and the exchange ratio of resources per dollar (METHODS §2.3).
///
///     UV_X(A) = X_A^$ / X_A^t ;  UV_M(A) = M_A^$ / M_A^t          [USD/t, gross tonnes]
///     ETT_A   = UV_X(A) / UV_M(A)                                   [–]
///     T_eq(A) = 1 / ETT_A     (tonnes A exports per tonne it imports, at equal value)
///     ER_AB(R) = (X_{A→B}^R / X_{A→B}^$) / (X_{B→A}^R / X_{B→A}^$)    [–]
///
/// `ER > 1`: A gives more of resource R per dollar than it receives. Computed for every
/// ``TradeResource`` (gross and contained tonnes, RME, embodied withdrawal, consumption and
/// AWARE-weighted consumption from ``WaterFootprintPass``):
/// - per country and group against the rest of the world (the party's exports against its
///   imports; for tonnes this equals `T_eq`);
/// - bilaterally for each ordered pair of countries with trade.
///
/// Over inter-country `product` flows only (waste excluded, §2.5). Edge cases: no trade in one
/// direction → `ONE_SIDED` (the one-sided resource-per-dollar intensities are still reported);
/// bilateral trade below `minimumTradeShare` of the country's exports or imports →
/// `BELOW_MINIMUM_SHARE` (tiny flows give unstable ratios); the partner's flows carry none of the
/// resource → `NO_RESOURCE_RECEIVED`; missing inputs → their reason.
///
/// Worked example (§2.4): S: UV_X 2,500, UV_M 50,000 USD/t, ETT 0.05, T_eq 20;
/// ER_SN(water) = (30,000/2.5 M)/(5,000/2.5 M) = 6.0; ER_SN(AWARE) = 120.
///
/// Sources: Hickel et al. 2022 (exchange ratio); Rammelt & Ylla-Catala 2025 (tonnes per dollar);
/// Moran et al. 2013. Tool conventions: the 1 % threshold and the bands of ``ExchangeRatioBand``.
public struct TermsOfTradePass: Sendable {
    /// Least share of the country's exports (A → B) and of its imports (B → A) that a bilateral
    /// ratio needs in each direction (tool convention 0.01).
    public var minimumTradeShare: Double
    /// Water options (defaults, solver) for the embodied water and RME of flows.
    public var water: WaterFootprintPass
    /// Country-group scheme; `nil` uses the graph's `country_scheme` or the default.
    public var scheme: CountryGroupScheme?

    public init(minimumTradeShare: Double = 0.01, water: WaterFootprintPass = WaterFootprintPass(), scheme: CountryGroupScheme? = nil) {
        self.minimumTradeShare = minimumTradeShare
        self.water = water
        self.scheme = scheme
    }

    public func run(on graph: SupplyGraph) -> TermsOfTrade {
        run(on: GraphDerivations(graph))
    }

    /// E2 of `derived`'s graph, with the trade ledger it keeps for the other trade passes.
    public func run(on derived: GraphDerivations) -> TermsOfTrade {
        let ledger = derived.ledger(water: water, scheme: scheme)
        let rows = ledger.aggregation.rows.map { row(party: $0.party, totals: $0.totals) }
        var countryTotals: [CountryCode: TradeTotals] = [:]
        for (country, totals) in ledger.aggregation.countries { countryTotals[country] = totals }
        var outbound: [[CountryCode]: TradeTotals] = [:]
        for pair in ledger.aggregation.pairs { outbound[[pair.a, pair.b]] = pair.outbound }
        let bilateral = ledger.aggregation.pairs.map { pair in
            bilateralRow(
                a: pair.a, b: pair.b, aToB: pair.outbound, bToA: outbound[[pair.b, pair.a]]!,
                totalsOfA: countryTotals[pair.a]!)
        }
        return TermsOfTrade(
            countries: rows.filter { $0.party.kind == .country }, groups: rows.filter { $0.party.kind == .group },
            bilateral: bilateral, minimumTradeShare: minimumTradeShare, scheme: ledger.grouping.info,
            solver: ledger.solver)
    }

    func row(party: CountryOrGroup, totals: TradeTotals) -> TermsOfTradeRow {
        guard totals.hasTrade else {
            let none = MetricValue(unavailable: TradeLedger.noTrade)
            return TermsOfTradeRow(
                party: party, exportUnitValueUSDPerTonne: none, importUnitValueUSDPerTonne: none,
                ecologicalTermsOfTrade: none, tonnesExportedPerTonneImported: none,
                exchangeRatios: TradeResource.allCases.map {
                    ExchangeRatio(resource: $0, exportedPerUSD: none, importedPerUSD: none, ratio: none)
                })
        }
        func sum(_ side: [PartialSum], _ measure: TradeLedger.Measure) -> MetricValue { side[measure.rawValue].metric }
        let exportUV = perUnit(sum(totals.exported, .valueUSD), sum(totals.exported, .tonnes), side: "exports", unit: "tonnes")
        let importUV = perUnit(sum(totals.imported, .valueUSD), sum(totals.imported, .tonnes), side: "imports", unit: "tonnes")
        let ett = exportUV.divided(by: importUV, ifZero: ReasonCode.zeroValue, "imports have no value")
        let teq = MetricValue(1).divided(by: ett, ifZero: ReasonCode.zeroValue, "exports have no value")
        let ratios = TradeResource.allCases.map { resource in
            exchangeRatio(
                resource, exportedValue: sum(totals.exported, .valueUSD),
                exported: sum(totals.exported, TradeLedger.Measure.of(resource)),
                importedValue: sum(totals.imported, .valueUSD),
                imported: sum(totals.imported, TradeLedger.Measure.of(resource)))
        }
        return TermsOfTradeRow(
            party: party, exportUnitValueUSDPerTonne: exportUV, importUnitValueUSDPerTonne: importUV,
            ecologicalTermsOfTrade: ett, tonnesExportedPerTonneImported: teq,
            exchangeRatios: ratios)
    }

    func bilateralRow(a: CountryCode, b: CountryCode, aToB: TradeTotals, bToA: TradeTotals, totalsOfA: TradeTotals) -> BilateralExchange {
        let valueOut = aToB.exported[TradeLedger.Measure.valueUSD.rawValue].metric
        let valueIn = bToA.exported[TradeLedger.Measure.valueUSD.rawValue].metric
        var gate: Unavailable?
        if aToB.exportFlows == 0 || bToA.exportFlows == 0 {
            gate = Unavailable(ReasonCode.oneSided, "\(a) and \(b) trade in one direction only")
        } else if let out = valueOut.value, let back = valueIn.value,
                  let exports = totalsOfA.exported[TradeLedger.Measure.valueUSD.rawValue].metric.value,
                  let imports = totalsOfA.imported[TradeLedger.Measure.valueUSD.rawValue].metric.value,
                  out < minimumTradeShare * exports || back < minimumTradeShare * imports {
            gate = Unavailable(
                ReasonCode.belowMinimumShare,
                "trade between \(a) and \(b) is below \(minimumTradeShare * 100) % of \(a)'s exports or imports in one direction")
        }
        let ratios = TradeResource.allCases.map { resource -> ExchangeRatio in
            var ratio = exchangeRatio(
                resource, exportedValue: valueOut, exported: aToB.exported[TradeLedger.Measure.of(resource).rawValue].metric,
                importedValue: valueIn, imported: bToA.exported[TradeLedger.Measure.of(resource).rawValue].metric)
            if let gate {
                ratio.ratio = MetricValue(unavailable: gate)
                ratio.band = nil
            }
            return ratio
        }
        return BilateralExchange(
            country: .country(a), partner: .country(b), exportValueUSD: valueOut, importValueUSD: valueIn,
            exchangeRatios: ratios)
    }

    private func perUnit(_ value: MetricValue, _ quantity: MetricValue, side: String, unit: String) -> MetricValue {
        value.divided(by: quantity, ifZero: ReasonCode.oneSided, "no \(side) (zero \(unit))")
    }

    func exchangeRatio(
        _ resource: TradeResource, exportedValue: MetricValue, exported: MetricValue, importedValue: MetricValue,
        imported: MetricValue
    ) -> ExchangeRatio {
        let out = exported.divided(by: exportedValue, ifZero: ReasonCode.oneSided, "no exports (zero value)")
        let back = imported.divided(by: importedValue, ifZero: ReasonCode.oneSided, "no imports (zero value)")
        let ratio = out.divided(by: back, ifZero: ReasonCode.noResourceReceived, "the imports carry no \(resource.rawValue)")
        return ExchangeRatio(resource: resource, exportedPerUSD: out, importedPerUSD: back, ratio: ratio)
    }
}
