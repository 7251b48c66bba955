import MineralGraphAnalysis
import MineralGraphCore

// Whether a change between two graphs exceeds the uncertainty of their figures (METHODS
// §11.4): for each headline index that changed, the interval of the difference `after −
// before` over paired Monte Carlo draws of the two graphs, and whether it leaves out zero.

/// The interval of a change between two graphs over their paired draws.
public struct ChangeUncertainty: Hashable, Sendable {
    /// `after − before` from the stated figures, and the quantiles of the drawn differences,
    /// rounded like the rows' figures.
    public var change: IntervalEstimate
    /// Whether the interval of the difference leaves out zero: the change exceeds the
    /// uncertainty.
    public var exceeds: Bool { change.excludesZero }
}

extension ReportComparison {
    /// The settings of the draws behind ``changeUncertainty``; `nil` when neither graph has an
    /// uncertain figure.
    public var monteCarlo: MonteCarloSettings? {
        get { changeSettings }
        set { changeSettings = newValue }
    }
}

/// Headline indices whose change `diff` tests against the uncertainty, and their paired draws.
enum ChangeDraws {
    /// C1 and C2 (concentration HHI per market, import-source HHI by tonnes and by value) and
    /// the other sections' headline figures (``HeadlineUncertainty``).
    static let sections: [any ReportSection.Type] = [ReportSections.Concentration.self, ReportSections.ImportConcentration.self]
        + HeadlineUncertainty.sections

    static func isHeadline(_ key: ReportRow.Key) -> Bool {
        switch (key.section, key.metric) {
        case ("concentration", "hhi"), ("import_concentration", "hhi_by_tonnes"), ("import_concentration", "hhi_by_value"): true
        default: HeadlineUncertainty.isHeadline(key)
        }
    }

    /// The headline figures of `graph` in `sections`, each section built as the report builds it.
    static func values(
        _ graph: SupplyGraph, _ options: ReportBuilder, _ groups: CountryGroupScheme, sections: [any ReportSection.Type] = sections
    ) -> [ReportRow.Key: Double] {
        let context = ReportContext(graph: graph, options: options, groups: groups)
        var rows = MetricRows(year: graph.year)
        for section in sections { section.rows(builtFrom: context, into: &rows) }
        return rows.rows.reduce(into: [:]) { out, row in
            if isHeadline(row.key), let number = row.value.number { out[row.key] = number }
        }
    }

    /// The figures of every draw of `graph`. Sections that no uncertain figure of the graph
    /// moves (screened as in the report, ``MonteCarloSettings/dependsOnSome(_:_:)``) keep their
    /// stated figures in every draw.
    static func draws(_ graph: SupplyGraph, _ options: ReportBuilder, _ groups: CountryGroupScheme) -> [ReportRow.Key: [Double?]] {
        let figures = UncertainFigures(graph)
        let settings = options.monteCarlo
        let drawn = sections.filter { section in settings.dependsOnSome(figures) { values($0, options, groups, sections: [section]) } }
        let fixed = sections.filter { section in !drawn.contains { $0 == section } }
        var out = values(graph, options, groups, sections: fixed).mapValues { Array(repeating: Optional($0), count: max(settings.draws, 0)) }
        if !drawn.isEmpty {
            out.merge(settings.drawnValues(figures) { values($0, options, groups, sections: drawn) }) { first, _ in first }
        }
        return out
    }

    /// For every changed headline row of `comparison`, the interval of its change over the
    /// paired draws of `before` and `after`; empty when neither graph has an uncertain figure.
    static func uncertainty(
        _ comparison: ReportComparison, before: SupplyGraph, after: SupplyGraph, options: ReportBuilder,
        groups: (CountryGroupScheme, CountryGroupScheme)
    ) -> [ReportRow.Key: ChangeUncertainty] {
        guard !UncertainFigures(before).isEmpty || !UncertainFigures(after).isEmpty else { return [:] }
        let changed = comparison.rows.filter { isHeadline($0.key) && $0.status == .changed && $0.delta != nil }
        guard !changed.isEmpty else { return [:] }
        let a = draws(before, options, groups.0), b = draws(after, options, groups.1)
        let settings = options.monteCarlo
        var out: [ReportRow.Key: ChangeUncertainty] = [:]
        for row in changed {
            guard let delta = row.delta, let x = a[row.key], let y = b[row.key] else { continue }
            let differences = zip(x, y).compactMap { p, q in p.flatMap { p in q.map { $0 - p } } }
            guard let estimate = IntervalEstimate(value: delta, draws: differences, settings: settings) else { continue }
            let round = { (v: Double) in ReportUnit.round(v, 4) }
            out[row.key] = ChangeUncertainty(change: IntervalEstimate(
                value: delta, low: round(estimate.low), median: round(estimate.median), high: round(estimate.high)))
        }
        return out
    }
}

extension ReportBuilder {
    /// The comparison of two graphs (`mineral-graph diff`): their reports' rows joined, and,
    /// when either graph has uncertain figures, whether each changed headline index changed by
    /// more than its uncertainty (``ReportComparison/changeUncertainty``; METHODS §11.4).
    public func compare(
        _ before: SupplyGraph, file beforeFile: String? = nil, with after: SupplyGraph, file afterFile: String? = nil
    ) throws(ReportError) -> ReportComparison {
        var comparison = ReportComparison(before: try build(before, file: beforeFile), after: try build(after, file: afterFile))
        let groups: (CountryGroupScheme, CountryGroupScheme)
        do {
            groups = (try CountryGroupScheme.resolve(scheme, for: before), try CountryGroupScheme.resolve(scheme, for: after))
        } catch { throw .unknownScheme(error.id) }
        comparison.changeUncertainty = ChangeDraws.uncertainty(comparison, before: before, after: after, options: self, groups: groups)
        if !comparison.changeUncertainty.isEmpty { comparison.monteCarlo = monteCarlo }
        return comparison
    }
}
