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
        let index = Dictionary(uniqueKeysWithValues: base.enumerated().map { (MarketKey($1), $0) })
        var hhi = Array(repeating: [Double](), count: base.count)
        var cr1 = hhi
        var sameBand = Array(repeating: 0, count: base.count)
        var sameTop = sameBand
        let concentration = concentration
        for markets in settings.sampleConcurrently(figures, { concentration.run(on: $0).markets }) {
            for market in markets {
                guard let i = index[MarketKey(market)], let measures = market.measures else { continue }
                hhi[i].append(measures.hhi)
                cr1[i].append(measures.cr1)
                if market.band == base[i].band { sameBand[i] += 1 }
                if market.suppliers.first?.country == base[i].suppliers.first?.country { sameTop[i] += 1 }
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

    private struct MarketKey: Hashable {
        let mineral: MineralID, stage: Stage, year: Int
        init(_ market: MarketConcentration) { (mineral, stage, year) = (market.mineral, market.stage, market.year) }
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
