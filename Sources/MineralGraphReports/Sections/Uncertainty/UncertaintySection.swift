import Foundation
import MineralGraphAnalysis
import MineralGraphCore

// The uncertainty section (METHODS §11): the concentration (C1) and import-source (C2) HHIs
// with their Monte Carlo intervals and how robust their labels are, and the other sections'
// headline figures with theirs (IndexUncertainty.swift). Absent — no JSON key, no
// heading, no rows, no method note — when every figure of the graph is exact, so reports of
// such graphs are what they were before uncertainty existed.

extension Report {
    /// The Monte Carlo run and its results.
    public struct Uncertainty: Codable, Hashable, Sendable {
        public var draws: Int
        public var seed: UInt64
        /// Lower and upper probabilities of the intervals (0.05 and 0.95 by default).
        public var interval: [Double]
        /// Figures of the graph with an interval.
        public var uncertainFigures: Int
        public var concentration: [ConcentrationUncertainty]
        public var imports: [ImportUncertainty]
        /// Headline figures of the exposure, supply-risk, value-added, unequal-exchange and water
        /// sections that some draw moves; the JSON key `indices` is left out when there are none.
        public var indices: [IndexUncertainty] = []

        enum CodingKeys: String, CodingKey {
            case draws, seed, interval, uncertainFigures, concentration, imports, indices
        }

        init(
            draws: Int, seed: UInt64, interval: [Double], uncertainFigures: Int, concentration: [ConcentrationUncertainty],
            imports: [ImportUncertainty], indices: [IndexUncertainty]
        ) {
            (self.draws, self.seed, self.interval, self.uncertainFigures) = (draws, seed, interval, uncertainFigures)
            (self.concentration, self.imports, self.indices) = (concentration, imports, indices)
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            draws = try c.decode(Int.self, forKey: .draws)
            seed = try c.decode(UInt64.self, forKey: .seed)
            interval = try c.decode([Double].self, forKey: .interval)
            uncertainFigures = try c.decode(Int.self, forKey: .uncertainFigures)
            concentration = try c.decode([ConcentrationUncertainty].self, forKey: .concentration)
            imports = try c.decode([ImportUncertainty].self, forKey: .imports)
            indices = try c.decodeIfPresent([IndexUncertainty].self, forKey: .indices) ?? []
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(draws, forKey: .draws)
            try c.encode(seed, forKey: .seed)
            try c.encode(interval, forKey: .interval)
            try c.encode(uncertainFigures, forKey: .uncertainFigures)
            try c.encode(concentration, forKey: .concentration)
            try c.encode(imports, forKey: .imports)
            if !indices.isEmpty { try c.encode(indices, forKey: .indices) }
        }
    }

    /// A figure and its distribution. JSON: `{"value": 5555.56, "p05": 5232.6, "p50": 5555.1,
    /// "p95": 5883.2}`, the quantile keys named by their probabilities (`p05`, `p95` by default).
    public struct Estimate: Codable, Hashable, Sendable {
        public var value: Double
        public var low: Double
        public var median: Double
        public var high: Double
        /// Probabilities of `low` and `high`, for the JSON keys.
        var probabilities: [Double]

        init(_ estimate: IntervalEstimate, _ unit: ReportUnit, _ settings: MonteCarloSettings) {
            value = unit.round(estimate.value)
            low = unit.round(estimate.low)
            median = unit.round(estimate.median)
            high = unit.round(estimate.high)
            probabilities = [settings.lowerProbability, settings.upperProbability]
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        /// `p05`, `p50`, `p95`, `p025`, `p975`: the probability's decimal digits after "0.", at
        /// least two.
        static func key(_ probability: Double) -> String {
            let percent = (probability * 1_000).rounded() / 10
            var digits = percent == percent.rounded() ? String(Int(percent)) : NumberFormatting.plain(percent).replacingOccurrences(of: ".", with: "")
            if percent < 10 { digits = "0" + digits }
            return "p" + digits
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(value, forKey: Key("value"))
            try c.encode(low, forKey: Key(Self.key(probabilities[0])))
            try c.encode(median, forKey: Key("p50"))
            try c.encode(high, forKey: Key(Self.key(probabilities[1])))
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            let probability = { (key: String) -> Double in Double("0." + key.dropFirst()) ?? 0 }
            let names: [String] = c.allKeys.map(\.stringValue).filter { $0.hasPrefix("p") && $0 != "p50" }
            let quantiles = names.sorted { probability($0) < probability($1) }
            guard quantiles.count == 2 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "an estimate needs two quantiles besides p50"))
            }
            value = try c.decode(Double.self, forKey: Key("value"))
            low = try c.decode(Double.self, forKey: Key(quantiles[0]))
            median = try c.decode(Double.self, forKey: Key("p50"))
            high = try c.decode(Double.self, forKey: Key(quantiles[1]))
            probabilities = quantiles.map(probability)
        }
    }

    /// One market's C1 with its uncertainty.
    public struct ConcentrationUncertainty: Codable, Hashable, Sendable {
        public var mineral: MineralID
        public var stage: Stage
        public var year: Int
        public var basis: String
        public var hhi: Estimate
        public var cr1: Estimate
        public var band: ConcentrationBand?
        /// Share of draws in the stated band (0…1).
        public var bandProbability: Double
        public var topSupplier: CountryCode?
        public var topSupplierName: String?
        /// Share of draws in which the top supplier stays on top (0…1).
        public var topSupplierProbability: Double
    }

    /// One importer's C2 with its uncertainty.
    public struct ImportUncertainty: Codable, Hashable, Sendable {
        public var importer: CountryCode
        public var importerName: String
        public var mineral: MineralID
        public var stage: Stage
        public var year: Int
        /// `contained-tonnes` or `value-usd`.
        public var measure: String
        public var hhi: Estimate
        public var band: ConcentrationBand?
        public var bandProbability: Double
    }
}

extension ReportSections {
    /// Intervals of the concentration indices, from the figures' uncertainty.
    enum Uncertainty: ReportSection {
        static let key = "uncertainty"
        static let empty: Report.Uncertainty? = nil
        static let omitsEmptyValue = true
        static let rowSectionTitles = [
            "uncertainty": "Concentration with its uncertainty (Monte Carlo)",
            "uncertainty_imports": "Import-source HHI with its uncertainty (Monte Carlo)",
            "uncertainty_indices": "Other indices with their uncertainty (Monte Carlo)",
        ]

        static func build(_ context: ReportContext) -> Report.Uncertainty? {
            let settings = context.options.monteCarlo
            let figures = UncertainFigures(context.graph)
            guard !figures.isEmpty else { return nil }
            let concentration = ConcentrationUncertaintyPass(
                concentration: StageConcentrationPass(guidelines: context.options.guidelines, upperBound: context.options.upperBound),
                settings: settings
            ).run(on: context.graph)
            let imports = ImportUncertaintyPass(imports: ImportConcentrationPass(guidelines: context.options.guidelines), settings: settings)
                .run(on: context.graph)
            return Report.Uncertainty(
                draws: settings.draws, seed: settings.seed, interval: [settings.lowerProbability, settings.upperProbability],
                uncertainFigures: concentration.uncertainFigures,
                // Indices that no draw moves (every figure behind them exact) are left out.
                concentration: concentration.markets.filter { $0.hhi.low != $0.hhi.high || $0.cr1.low != $0.cr1.high }.map { market in
                    Report.ConcentrationUncertainty(
                        mineral: market.mineral, stage: market.stage, year: market.year, basis: market.basis,
                        hhi: .init(market.hhi, .hhi, settings), cr1: .init(market.cr1, .share, settings), band: market.band,
                        bandProbability: ReportUnit.share.round(market.bandProbability), topSupplier: market.topSupplier,
                        topSupplierName: market.topSupplier.map(ReportBuilder.countryName),
                        topSupplierProbability: ReportUnit.share.round(market.topSupplierProbability))
                },
                imports: imports.filter { $0.hhi.low != $0.hhi.high }.map { row in
                    Report.ImportUncertainty(
                        importer: row.importer, importerName: ReportBuilder.countryName(row.importer), mineral: row.mineral,
                        stage: row.stage, year: row.year, measure: row.measure.rawValue, hhi: .init(row.hhi, .hhi, settings),
                        band: row.band, bandProbability: ReportUnit.share.round(row.bandProbability))
                },
                indices: HeadlineUncertainty.estimates(context, figures))
        }

        static func methods(_ context: ReportContext) -> [Report.MethodNote] {
            UncertainFigures(context.graph).isEmpty ? [] : methodNotes
        }

        static let methodNotes = [Report.MethodNote(
            id: "U1", title: "Uncertainty of the concentration indices (Monte Carlo)",
            formula: "draw every uncertain figure uniformly from its interval, independently; compute C1, C2 and the headline figures of exposure, supply risk, value added, unequal exchange and water on each drawn graph; report the stated value, the median and the interval's quantiles (type 7); robustness = share of draws keeping the stated band or top supplier",
            section: "METHODS §11",
            notes: "Intervals come from the figures' own statements (range, ± fraction, estimated, rounded or grade marks) or the graph's uncertainty defaults (±10 % for estimates and ±0.5 % for rounded figures unless set; production, flow and grade-derived figures exact unless set). The ±10 % for estimates is the tool's convention: the sources mark estimates but publish no error. SplitMix64 from the seed: the same graph, draws and seed give the same figures.",
            sources: ["Hyndman, R. J. and Fan, Y. (1996), Sample quantiles in statistical packages, The American Statistician 50(4)", "Steele, G. L., Lea, D. and Flood, C. H. (2014), Fast splittable pseudorandom number generators, OOPSLA"])]

        static func blocks(_ value: Report.Uncertainty?, in report: Report) -> [ReportDocument.Block] {
            guard let value else { return [] }
            return ReportDocument.uncertaintySection(value)
        }

        static func rows(_ value: Report.Uncertainty?, into rows: inout MetricRows) {
            guard let value else { return }
            for market in value.concentration { rows.add(market) }
            for row in value.imports { rows.add(row) }
            for index in value.indices { rows.add(index) }
        }
    }
}

extension Report {
    /// The concentration indices with their intervals; `nil` when every figure is exact.
    public var uncertainty: Uncertainty? {
        get { self[ReportSections.Uncertainty.self] }
        set { self[ReportSections.Uncertainty.self] = newValue }
    }
}

extension ReportDocument {
    static func uncertaintySection(_ value: Report.Uncertainty) -> [Block] {
        let percent = { (p: Double) in NumberFormatting.plain((p * 1_000).rounded() / 10) }
        let interval = "\(percent(value.interval[0]))–\(percent(value.interval[1])) %"
        var blocks: [Block] = [
            .heading(level: 2, text: "Uncertainty of the concentration figures"),
            .paragraph([
                .text("\(value.uncertainFigures) figure\(value.uncertainFigures == 1 ? "" : "s") of the graph carry an interval (their own, or the graph's defaults: METHODS §11). Each index below is given as its value from the stated figures and, in brackets, the \(interval) interval of \(NumberFormatting.grouped(Double(value.draws))) Monte Carlo draws (seed \(value.seed)); a label's percentage is the share of draws that keep it. Indices whose figures are all exact are not listed."),
            ]),
        ]
        if !value.concentration.isEmpty {
            blocks.append(.table(Table(
                columns: [
                    Column("Mineral"), Column("Stage"), Column("Year", .right), Column("Basis"), Column("HHI", .right),
                    Column("Band (share of draws)"), Column("CR1", .right), Column("Top supplier (share of draws)"),
                ],
                rows: value.concentration.map { row in
                    [
                        [.text(Display.mineral(row.mineral))], [.text(row.stage.rawValue)], [.text(String(row.year))], [.text(row.basis)],
                        [.text(Display.estimate(row.hhi, .hhi))],
                        [.text(row.band.map { "\($0.title) (\(Display.percent(row.bandProbability)))" } ?? "—")],
                        [.text(Display.estimate(row.cr1, .share))],
                        [.text(row.topSupplier.map { "\(row.topSupplierName ?? $0.rawValue) (\(Display.percent(row.topSupplierProbability)))" } ?? "—")],
                    ]
                })))
        }
        if !value.imports.isEmpty {
            blocks.append(.heading(level: 3, text: "Import-source concentration"))
            blocks.append(.table(Table(
                columns: [
                    Column("Importer"), Column("Mineral"), Column("Supplying stage"), Column("Measure"), Column("HHI", .right),
                    Column("Band (share of draws)"),
                ],
                rows: value.imports.map { row in
                    [
                        [.text("\(row.importerName) (\(row.importer))")], [.text(Display.mineral(row.mineral))], [.text(row.stage.rawValue)],
                        [.text(row.measure == "value-usd" ? "USD" : "contained tonnes")], [.text(Display.estimate(row.hhi, .hhi))],
                        [.text(row.band.map { "\($0.title) (\(Display.percent(row.bandProbability)))" } ?? "—")],
                    ]
                })))
        }
        return blocks + HeadlineUncertainty.blocks(value.indices)
    }
}

extension Display {
    /// `5,556 (5,233–5,883)`: the value and its interval.
    static func estimate(_ estimate: Report.Estimate, _ unit: ReportUnit) -> String {
        "\(unit.display(estimate.value)) (\(unit.display(estimate.low))–\(unit.display(estimate.high)))"
    }
}

extension MetricRows {
    mutating func add(_ market: Report.ConcentrationUncertainty) {
        let c = Context(
            section: "uncertainty", mineral: market.mineral.rawValue, stage: market.stage.rawValue, year: market.year,
            basis: market.basis, itemKind: "stage", item: market.stage.rawValue)
        emit(c, market.hhi, "hhi", .hhi)
        emit(c, market.cr1, "cr1", .share)
        emit(c, "band_probability", .share, .number(market.bandProbability))
        emit(c, "top_supplier_probability", .share, .number(market.topSupplierProbability))
    }

    mutating func add(_ row: Report.ImportUncertainty) {
        let c = Context(
            section: "uncertainty_imports", mineral: row.mineral.rawValue, stage: row.stage.rawValue, year: row.year,
            itemKind: "country", item: row.importer.rawValue, itemName: row.importerName)
        let prefix = row.measure == "value-usd" ? "hhi_usd" : "hhi_t"
        emit(c, row.hhi, prefix, .hhi)
        emit(c, prefix + "_band_probability", .share, .number(row.bandProbability))
    }

    /// `NAME`, `NAME_p05`, `NAME_p50`, `NAME_p95`.
    mutating func emit(_ c: Context, _ estimate: Report.Estimate, _ name: String, _ unit: ReportUnit) {
        emit(c, name, unit, .number(estimate.value))
        emit(c, name + "_" + Report.Estimate.key(estimate.probabilities[0]), unit, .number(estimate.low))
        emit(c, name + "_p50", unit, .number(estimate.median))
        emit(c, name + "_" + Report.Estimate.key(estimate.probabilities[1]), unit, .number(estimate.high))
    }
}
