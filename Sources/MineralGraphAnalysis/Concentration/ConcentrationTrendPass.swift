import MineralGraphCore

/// Concentration over the years: the C1 figures of every mineral, stage and year of one or more
/// graphs (several yearly graphs, or one graph with outputs in several years), as series with the
/// change over the period, year on year, and the years in which the top supplier or the band
/// changed.
///
/// Each point is exactly C1's figure for that market (``StageConcentrationPass``): the same HHI
/// with bounds, CR1, CR3, `N_eq` and band as `report` gives for that file and year.
public struct ConcentrationTrendPass: Sendable {
    public var guidelines: MergerGuidelines
    public var upperBound: ResidualUpperBound
    public var stages: [Stage]

    public init(
        guidelines: MergerGuidelines = .us2023, upperBound: ResidualUpperBound = .smallestNamedCap,
        stages: [Stage] = StageConcentrationPass.defaultStages
    ) {
        self.guidelines = guidelines
        self.upperBound = upperBound
        self.stages = stages
    }

    /// A market given by two graphs.
    public struct Conflict: Error, Hashable, Sendable, CustomStringConvertible {
        public var mineral: MineralID
        public var stage: Stage
        public var year: Int
        /// Indices of the two graphs.
        public var first: Int
        public var second: Int

        public var description: String {
            "\(mineral) \(stage.rawValue) \(year) is in two of the graphs (numbers \(first + 1) and \(second + 1)): give each year once"
        }
    }

    public func run(on graphs: [SupplyGraph]) throws(Conflict) -> [ConcentrationSeries] {
        struct Key: Hashable, Comparable {
            let mineral: MineralID, stage: Stage
            static func < (a: Key, b: Key) -> Bool { (a.mineral, a.stage) < (b.mineral, b.stage) }
        }
        var points: [Key: [(year: Int, graph: Int, market: MarketConcentration)]] = [:]
        let pass = StageConcentrationPass(stages: stages, guidelines: guidelines, upperBound: upperBound)
        for (g, graph) in graphs.enumerated() {
            for market in pass.run(on: graph).markets {
                let key = Key(mineral: market.mineral, stage: market.stage)
                if let other = points[key]?.first(where: { $0.year == market.year }) {
                    throw Conflict(mineral: market.mineral, stage: market.stage, year: market.year, first: other.graph, second: g)
                }
                points[key, default: []].append((market.year, g, market))
            }
        }
        return points.keys.sorted().map { key in
            let sorted = points[key]!.sorted { $0.year < $1.year }.map(\.market)
            return ConcentrationSeries(mineral: key.mineral, stage: key.stage, guidelines: guidelines, markets: sorted)
        }
    }
}

/// The yearly concentration of one mineral at one stage.
public struct ConcentrationSeries: Hashable, Sendable {
    public struct YearChange: Hashable, Sendable {
        public var year: Int
        public var delta: Double
    }

    public struct Point: Hashable, Sendable {
        public var year: Int
        public var basis: String
        public var measures: ConcentrationMeasures?
        public var band: ConcentrationBand?
        public var complete: Bool
        /// Suppliers by share, largest first.
        public var top: [SupplierShare]
        public var unavailable: Unavailable?
    }

    public var mineral: MineralID
    public var stage: Stage
    public var points: [Point]
    /// Headline HHI of the last year with one minus that of the first (`nil` with fewer than two).
    public var change: Double?
    /// `HHI_y − HHI_{y−1}` between consecutive points with an HHI.
    public var yearOnYear: [YearChange]
    /// Years whose top supplier differs from the previous point's.
    public var topSupplierChanges: [Int]
    /// Years whose band differs from the previous point's.
    public var bandChanges: [Int]

    init(mineral: MineralID, stage: Stage, guidelines: MergerGuidelines, markets: [MarketConcentration]) {
        self.mineral = mineral
        self.stage = stage
        points = markets.map {
            Point(year: $0.year, basis: $0.basis, measures: $0.measures, band: $0.band, complete: $0.isComplete,
                  top: $0.suppliers, unavailable: $0.unavailable)
        }
        let measured = points.filter { $0.measures != nil }
        change = measured.count >= 2 ? measured.last!.measures!.hhi - measured.first!.measures!.hhi : nil
        yearOnYear = zip(measured, measured.dropFirst()).map { YearChange(year: $1.year, delta: $1.measures!.hhi - $0.measures!.hhi) }
        topSupplierChanges = zip(measured, measured.dropFirst()).compactMap { $0.top.first?.country != $1.top.first?.country ? $1.year : nil }
        bandChanges = zip(measured, measured.dropFirst()).compactMap { $0.band != $1.band ? $1.year : nil }
    }
}
