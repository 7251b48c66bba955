import Foundation
import MineralGraphAnalysis
import MineralGraphCore

/// The report of `mineral-graph whatif`: a scenario's propagation (METHODS §4.3, both bounds)
/// and every report figure of the graph before the shock and after it under each bound.
///
/// The "after" figures are the ordinary report (``ReportBuilder``) of each bound's shocked graph
/// (`ShockBound/graph`), so post-shock HHI, ΔHHI, `N_eq`, import-source HHI, unequal-exchange
/// and value-added metrics are computed by the same passes as the baseline's. When the graph
/// has uncertain figures, ``uncertainty`` gives the headline figures' Monte Carlo intervals
/// (the scenario applied to each drawn graph); the three reports are then of the stated figures
/// alone, without the report's own uncertainty section.
public struct WhatIfReport: Sendable {
    /// The scenario as written.
    public struct ScenarioInfo: Hashable, Codable, Sendable {
        public var id: String
        public var title: String?
        public var description: String?
        /// The scenario file's name without directories, if read from a file.
        public var file: String?
        public var sources: [SourceReference]
    }

    public var scenario: ScenarioInfo
    public var result: ShockResult
    /// The report of the graph as it is.
    public var before: Report { didSet { joined = nil } }
    /// The report of the no-substitution bound's shocked graph.
    public var afterNoSubstitution: Report { didSet { joined = nil } }
    /// The report of the with-substitution bound's shocked graph.
    public var afterWithSubstitution: Report { didSet { joined = nil } }
    /// ``metricRows()`` as the builder joined them; `nil` after a report is replaced.
    var joined: [MetricRow]?
    /// The headline figures' intervals over drawn graphs; `nil` when every figure is exact.
    public var uncertainty: WhatIfUncertainty?

    init(scenario: ScenarioInfo, result: ShockResult, before: Report, afterNoSubstitution: Report, afterWithSubstitution: Report) {
        self.scenario = scenario
        self.result = result
        self.before = before
        self.afterNoSubstitution = afterNoSubstitution
        self.afterWithSubstitution = afterWithSubstitution
        joined = Self.join(before: before, afterNoSubstitution: afterNoSubstitution, afterWithSubstitution: afterWithSubstitution)
    }

    /// Whether the scenario offers spare capacity, so that the two bounds can differ.
    public var hasSubstitution: Bool { !result.spareCapacity.isEmpty || !result.withSubstitution.spare.isEmpty }

    /// Every figure of the three reports, joined on its key (``metricRows()``).
    public struct MetricRow: Hashable, Sendable {
        public var key: ReportRow.Key
        public var itemName: String
        public var basis: String
        public var before: ReportRow.Value?
        public var afterNoSubstitution: ReportRow.Value?
        public var afterWithSubstitution: ReportRow.Value?

        /// The change from before to the bound's after, as a comparison row.
        public func comparison(_ bound: SubstitutionBound) -> ReportComparison.Row {
            ReportComparison.Row(
                key: key, itemName: itemName, basis: basis, before: before,
                after: bound == .noSubstitution ? afterNoSubstitution : afterWithSubstitution)
        }

        /// Whether the figure differs after the shock under either bound.
        public var changed: Bool {
            comparison(.noSubstitution).status != .unchanged || comparison(.withSubstitution).status != .unchanged
        }
    }

    /// The figures of the baseline report and both shocked reports, in the order of the
    /// baseline-to-lower-bound comparison, then any key only the upper bound has.
    public func metricRows() -> [MetricRow] {
        joined ?? Self.join(before: before, afterNoSubstitution: afterNoSubstitution, afterWithSubstitution: afterWithSubstitution)
    }

    /// The three reports' rows (``Report/rows()``, computed side by side) and the two comparisons
    /// with the baseline (side by side), joined on their keys.
    static func join(before: Report, afterNoSubstitution: Report, afterWithSubstitution: Report) -> [MetricRow] {
        let reports = [before, afterNoSubstitution, afterWithSubstitution]
        let all = Parallel.map(reports.indices) { reports[$0].rows() }
        let compared = Parallel.map(1..<3) { k in
            ReportComparison(before: before.graph, after: reports[k].graph, beforeRows: all[0], afterRows: all[k])
        }
        let (lower, upper) = (compared[0], compared[1])
        let upperByKey = Dictionary(upper.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var rows = lower.rows.map { row in
            MetricRow(
                key: row.key, itemName: row.itemName, basis: row.basis, before: row.before,
                afterNoSubstitution: row.after, afterWithSubstitution: upperByKey[row.key]?.after)
        }
        let seen = Set(lower.rows.map(\.key))
        for row in upper.rows where !seen.contains(row.key) {
            rows.append(MetricRow(
                key: row.key, itemName: row.itemName, basis: row.basis, before: row.before,
                afterNoSubstitution: nil, afterWithSubstitution: row.after))
        }
        return rows
    }
}

/// Runs a scenario on a graph and builds the three reports of a ``WhatIfReport``.
public struct WhatIfReportBuilder: Sendable {
    public var reports: ReportBuilder
    public var options: ShockPropagationOptions

    public init(reports: ReportBuilder = ReportBuilder(), options: ShockPropagationOptions = .default) {
        self.reports = reports
        self.options = options
    }

    public enum Failure: Error, CustomStringConvertible {
        case scenario(ShockScenarioError)
        case report(ReportError)

        public var description: String {
            switch self {
            case .scenario(let error): "\(error)"
            case .report(let error): "\(error)"
            }
        }
    }

    /// Propagates `scenario` through `graph` and reports before and after; `graphFile` and
    /// `scenarioFile` are file names as they should appear (no directories). The propagation
    /// runs beside the sections of the baseline's report, then the sections of both shocked
    /// graphs' reports run side by side in one pool (``ReportBuilder/build(_:files:alongside:)``). When `graph` has uncertain
    /// figures, `ShockUncertaintyPass` runs with the report options' Monte Carlo settings
    /// (``WhatIfReport/uncertainty``).
    public func build(
        graph: SupplyGraph, scenario: Scenario, graphFile: String? = nil, scenarioFile: String? = nil
    ) throws(Failure) -> WhatIfReport {
        let scheme: CountryGroupScheme
        do {
            // The report options first: a bad scheme is reported before the scenario is checked.
            scheme = try reports.checkedScheme(for: graph)
        } catch {
            throw .report(error)
        }
        // Uncertain figures are drawn below, with the scenario applied to each drawn graph: the
        // reports are of the stated figures (a shocked graph's statements are the baseline's).
        let uncertain = !UncertainFigures(graph).isEmpty
        let stated = { (graph: SupplyGraph) in uncertain ? graph.withoutUncertainty : graph }
        // The baseline's report does not wait for the propagation: it runs beside its
        // sections, then the sections of both shocked graphs' reports run in one pool.
        let propagation = ShockPropagationPass(scenario: scenario, options: options, scheme: scheme)
        let first: (reports: [Report], alongside: Result<ShockResult, ShockScenarioError>)
        do {
            first = try reports.build([stated(graph)], files: [graphFile]) {
                Result { () throws(ShockScenarioError) in try propagation.run(on: graph) }
            }
        } catch {
            throw .report(error)
        }
        let result: ShockResult, after: [Report]
        do {
            result = try first.alongside.get()
        } catch {
            throw .scenario(error)
        }
        do {
            after = try reports.build(
                [stated(result.noSubstitution.graph), stated(result.withSubstitution.graph)], files: [graphFile, graphFile])
        } catch {
            throw .report(error)
        }
        var uncertainty: WhatIfUncertainty?
        if uncertain {
            let pass = ShockUncertaintyPass(
                propagation: ShockPropagationPass(scenario: scenario, options: options, scheme: scheme),
                concentration: StageConcentrationPass(guidelines: reports.guidelines, upperBound: reports.upperBound),
                settings: reports.monteCarlo)
            do {
                uncertainty = try pass.run(on: graph).map(WhatIfUncertainty.init)
            } catch {
                throw .scenario(error)
            }
        }
        var report = WhatIfReport(
            scenario: .init(
                id: scenario.id, title: scenario.title, description: scenario.description, file: scenarioFile,
                sources: scenario.sources),
            result: result, before: first.reports[0], afterNoSubstitution: after[0], afterWithSubstitution: after[1])
        report.uncertainty = uncertainty
        return report
    }
}
