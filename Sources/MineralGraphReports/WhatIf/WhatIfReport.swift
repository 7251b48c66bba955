import MineralGraphAnalysis
import MineralGraphCore

/// The report of `mineral-graph whatif`: a scenario's propagation (METHODS §4.3, both bounds)
/// and every report figure of the graph before the shock and after it under each bound.
///
/// The "after" figures are the ordinary report (``ReportBuilder``) of each bound's shocked graph
/// (`ShockBound/graph`), so post-shock HHI, ΔHHI, `N_eq`, import-source HHI, unequal-exchange
/// and value-added metrics are computed by the same passes as the baseline's.
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
    public var before: Report
    /// The report of the no-substitution bound's shocked graph.
    public var afterNoSubstitution: Report
    /// The report of the with-substitution bound's shocked graph.
    public var afterWithSubstitution: Report

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
        let lower = ReportComparison(before: before, after: afterNoSubstitution)
        let upper = ReportComparison(before: before, after: afterWithSubstitution)
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
    /// `scenarioFile` are file names as they should appear (no directories).
    public func build(
        graph: SupplyGraph, scenario: Scenario, graphFile: String? = nil, scenarioFile: String? = nil
    ) throws(Failure) -> WhatIfReport {
        let before: Report
        do {
            // Building the baseline report first also checks the scheme the options name.
            before = try reports.build(graph, file: graphFile)
        } catch {
            throw .report(error)
        }
        // The baseline's scheme (it resolved, or building it failed above).
        let scheme = try? CountryGroupScheme.resolve(reports.scheme, for: graph)
        let result: ShockResult
        do {
            result = try ShockPropagationPass(scenario: scenario, options: options, scheme: scheme).run(on: graph)
        } catch {
            throw .scenario(error)
        }
        do {
            return WhatIfReport(
                scenario: .init(
                    id: scenario.id, title: scenario.title, description: scenario.description, file: scenarioFile,
                    sources: scenario.sources),
                result: result,
                before: before,
                afterNoSubstitution: try reports.build(result.noSubstitution.graph, file: graphFile),
                afterWithSubstitution: try reports.build(result.withSubstitution.graph, file: graphFile))
        } catch {
            throw .report(error)
        }
    }
}
