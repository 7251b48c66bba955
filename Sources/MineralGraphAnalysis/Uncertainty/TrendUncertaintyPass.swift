import MineralGraphCore

/// Whether the changes of a concentration trend exceed the uncertainty of the figures
/// (docs/methods.md §11.4): the HHI change over the period and year on year
/// (``ConcentrationTrendPass``) as Monte Carlo distributions over draws of every graph, and
/// whether each change's interval leaves out zero.
///
/// Draw `i` draws every graph with draw number `i`; the figures of different years have
/// different identities (``UncertainFigures``), so the years are drawn independently. A change
/// "exceeds the uncertainty" when the `lowerProbability`–`upperProbability` interval of its
/// drawn values lies wholly above or below zero. No graph with an uncertain figure: no rows.
public struct TrendUncertaintyPass: Sendable {
    public var trend: ConcentrationTrendPass
    public var settings: MonteCarloSettings

    public init(trend: ConcentrationTrendPass = ConcentrationTrendPass(), settings: MonteCarloSettings = .standard) {
        self.trend = trend
        self.settings = settings
    }

    /// One series' changes with their intervals.
    public struct SeriesChanges: Hashable, Sendable {
        public var mineral: MineralID
        public var stage: Stage
        /// `HHI_last − HHI_first`.
        public var change: IntervalEstimate?
        /// `HHI_y − HHI_previous`, by the later year.
        public var yearOnYear: [Int: IntervalEstimate]
    }

    public func run(on graphs: [SupplyGraph]) throws(ConcentrationTrendPass.Conflict) -> [SeriesChanges] {
        let figures = graphs.map(UncertainFigures.init)
        guard figures.contains(where: { !$0.isEmpty }) else { return [] }
        let stated = try trend.run(on: graphs)
        struct Key: Hashable { let mineral: MineralID, stage: Stage }
        let (trend, seed) = (trend, settings.seed)
        // Each draw's changes per series: the change over the period and year on year. A draw
        // cannot conflict where the stated graphs do not (it changes figures, not years).
        let drawn: [[Key: (change: Double?, yearOnYear: [Int: Double])]] = settings.forEachDraw { i in
            let series = (try? trend.run(on: figures.map { $0.isEmpty ? $0.graph : $0.draw(index: i, seed: seed) })) ?? []
            return series.reduce(into: [:]) { out, item in
                out[Key(mineral: item.mineral, stage: item.stage)] = (
                    item.change, Dictionary(item.yearOnYear.map { ($0.year, $0.delta) }, uniquingKeysWith: { a, _ in a }))
            }
        }
        return stated.map { item in
            let key = Key(mineral: item.mineral, stage: item.stage)
            let change = item.change.flatMap { IntervalEstimate(value: $0, draws: drawn.compactMap { $0[key]?.change }, settings: settings) }
            let yearOnYear = item.yearOnYear.reduce(into: [Int: IntervalEstimate]()) { out, step in
                out[step.year] = IntervalEstimate(value: step.delta, draws: drawn.compactMap { $0[key]?.yearOnYear[step.year] }, settings: settings)
            }
            return SeriesChanges(mineral: item.mineral, stage: item.stage, change: change, yearOnYear: yearOnYear)
        }
    }
}
