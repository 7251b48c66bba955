import Foundation
import MineralGraphAnalysis
import MineralGraphCore

// The other headline indices with their Monte Carlo intervals (METHODS §11.2): origin exposure,
// supply risk, value added and capture, unequal exchange and water. Each is measured on every
// drawn graph exactly as its own section measures it on the stated one — the section is built
// on the drawn graph and its keyed rows (``ReportRow``) read — so the interval belongs to the
// figure the report prints. Only figures whose interval shows at the report's precision (some
// draw moves them visibly) are listed.

extension Report {
    /// One headline figure of another section with its interval.
    public struct IndexUncertainty: Codable, Hashable, Sendable {
        /// The row section the figure belongs to (`exposure`, `supply_risk`, `value_capture` …).
        public var section: String
        public var mineral: String
        public var stage: String
        public var year: Int
        /// `country` or `group`.
        public var itemKind: String
        public var item: String
        public var itemName: String
        /// The figure's row metric (`origin_hhi`, `geopolrisk`, `value_usd_net` …).
        public var metric: String
        /// The figure's unit label (`HHI`, `share`, `USD`, `t Co`, `m3` …).
        public var unit: String
        public var estimate: Estimate
    }
}

/// The headline figures of the other sections, their measurement on drawn graphs, and their
/// presentation.
enum HeadlineUncertainty {
    /// The sections whose headline figures get intervals, and per row section the metrics that
    /// are headline figures (of countries and groups). Chosen as the figures each section's
    /// reading leads with (docs/methods.md §11.2).
    static let sections: [any ReportSection.Type] = [
        ReportSections.Exposure.self, ReportSections.SupplyRisk.self, ReportSections.ValueAdded.self,
        ReportSections.UnequalExchange.self, ReportSections.Water.self,
    ]
    static let metrics: [String: [String: String]] = [
        "exposure": ["origin_hhi": "origin-traced import HHI"],
        "supply_risk": ["geopolrisk": "GeoPolRisk score", "hhi_wgi_global": "HHI_WGI of global supply", "eu_supply_risk": "EU supply risk (SR)"],
        "value_added": ["share": "share of value added"],
        "value_capture": ["physical_share": "physical share", "value_capture_ratio": "value-capture ratio"],
        "trade_balance": ["contained_tonnes_net": "net imports, contained tonnes", "value_usd_net": "net imports, USD"],
        "terms_of_trade": ["ett": "ecological terms of trade"],
        "water": ["direct_consumption_m3": "direct water consumption"],
        "virtual_water": ["consumption_m3_net": "net virtual-water imports (consumption)"],
    ]

    static let sectionTitles = [
        "exposure": "Origin exposure", "supply_risk": "Supply risk", "value_added": "Value added", "value_capture": "Value capture",
        "trade_balance": "Trade balance", "terms_of_trade": "Terms of trade", "water": "Water", "virtual_water": "Virtual water",
    ]

    /// Headline figures of groups only: a country's physical share is its C1 share, whose
    /// interval the concentration table already gives.
    static let groupOnly: Set<String> = ["value_capture.physical_share"]

    /// Whether `key` names a headline figure.
    static func isHeadline(_ key: ReportRow.Key) -> Bool {
        guard key.itemKind == "group" || key.itemKind == "country", metrics[key.section]?[key.metric] != nil else { return false }
        return key.itemKind == "group" || !groupOnly.contains(key.section + "." + key.metric)
    }

    /// The headline rows of `sections` for `graph`, each section built as the report builds it;
    /// value added without its node rows and unit values, which hold no headline figure
    /// (``ReportSections/ValueAdded/headline(_:groups:valueAdded:)``), and with `valueAdded`
    /// as its ``ValueAddedPass`` result when given.
    static func rows(
        _ graph: SupplyGraph, _ options: ReportBuilder, _ groups: CountryGroupScheme, sections: [any ReportSection.Type],
        valueAdded: MineralGraphAnalysis.ValueAdded? = nil
    ) -> [ReportRow] {
        allRows(graph, options, groups, sections: sections, valueAdded: valueAdded).filter { isHeadline($0.key) }
    }

    /// ``rows(_:_:_:sections:valueAdded:)`` before the headline rows are picked out.
    private static func allRows(
        _ graph: SupplyGraph, _ options: ReportBuilder, _ groups: CountryGroupScheme, sections: [any ReportSection.Type],
        valueAdded: MineralGraphAnalysis.ValueAdded?
    ) -> [ReportRow] {
        var context: ReportContext?
        var rows = MetricRows(year: graph.year)
        for section in sections {
            if ObjectIdentifier(section) == ObjectIdentifier(ReportSections.ValueAdded.self) {
                rows.add(ReportSections.ValueAdded.headline(graph, groups: groups, valueAdded: valueAdded))
            } else {
                let built = context ?? ReportContext(graph: graph, options: options, groups: groups)
                context = built
                section.rows(builtFrom: built, into: &rows)
            }
        }
        return rows.rows
    }

    /// The numbers of the rows with `keys`, in their order (`nil` where a row is missing or not
    /// a number). Rows come in the order the sections emit them, so the keys are met in turn;
    /// rows out of that order are found by key.
    static func numbers(_ rows: [ReportRow], at keys: [ReportRow.Key]) -> [Double?] {
        var numbers = [Double?](repeating: nil, count: keys.count)
        var next = 0
        for row in rows where next < keys.count && row.key == keys[next] {
            numbers[next] = row.value.number
            next += 1
        }
        guard next < keys.count else { return numbers }
        let position = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        numbers = [Double?](repeating: nil, count: keys.count)
        for row in rows { if let i = position[row.key] { numbers[i] = row.value.number } }
        return numbers
    }

    /// The headline figures whose interval shows at the report's precision, in row order.
    ///
    /// A section is drawn only if some uncertain figure, moved alone to an end of its interval,
    /// changes one of its headline figures (``MonteCarloSettings/dependsOnSome(_:_:)``): a
    /// section of trade figures is not drawn when only production figures are uncertain, and
    /// one without headline figures (a production table has no trade) never is.
    static func estimates(_ context: ReportContext, _ figures: UncertainFigures) -> [Report.IndexUncertainty] {
        let settings = context.options.monteCarlo
        let (options, groups) = (context.options, context.groups)
        // Value added (V1) when it reads no uncertain figure: the same on every drawn graph.
        let valueAdded = ValueAddedPass.readsSome(of: figures) ? nil : ValueAddedPass(scheme: groups).run(on: context.derived)
        let stated = sections.map { ($0, rows(context.graph, options, groups, sections: [$0])) }.filter { !$0.1.isEmpty }
        let measured = stated.filter { section, _ in
            settings.dependsOnSome(figures) { rows($0, options, groups, sections: [section], valueAdded: valueAdded).map(\.value) }
        }
        guard !measured.isEmpty else { return [] }
        // Each drawn graph's number for each stated headline number (`MonteCarloSettings.estimates`,
        // with the drawn rows matched to the stated ones in order rather than by hashing every key).
        let statedNumbers = measured.flatMap(\.1).compactMap { row in row.value.number.map { (key: row.key, value: $0) } }
        let keys = statedNumbers.map(\.key)
        let drawnSections = measured.map(\.0)
        let drawn = settings.sampleConcurrently(figures) { graph in
            numbers(allRows(graph, options, groups, sections: drawnSections, valueAdded: valueAdded), at: keys)
        }
        var values: [ReportRow.Key: IntervalEstimate] = [:]
        for (i, stated) in statedNumbers.enumerated() {
            values[stated.key] = IntervalEstimate(value: stated.value, draws: drawn.compactMap { $0[i] }, settings: settings)
        }
        return stated.flatMap(\.1).compactMap { row in
            guard let estimate = values[row.key] else { return nil }
            let unit = ReportUnit.forLabel(row.key.unit)
            let rounded = Report.Estimate(estimate, unit, settings)
            // Listed when the interval shows at the report's precision.
            guard display(rounded, unit, low: true) != display(rounded, unit, low: false) else { return nil }
            return Report.IndexUncertainty(
                section: row.key.section, mineral: row.key.mineral, stage: row.key.stage, year: row.year, itemKind: row.key.itemKind,
                item: row.key.item, itemName: row.itemName, metric: row.key.metric, unit: row.key.unit, estimate: rounded)
        }
    }

    static func blocks(_ indices: [Report.IndexUncertainty]) -> [ReportDocument.Block] {
        guard !indices.isEmpty else { return [] }
        return [
            .heading(level: 3, text: "Exposure, supply risk, value added, unequal exchange and water"),
            .table(ReportDocument.Table(
                columns: [
                    .init("Figure"), .init("Mineral"), .init("Stage"), .init("Country or group"), .init("Value (interval)", .right),
                ],
                rows: indices.map { row in
                    [
                        [.text(title(row))], [.text(row.mineral.isEmpty ? "—" : row.mineral)], [.text(row.stage.isEmpty ? "—" : row.stage)],
                        [.text(row.itemKind == "country" ? "\(row.itemName) (\(row.item))" : row.itemName.isEmpty ? row.item : row.itemName)],
                        [.text(display(row.estimate, ReportUnit.forLabel(row.unit)))],
                    ]
                })),
        ]
    }

    /// `Display.estimate`, but ratios to three significant digits (a GeoPolRisk score of 0.0957
    /// (0.0901–0.1002), not 0.10 (0.09–0.10)), by the size of the value.
    static func display(_ estimate: Report.Estimate, _ unit: ReportUnit) -> String {
        "\(display(estimate.value, estimate, unit)) (\(display(estimate, unit, low: true))–\(display(estimate, unit, low: false)))"
    }

    /// The interval's low or high end as ``display(_:_:)`` prints it.
    static func display(_ estimate: Report.Estimate, _ unit: ReportUnit, low: Bool) -> String {
        display(low ? estimate.low : estimate.high, estimate, unit)
    }

    private static func display(_ value: Double, _ estimate: Report.Estimate, _ unit: ReportUnit) -> String {
        guard unit.style == .ratio else { return unit.display(value) }
        let size = abs(estimate.value) > 0 ? abs(estimate.value) : max(abs(estimate.low), abs(estimate.high))
        let decimals = size > 0 ? min(max(2 - Int(log10(size).rounded(.down)), 2), 4) : 2
        return NumberFormatting.grouped(value, decimals: decimals)
    }

    /// `Value capture: value-capture ratio`.
    static func title(_ row: Report.IndexUncertainty) -> String {
        "\(sectionTitles[row.section] ?? row.section): \(metrics[row.section]?[row.metric] ?? row.metric)"
    }
}

extension ReportSection {
    /// The section built on `context`'s graph, as keyed rows.
    static func rows(builtFrom context: ReportContext, into rows: inout MetricRows) {
        self.rows(build(context), into: &rows)
    }
}

extension ReportUnit {
    /// The unit whose label a row carries, for printing an estimate of it: the named units,
    /// `m3…` as water, `t…` as tonnes, others as ratios.
    static func forLabel(_ label: String) -> ReportUnit {
        let known: [ReportUnit] = [.hhi, .share, .suppliers, .usd, .usdPerTonne, .ratio, .tonnes, .cubicMetres, .count]
        if let unit = known.first(where: { $0.label == label }) { return unit }
        if label.hasPrefix("m3") { return .cubicMetres(label) }
        if label.hasPrefix("t ") { return .tonnes(label) }
        return .named(label)
    }
}

extension MetricRows {
    mutating func add(_ index: Report.IndexUncertainty) {
        let c = Context(
            section: "uncertainty_indices", mineral: index.mineral, stage: index.stage, year: index.year, itemKind: index.itemKind,
            item: index.item, itemName: index.itemName)
        emit(c, index.estimate, index.section + "_" + index.metric, ReportUnit.forLabel(index.unit))
    }
}
