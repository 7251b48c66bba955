import MineralGraphCore

/// C1 with its uncertainty: the HHI, CR1 and top supplier of every market (METHODS §1.1–1.4)
/// as Monte Carlo distributions over graphs drawn from the figures' intervals
/// (``UncertainFigures``), and how often the band and the top supplier of the stated figures
/// hold in the draws (docs/methods.md §10).
///
/// A market is measured in a draw as in ``StageConcentrationPass``; a draw in which it is
/// unavailable (say, every figure drawn at zero) adds no value but counts against robustness.
/// When no figure of the graph is uncertain the result has no markets, so reports say nothing
/// of uncertainty.
public struct ConcentrationUncertaintyPass: Sendable {
    public var concentration: StageConcentrationPass
    public var settings: MonteCarloSettings

    public init(concentration: StageConcentrationPass = StageConcentrationPass(), settings: MonteCarloSettings = .standard) {
        self.concentration = concentration
        self.settings = settings
    }

    public func run(on graph: SupplyGraph) -> ConcentrationUncertaintyResult {
        let figures = UncertainFigures(graph)
        guard !figures.isEmpty else {
            return ConcentrationUncertaintyResult(settings: settings, uncertainFigures: 0, markets: [])
        }
        let base = concentration.run(on: graph).markets.filter { $0.measures != nil }
        var hhi = Array(repeating: [Double](), count: base.count)
        var cr1 = hhi
        var sameBand = Array(repeating: 0, count: base.count)
        var sameTop = sameBand
        for markets in settings.sampleConcurrently(figures, drawnMarkets(graph, base)) {
            for (i, market) in markets.enumerated() {
                guard let market else { continue }
                hhi[i].append(market.hhi)
                cr1[i].append(market.cr1)
                if market.band == base[i].band { sameBand[i] += 1 }
                if market.topSupplier == base[i].suppliers.first?.country { sameTop[i] += 1 }
            }
        }
        let draws = Double(max(settings.draws, 1))
        let markets: [MarketUncertainty] = base.indices.compactMap { i in
            let market = base[i]
            guard let measures = market.measures,
                  let hhiEstimate = IntervalEstimate(value: measures.hhi, draws: hhi[i], settings: settings),
                  let cr1Estimate = IntervalEstimate(value: measures.cr1, draws: cr1[i], settings: settings)
            else { return nil }
            return MarketUncertainty(
                mineral: market.mineral, stage: market.stage, year: market.year, basis: market.basis,
                hhi: hhiEstimate, cr1: cr1Estimate, band: market.band,
                bandProbability: Double(sameBand[i]) / draws,
                topSupplier: market.suppliers.first?.country,
                topSupplierProbability: Double(sameTop[i]) / draws)
        }
        return ConcentrationUncertaintyResult(settings: settings, uncertainFigures: figures.figures.count, markets: markets)
    }

    /// What a draw gives of one market: `nil` where the market is unavailable in the draw.
    private struct DrawnMarket: Sendable {
        let hhi: Double, cr1: Double, band: ConcentrationBand?, topSupplier: CountryCode?
    }

    /// The measure of a drawn graph: per market of `base` (the stated graph's available
    /// markets), its figures as ``StageConcentrationPass`` gives them on the drawn graph.
    ///
    /// At country level the markets are planned once (``StageSupply/Plan``: which output or
    /// flows give each node's tonnes) and a draw only recomputes each country's tonnes, summed
    /// in node order as ``StageSupply/countryTonnes`` sums them, and the measures of
    /// ``MarketConcentration`` from them: the suppliers with a positive quantity (all of them
    /// when one is negative) by tonnes descending then code, and `ConcentrationMeasures` of
    /// their tonnes and the residual. At facility level each draw runs the pass.
    private func drawnMarkets(_ graph: SupplyGraph, _ base: [MarketConcentration]) -> @Sendable (SupplyGraph) -> [DrawnMarket?] {
        let concentration = concentration
        struct MarketKey: Hashable {
            let mineral: MineralID, stage: Stage, year: Int
            init(_ mineral: MineralID, _ stage: Stage, _ year: Int) { (self.mineral, self.stage, self.year) = (mineral, stage, year) }
        }
        let index = Dictionary(uniqueKeysWithValues: base.enumerated().map { (MarketKey($1.mineral, $1.stage, $1.year), $0) })
        guard concentration.level == .country else {
            return { drawn in
                var markets = [DrawnMarket?](repeating: nil, count: base.count)
                for market in concentration.run(on: drawn).markets {
                    guard let i = index[MarketKey(market.mineral, market.stage, market.year)], let measures = market.measures else { continue }
                    markets[i] = DrawnMarket(hhi: measures.hhi, cr1: measures.cr1, band: market.band, topSupplier: market.suppliers.first?.country)
                }
                return markets
            }
        }
        /// A market's plan with each node's country as a position in `countries` (first-seen order).
        struct CountryPlan: Sendable {
            let plan: StageSupply.Plan
            let countries: [CountryCode]
            let slots: [Int]
        }
        var planned = [CountryPlan?](repeating: nil, count: base.count)
        for plan in StageSupply.plans(in: graph, stages: concentration.stages) {
            let supply = plan.supply
            guard let i = index[MarketKey(supply.mineral, supply.stage, supply.year)] else { continue }
            var countries: [CountryCode] = []
            var position: [CountryCode: Int] = [:]
            let slots = supply.nodes.map { node in
                if let slot = position[node.country] { return slot }
                position[node.country] = countries.count
                countries.append(node.country)
                return countries.count - 1
            }
            planned[i] = CountryPlan(plan: plan, countries: countries, slots: slots)
        }
        let (guidelines, upperBound, plans) = (concentration.guidelines, concentration.upperBound, planned)
        return { drawn in
            plans.map { market -> DrawnMarket? in
                guard let market else { return nil }
                var tonnes = [Double](repeating: 0, count: market.countries.count)
                for (node, slot) in market.slots.enumerated() { tonnes[slot] += market.plan.tonnes(node, in: drawn) }
                let negative = tonnes.contains { $0 < 0 }
                let suppliers = tonnes.indices.filter { tonnes[$0] > 0 || negative }.sorted {
                    (tonnes[$1], market.countries[$0]) < (tonnes[$0], market.countries[$1])
                }
                let residual = market.plan.residualTonnes(in: drawn) ?? 0
                guard let measures = try? ConcentrationMeasures.fromQuantities(
                    named: suppliers.map { tonnes[$0] }, residual: residual, upperBound: upperBound)
                else { return nil }
                return DrawnMarket(
                    hhi: measures.hhi, cr1: measures.cr1, band: measures.band(guidelines),
                    topSupplier: suppliers.first.map { market.countries[$0] })
            }
        }
    }
}

/// One market's concentration with its uncertainty.
public struct MarketUncertainty: Hashable, Codable, Sendable {
    public var mineral: MineralID
    public var stage: Stage
    public var year: Int
    public var basis: String
    /// HHI, 0–10,000.
    public var hhi: IntervalEstimate
    /// Share of the largest supplier, 0…1.
    public var cr1: IntervalEstimate
    /// The band of the stated figures' HHI.
    public var band: ConcentrationBand?
    /// Fraction of draws whose HHI falls in `band` (0…1).
    public var bandProbability: Double
    /// The largest supplier by the stated figures.
    public var topSupplier: CountryCode?
    /// Fraction of draws in which `topSupplier` stays the largest (0…1).
    public var topSupplierProbability: Double
}

/// The markets of a concentration pass with their uncertainty, in the pass's order.
public struct ConcentrationUncertaintyResult: Hashable, Codable, Sendable {
    public var settings: MonteCarloSettings
    /// How many figures of the graph have an interval.
    public var uncertainFigures: Int
    public var markets: [MarketUncertainty]
}
