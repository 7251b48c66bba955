import MineralGraphAnalysis
import MineralGraphCore

// The what-if report's figures with their Monte Carlo intervals (docs/methods.md §11.2): the
// scenario applied to each graph drawn from the figures' intervals (``ShockUncertaintyPass``).
// Markdown, HTML and text print an interval beside each headline figure that some draw moves
// at the printed precision (`117,774 (115,210–120,003)`) and the share of draws that keep each
// stated label; JSON gives `uncertainty` with `{value, p05, p50, p95}` estimates. A graph whose
// figures are all exact has none of it, so its what-if report is what it was before.

/// The what-if figures' distributions, rounded as the report prints them.
public struct WhatIfUncertainty: Hashable, Sendable {
    public var result: ShockUncertaintyResult

    public init(result: ShockUncertaintyResult) {
        self.result = result
    }

    var settings: MonteCarloSettings { result.settings }

    /// The figure's estimate rounded in `unit`; `nil` when the stated graph does not give it.
    func estimate(_ figure: ShockFigure, _ unit: ReportUnit) -> Report.Estimate? {
        result.estimates[figure].map { Report.Estimate($0, unit, settings) }
    }

    /// ` (low–high)` for a figure whose interval shows at `unit`'s printed precision, else
    /// empty: what a cell appends to its figure.
    func interval(_ figure: ShockFigure, _ unit: ReportUnit) -> String {
        guard let estimate = estimate(figure, unit) else { return "" }
        return Self.interval(estimate, unit)
    }

    /// ` (low–high)`, or ` (low to high)` when the low end is negative; empty when both ends
    /// print alike.
    static func interval(_ estimate: Report.Estimate, _ unit: ReportUnit) -> String {
        let (low, high) = (unit.display(estimate.low), unit.display(estimate.high))
        guard low != high else { return "" }
        return " (" + low + (estimate.low < 0 ? " to " : "–") + high + ")"
    }

    /// Whether some figure of `figures` moves in some draw (after rounding).
    func moves(_ figures: [(ShockFigure, ReportUnit)]) -> Bool {
        figures.contains { figure, unit in estimate(figure, unit).map { $0.low != $0.high } ?? false }
    }

    /// Whether some of `figures`, all in `unit`, moves in some draw (after rounding).
    func moves(_ figures: [ShockFigure], _ unit: ReportUnit) -> Bool {
        moves(figures.map { ($0, unit) })
    }

    /// ` (97 % of draws)`: the share of draws that keep the stated label; empty without one.
    func robustness(_ label: ShockLabel) -> String {
        guard let kept = result.labels[label] else { return "" }
        return " (\(Display.percent(ReportUnit.share.round(kept.probability))) of draws)"
    }
}

extension WhatIfReport {
    /// The line of the report's header that explains the intervals.
    func uncertaintyNote(_ uncertainty: WhatIfUncertainty) -> [ReportDocument.Inline] {
        let settings = uncertainty.settings
        let percent = { (p: Double) in NumberFormatting.plain((p * 1_000).rounded() / 10) }
        let figures = uncertainty.result.uncertainFigures
        return [
            .strong("Uncertainty:"),
            .text(" \(figures) figure\(figures == 1 ? " of the graph carries" : "s of the graph carry") an interval (METHODS §11). In brackets beside a figure: "
                + "its \(percent(settings.lowerProbability))–\(percent(settings.upperProbability)) % interval over "
                + "\(NumberFormatting.grouped(Double(settings.draws))) graphs drawn from those intervals (seed \(settings.seed)), "
                + "each shocked by the scenario; a label's percentage is the share of draws that keep it. "
                + "A figure without brackets moves in no draw at the precision shown."),
        ]
    }
}

// MARK: JSON

/// `uncertainty` of the what-if JSON: the run, then per market and per bound the figures with
/// their estimates. Final demand and value at risk are listed always; markets, nodes and
/// countries or groups only where some figure moves.
struct WhatIfUncertaintyJSON: Encodable {
    struct Market: Encodable {
        var mineral: MineralID
        var stage: Stage
        var year: Int
        var hhiBefore: Report.Estimate?
        var after: [After]
        /// `before>after…` bands, as the report's "Band before → after" column states them.
        var bands: String?
        var bandsProbability: Double?
    }

    struct After: Encodable {
        var bound: SubstitutionBound
        var hhi: Report.Estimate?
        var hhiChange: Report.Estimate?
    }

    struct FinalDemand: Encodable {
        var mineral: MineralID
        var deliveredTonnes: Report.Estimate?
        var shortfallTonnes: Report.Estimate?
        var shortfallShare: Report.Estimate?
        var mostAffectedCountry: String?
        var mostAffectedCountryProbability: Double?
    }

    struct ValueAtRisk: Encodable {
        /// Absent for the total over every mineral.
        var mineral: MineralID?
        var valueUSD: Report.Estimate?
    }

    struct Node: Encodable {
        var nodeID: String
        var mineral: MineralID
        var shortfallTonnes: Report.Estimate?
        var shortfallShare: Report.Estimate?
    }

    struct Region: Encodable {
        var kind: CountryOrGroup.Kind
        var id: String
        var mineral: MineralID
        var stage: Stage
        var deliveredTonnes: Report.Estimate?
        var shortfallTonnes: Report.Estimate?
        var shortfallShare: Report.Estimate?
    }

    struct Bound: Encodable {
        var bound: SubstitutionBound
        var finalDemand: [FinalDemand]
        var valueAtRisk: [ValueAtRisk]
        var nodes: [Node]
        var regions: [Region]
    }

    var draws: Int
    var seed: UInt64
    var interval: [Double]
    var uncertainFigures: Int
    var concentration: [Market]
    var bounds: [Bound]

    init(_ uncertainty: WhatIfUncertainty, _ report: WhatIfReport) {
        let settings = uncertainty.settings
        draws = settings.draws
        seed = settings.seed
        interval = [settings.lowerProbability, settings.upperProbability]
        uncertainFigures = uncertainty.result.uncertainFigures
        let u = uncertainty
        concentration = WhatIfUncertaintyJSON.markets(report).compactMap { mineral, stage, year in
            let bounds = SubstitutionBound.allCases.filter { $0 == .noSubstitution || report.hasSubstitution }
            let figures = [(ShockFigure.hhiBefore(mineral, stage, year: year), ReportUnit.hhi)]
                + bounds.flatMap { [(ShockFigure.hhiAfter($0, mineral, stage, year: year), .hhi), (.hhiChange($0, mineral, stage, year: year), .hhi)] }
            guard u.moves(figures) else { return nil }
            let label = u.result.labels[.bands(mineral, stage, year: year)]
            return Market(
                mineral: mineral, stage: stage, year: year, hhiBefore: u.estimate(.hhiBefore(mineral, stage, year: year), .hhi),
                after: bounds.map { bound in
                    After(
                        bound: bound, hhi: u.estimate(.hhiAfter(bound, mineral, stage, year: year), .hhi),
                        hhiChange: u.estimate(.hhiChange(bound, mineral, stage, year: year), .hhi))
                },
                bands: label?.stated, bandsProbability: label.map { ReportUnit.share.round($0.probability) })
        }
        bounds = report.result.bounds.map { bound in
            let b = bound.bound
            let finalDemand = bound.finalDemand.map { row in
                let label = u.result.labels[.mostAffected(b, row.mineral)]
                return FinalDemand(
                    mineral: row.mineral, deliveredTonnes: u.estimate(.finalDemand(b, row.mineral, .delivered), .tonnes),
                    shortfallTonnes: u.estimate(.finalDemand(b, row.mineral, .shortfall), .tonnes),
                    shortfallShare: u.estimate(.finalDemand(b, row.mineral, .shortfallShare), .share),
                    mostAffectedCountry: label?.stated, mostAffectedCountryProbability: label.map { ReportUnit.share.round($0.probability) })
            }
            let valueAtRisk = (bound.valueAtRisk + [bound.totalValueAtRisk]).map { risk in
                ValueAtRisk(mineral: risk.mineral, valueUSD: u.estimate(.valueAtRisk(b, risk.mineral), .usd))
            }
            let nodes = bound.nodes.compactMap { row -> Node? in
                let figures: [(ShockFigure, ReportUnit)] = [
                    (.node(b, row.nodeID, row.mineral, .shortfall), .tonnes), (.node(b, row.nodeID, row.mineral, .shortfallShare), .share),
                ]
                guard u.moves(figures) else { return nil }
                return Node(
                    nodeID: row.nodeID, mineral: row.mineral, shortfallTonnes: u.estimate(figures[0].0, .tonnes),
                    shortfallShare: u.estimate(figures[1].0, .share))
            }
            let regions = bound.regions.compactMap { row -> Region? in
                let id = row.party.id
                let figures: [(ShockFigure, ReportUnit)] = [
                    (.region(b, id, row.mineral, row.stage, .delivered), .tonnes), (.region(b, id, row.mineral, row.stage, .shortfall), .tonnes),
                    (.region(b, id, row.mineral, row.stage, .shortfallShare), .share),
                ]
                guard u.moves(figures) else { return nil }
                return Region(
                    kind: row.party.kind, id: id, mineral: row.mineral, stage: row.stage, deliveredTonnes: u.estimate(figures[0].0, .tonnes),
                    shortfallTonnes: u.estimate(figures[1].0, .tonnes), shortfallShare: u.estimate(figures[2].0, .share))
            }
            return Bound(bound: b, finalDemand: finalDemand, valueAtRisk: valueAtRisk, nodes: nodes, regions: regions)
        }
    }

    /// The markets of the report's concentration rows, in their order.
    static func markets(_ report: WhatIfReport) -> [(MineralID, Stage, Int)] {
        report.metricRows().compactMap { row in
            guard row.key.section == "concentration", row.key.metric == "hhi", let stage = Stage(rawValue: row.key.stage) else { return nil }
            return (MineralID(rawValue: row.key.mineral), stage, row.key.year ?? report.before.graph.year)
        }
    }
}
