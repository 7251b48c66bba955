import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import Testing

@testable import MineralGraphReports

/// The uncertainty section (METHODS §11): present with intervals when a graph has uncertain
/// figures, absent — reports unchanged — when it has none.
@Suite("Uncertainty section")
struct UncertaintySectionTests {
    /// Mine A 80 t uniformly on [60, 100], mine B exactly 40 t; A ships all to B's country.
    static func graph(uncertain: Bool) -> SupplyGraph {
        SupplyGraph(name: "Two mines", year: 2022, nodes: [
            Node(id: "a", kind: .mine, country: "COD", outputs: [
                Output(mineral: "cobalt", containedTonnes: 80,
                       uncertainty: uncertain ? FigureUncertainties(containedTonnes: .range(low: 60, high: 100)) : nil),
            ]),
            Node(id: "b", kind: .mine, country: "IDN", outputs: [Output(mineral: "cobalt", containedTonnes: 40)]),
        ])
    }

    @Test func exactGraphsHaveNoSectionKeyHeadingRowOrMethod() throws {
        let report = try ReportBuilder().build(Self.graph(uncertain: false))
        #expect(report.uncertainty == nil)
        let json = try JSONFormatter().format(report)
        #expect(!json.contains("\"uncertainty\""))
        #expect(!MarkdownFormatter().format(report).contains("Uncertainty"))
        #expect(!report.methods.contains { $0.id == "U1" })
        #expect(!CSVFormatter().format(report).contains("uncertainty"))
    }

    @Test func uncertainGraphsGetIntervalsInEveryFormat() throws {
        let builder = ReportBuilder(monteCarlo: MonteCarloSettings(draws: 1_000, seed: 1))
        let report = try builder.build(Self.graph(uncertain: true))
        let section = try #require(report.uncertainty)
        #expect(section.draws == 1_000 && section.seed == 1 && section.uncertainFigures == 1)
        let market = try #require(section.concentration.first)
        // HHI = 10,000 (a² + 40²)/(a + 40)² at a = 80, 62 and 98 (A's 5 %, 50 % and 95 % quantiles).
        #expect(market.hhi.value == 5_555.56)
        #expect(abs(market.hhi.low - 5_232.6) < 30 && abs(market.hhi.median - 5_555.6) < 30 && abs(market.hhi.high - 5_883.2) < 30)
        #expect(market.topSupplier == "COD" && market.topSupplierProbability == 1 && market.bandProbability == 1)
        #expect(report.methods.contains { $0.id == "U1" && $0.section == "METHODS §11" })

        let json = try JSONFormatter().format(report)
        #expect(json.contains("\"p05\"") && json.contains("\"p50\"") && json.contains("\"p95\""))
        let decoded = try JSONFormatter.decode(json)
        #expect(decoded.uncertainty == report.uncertainty)

        let markdown = MarkdownFormatter().format(report)
        #expect(markdown.contains("## Uncertainty of the concentration figures"))
        #expect(markdown.contains("5,556 (" + ReportUnit.hhi.display(market.hhi.low) + "–" + ReportUnit.hhi.display(market.hhi.high) + ")"))
        #expect(markdown.contains("1,000 Monte Carlo draws (seed 1)"))
        #expect(HTMLFormatter().format(report).contains("Uncertainty of the concentration figures"))
        let csv = CSVFormatter().format(report)
        #expect(csv.contains(",uncertainty,") && csv.contains(",hhi_p95,"))
    }

    @Test func theSeedAndIntervalAreTheReaders() throws {
        let graph = Self.graph(uncertain: true)
        let one = try ReportBuilder(monteCarlo: MonteCarloSettings(draws: 300, seed: 4)).build(graph)
        let same = try ReportBuilder(monteCarlo: MonteCarloSettings(draws: 300, seed: 4)).build(graph)
        #expect(try JSONFormatter().format(one) == JSONFormatter().format(same))
        let wide = try ReportBuilder(monteCarlo: MonteCarloSettings(draws: 300, seed: 4, lowerProbability: 0.025, upperProbability: 0.975)).build(graph)
        let json = try JSONFormatter().format(wide)
        #expect(json.contains("\"p025\"") && json.contains("\"p975\""))
        #expect(MarkdownFormatter().format(wide).contains("2.5–97.5 % interval"))
        #expect(Report.Estimate.key(0.05) == "p05" && Report.Estimate.key(0.5) == "p50" && Report.Estimate.key(0.1) == "p10")
    }
}
