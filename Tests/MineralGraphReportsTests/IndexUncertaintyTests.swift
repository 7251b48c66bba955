import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import Testing

@testable import MineralGraphReports

/// Intervals of the exposure, supply-risk, value-added, unequal-exchange and water figures in
/// the uncertainty section (METHODS §11.2), on a chain whose distribution is known.
@Suite("Uncertainty section: the other headline indices")
struct IndexUncertaintyTests {
    /// Germany's refinery receives `a` = 80 t of cobalt from DR Congo (uniform on [60, 100] when
    /// `uncertainFlow`) and exactly 40 t from Indonesia; the Congolese mine's output may be
    /// uncertain instead.
    static func chain(uncertainFlow: Bool, uncertainOutput: Bool = false) -> SupplyGraph {
        SupplyGraph(
            name: "two origins", year: 2022,
            nodes: [
                Node(id: "m1", kind: .mine, country: "COD", outputs: [
                    Output(mineral: "cobalt", containedTonnes: 100,
                           uncertainty: uncertainOutput ? FigureUncertainties(containedTonnes: .relative(0.1)) : nil),
                ]),
                Node(id: "m2", kind: .mine, country: "IDN", outputs: [Output(mineral: "cobalt", containedTonnes: 40)]),
                Node(id: "r", kind: .processor, country: "DEU"),
            ],
            flows: [
                Flow(from: "m1", to: "r", mineral: "cobalt", containedTonnes: 80,
                     uncertainty: uncertainFlow ? FigureUncertainties(containedTonnes: .range(low: 60, high: 100)) : nil),
                Flow(from: "m2", to: "r", mineral: "cobalt", containedTonnes: 40),
            ])
    }

    static func hhi(_ a: Double) -> Double { 10_000 * (a * a + 1_600) / ((a + 40) * (a + 40)) }

    /// The origin HHI is the HHI of a and 40, so its quantiles are those at a = 62, 80, 98; the
    /// net contained-tonne imports are a + 40: 120 (102–138).
    @Test func anUncertainFlowGivesTheOriginHHIAndNetImportsTheirIntervals() throws {
        let report = try ReportBuilder(monteCarlo: MonteCarloSettings(draws: 2_000, seed: 3)).build(Self.chain(uncertainFlow: true))
        let indices = try #require(report.uncertainty?.indices)
        let origin = try #require(indices.first { $0.section == "exposure" && $0.metric == "origin_hhi" && $0.item == "DEU" })
        #expect(origin.estimate.value == 5_555.56 && origin.unit == "HHI")
        // Four standard errors of the quantile of 2,000 uniform draws (in probability) around a.
        for (p, q) in [(0.05, origin.estimate.low), (0.5, origin.estimate.median), (0.95, origin.estimate.high)] {
            let delta = 4 * (p * (1 - p) / 2_000).squareRoot()
            #expect(q > Self.hhi(60 + 40 * (p - delta)) && q < Self.hhi(60 + 40 * (p + delta)), "p = \(p): \(q)")
        }
        let net = try #require(indices.first { $0.section == "trade_balance" && $0.metric == "contained_tonnes_net" && $0.item == "DEU" })
        #expect(net.estimate.value == 120)
        #expect(abs(net.estimate.low - 102) < 1.5 && abs(net.estimate.median - 120) < 2 && abs(net.estimate.high - 138) < 1.5)
        // Indonesia's exports are exact: not listed.
        #expect(!indices.contains { $0.section == "trade_balance" && $0.item == "IDN" && $0.metric == "contained_tonnes_net" })

        let markdown = MarkdownFormatter().format(report)
        #expect(markdown.contains("### Exposure, supply risk, value added, unequal exchange and water"))
        #expect(markdown.contains("| Origin exposure: origin-traced import HHI | cobalt | processing | Germany (DEU) | 5,556 ("))
        let json = try JSONFormatter().format(report)
        #expect(json.contains("\"indices\""))
        #expect(try JSONFormatter.decode(json).uncertainty == report.uncertainty)
        #expect(CSVFormatter().format(report).contains(",exposure_origin_hhi_p95,"))
    }

    /// Only the mine's output is uncertain: the trade figures do not read it, so no exposure
    /// or trade-balance row is listed (their sections are screened out, not drawn).
    @Test func sectionsThatReadNoUncertainFigureAreNotListed() throws {
        let report = try ReportBuilder(monteCarlo: MonteCarloSettings(draws: 200, seed: 3))
            .build(Self.chain(uncertainFlow: false, uncertainOutput: true))
        let section = try #require(report.uncertainty)
        #expect(!section.indices.contains { $0.section == "exposure" || $0.section == "trade_balance" })
        // Two mines without trade: only their physical shares (value capture) move.
        let twoMines = try ReportBuilder(monteCarlo: MonteCarloSettings(draws: 50)).build(UncertaintySectionTests.graph(uncertain: true))
        #expect(Set(twoMines.uncertainty?.indices.map { "\($0.section).\($0.metric)" } ?? []) == ["value_capture.physical_share"])
        // A section whose other indices do not move has no `indices` key.
        var none = try #require(twoMines.uncertainty)
        none.indices = []
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = try #require(String(data: try encoder.encode(none), encoding: .utf8))
        #expect(!json.contains("indices") && json.contains("\"uncertain_figures\""))
    }

    @Test func screeningFindsTheFiguresAPassReads() {
        let settings = MonteCarloSettings(draws: 100)
        let flows = UncertainFigures(Self.chain(uncertainFlow: true))
        let outputs = UncertainFigures(Self.chain(uncertainFlow: false, uncertainOutput: true))
        let originHHI = { (graph: SupplyGraph) in CountryExposurePass().run(on: graph).map(\.originHHI) }
        #expect(settings.dependsOnSome(flows, originHHI))
        #expect(!settings.dependsOnSome(outputs, originHHI))
        #expect(!settings.dependsOnSome(UncertainFigures(Self.chain(uncertainFlow: false)), originHHI))
    }

    @Test func ratiosPrintToThreeSignificantDigits() {
        let settings = MonteCarloSettings.standard
        let estimate = Report.Estimate(IntervalEstimate(value: 0.0957, low: 0.0901, median: 0.0955, high: 0.1002), .ratio, settings)
        #expect(HeadlineUncertainty.display(estimate, .ratio) == "0.0957 (0.0901–0.1002)")
        let large = Report.Estimate(IntervalEstimate(value: 2.5, low: 2.25, median: 2.5, high: 2.75), .ratio, settings)
        #expect(HeadlineUncertainty.display(large, .ratio) == "2.50 (2.25–2.75)")
    }
}
