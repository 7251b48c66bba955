import MineralGraphAnalysis
import MineralGraphCore

/// Concentration over the years as data (`mineral-graph trend`): the JSON `series` array and what
/// the Markdown, HTML (with line charts) and CSV formats print. Numbers are rounded as in
/// ``Report`` (HHI 0.01, shares 0.000001), so a point's HHI equals `report`'s for that file and year.
public struct TrendReport: Codable, Hashable, Sendable {
    public static let formatVersion = "mineral-graph-trend/1"

    public struct Top: Codable, Hashable, Sendable {
        public var country: CountryCode
        public var name: String
        public var share: Double?
    }

    public struct Point: Codable, Hashable, Sendable {
        public var year: Int
        public var basis: String
        public var hhi: Double?
        public var hhiLo: Double?
        public var hhiHi: Double?
        public var cr1: Double?
        public var cr3: Double?
        public var nEq: Double?
        public var band: ConcentrationBand?
        public var complete: Bool
        public var top: [Top]
        public var unavailable: Unavailable?
    }

    public struct YearChange: Codable, Hashable, Sendable {
        public var year: Int
        public var hhiChange: Double
        /// The change's interval over the draws; absent when no graph has uncertain figures.
        public var uncertainty: ChangeInterval?
    }

    /// The interval of an HHI change over Monte Carlo draws (METHODS §11.4): `[low, p50, high]`
    /// and whether it leaves out zero (the change exceeds the uncertainty).
    public struct ChangeInterval: Codable, Hashable, Sendable {
        public var interval: [Double]
        public var exceedsUncertainty: Bool

        init(_ estimate: IntervalEstimate) {
            interval = [estimate.low, estimate.median, estimate.high].map(ReportUnit.hhi.round)
            exceedsUncertainty = estimate.excludesZero
        }
    }

    /// The draws behind the intervals.
    public struct UncertaintyRun: Codable, Hashable, Sendable {
        public var draws: Int
        public var seed: UInt64
        /// Lower and upper probabilities of the intervals.
        public var interval: [Double]
    }

    public struct Series: Codable, Hashable, Sendable {
        public var mineral: MineralID
        public var stage: Stage
        /// Suppliers are countries (C1).
        public var level: SupplierLevel
        /// The basis of the points, or the bases joined with " / " when the years differ.
        public var basis: String
        public var points: [Point]
        /// Last year's HHI minus the first's.
        public var change: Double?
        /// Its interval over the draws; absent when no graph has uncertain figures.
        public var changeUncertainty: ChangeInterval?
        public var yearOnYear: [YearChange]
        public var topSupplierChanges: [Int]
        public var bandChanges: [Int]
    }

    public var format: String
    /// The files the series come from.
    public var files: [String]
    public var guidelines: MergerGuidelines
    public var series: [Series]
    /// Present when some graph has uncertain figures and the builder was given Monte Carlo settings.
    public var uncertainty: UncertaintyRun?
}

/// Builds a ``TrendReport`` from graphs.
public struct TrendReportBuilder: Sendable {
    public var guidelines: MergerGuidelines
    public var topSuppliers: Int
    public var mineral: MineralID?
    public var stage: Stage?
    /// Draws for the intervals of the changes (graphs with uncertain figures); `nil`: none.
    public var monteCarlo: MonteCarloSettings?

    public init(
        guidelines: MergerGuidelines = .us2023, topSuppliers: Int = 3, mineral: MineralID? = nil, stage: Stage? = nil,
        monteCarlo: MonteCarloSettings? = nil
    ) {
        self.monteCarlo = monteCarlo
        self.guidelines = guidelines
        self.topSuppliers = topSuppliers
        self.mineral = mineral
        self.stage = stage
    }

    public func build(_ graphs: [SupplyGraph], files: [String]) throws(ConcentrationTrendPass.Conflict) -> TrendReport {
        let series = try ConcentrationTrendPass(guidelines: guidelines).run(on: graphs)
            .filter { (mineral == nil || $0.mineral == mineral) && (stage == nil || $0.stage == stage) }
        var changes: [TrendUncertaintyPass.SeriesChanges] = []
        if let monteCarlo {
            changes = try TrendUncertaintyPass(trend: ConcentrationTrendPass(guidelines: guidelines), settings: monteCarlo).run(on: graphs)
        }
        let byMarket = Dictionary(changes.map { ("\($0.mineral)/\($0.stage)", $0) }, uniquingKeysWith: { a, _ in a })
        var report = TrendReport(
            format: TrendReport.formatVersion, files: files, guidelines: guidelines,
            series: series.map { item in
                TrendReport.Series(
                    mineral: item.mineral, stage: item.stage, level: .country,
                    basis: orderedUniqueStrings(item.points.map(\.basis)).joined(separator: " / "),
                    points: item.points.map { point in
                        let m = point.measures
                        return TrendReport.Point(
                            year: point.year, basis: point.basis, hhi: m.map { ReportUnit.hhi.round($0.hhi) }, hhiLo: m.map { ReportUnit.hhi.round($0.hhiLo) },
                            hhiHi: m.map { ReportUnit.hhi.round($0.hhiHi) }, cr1: m.map { ReportUnit.share.round($0.cr1) }, cr3: m.map { ReportUnit.share.round($0.cr3) },
                            nEq: m.map { ReportUnit.suppliers.round($0.nEq) }, band: point.band, complete: point.complete,
                            top: point.top.prefix(topSuppliers).map {
                                TrendReport.Top(country: $0.country, name: ReportBuilder.countryName($0.country), share: $0.share.map(ReportUnit.share.round))
                            },
                            unavailable: point.unavailable)
                    },
                    change: item.change.map(ReportUnit.hhi.round),
                    changeUncertainty: byMarket["\(item.mineral)/\(item.stage)"]?.change.map(TrendReport.ChangeInterval.init),
                    yearOnYear: item.yearOnYear.map {
                        TrendReport.YearChange(
                            year: $0.year, hhiChange: ReportUnit.hhi.round($0.delta),
                            uncertainty: byMarket["\(item.mineral)/\(item.stage)"]?.yearOnYear[$0.year].map(TrendReport.ChangeInterval.init))
                    },
                    topSupplierChanges: item.topSupplierChanges, bandChanges: item.bandChanges)
            })
        if let settings = monteCarlo, !changes.isEmpty {
            report.uncertainty = .init(draws: settings.draws, seed: settings.seed, interval: [settings.lowerProbability, settings.upperProbability])
        }
        return report
    }

    private func orderedUniqueStrings(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
