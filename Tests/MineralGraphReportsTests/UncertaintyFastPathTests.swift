import Foundation
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis
@testable import MineralGraphReports

/// The shortcuts of the Monte Carlo draws (docs/methods.md §11.2) give what the passes and
/// sections give on the drawn graphs, on every bundled graph: the planned market totals of C1,
/// value added's headline rows without its node rows and unit values, and the draws written
/// into one reused graph.
@Suite("Uncertainty: the draws' shortcuts equal the passes")
struct UncertaintyFastPathTests {
    static let exampleGraphs = ReportComparisonTests.exampleGraphs

    static func graph(_ name: String) throws -> SupplyGraph {
        try GraphFileReader().read(contentsOf: TestPaths.graphs.appendingPathComponent(name).path).graph
    }

    /// The stated graph and its first draws; for a graph without uncertain figures, one with
    /// every figure ±20 % (so that the figures move).
    static func graphs(_ name: String, draws: Int = 3) throws -> [SupplyGraph] {
        var graph = try graph(name)
        if UncertainFigures(graph).isEmpty { graph.uncertaintyDefaults = UncertaintyDefaults(production: 0.2, flows: 0.2) }
        let figures = UncertainFigures(graph)
        return [graph] + (0..<draws).map { figures.draw(index: $0, seed: 7) }
    }

    @Test(arguments: exampleGraphs)
    func plannedMarketTotalsAreThoseOfTheCollectedMarkets(_ name: String) throws {
        let stated = try Self.graphs(name, draws: 0)[0]
        let plans = StageSupply.plans(in: stated, stages: Stage.allCases)
        #expect(plans.map(\.supply) == StageSupply.collect(from: stated, stages: Stage.allCases))
        for drawn in try Self.graphs(name) {
            let markets = StageSupply.collect(from: drawn, stages: Stage.allCases)
            try #require(markets.count == plans.count)
            for (plan, market) in zip(plans, markets) {
                #expect(plan.supply.nodes.indices.map { plan.tonnes($0, in: drawn) } == market.nodes.map(\.tonnes), "\(name): \(market.mineral) \(market.stage) \(market.year)")
                #expect(plan.residualTonnes(in: drawn) == market.residualTonnes)
            }
        }
    }

    /// C1's intervals as they were computed before the shortcut: the pass run on each drawn graph.
    static func concentrationByThePass(_ graph: SupplyGraph, _ settings: MonteCarloSettings) -> [MarketUncertainty] {
        let pass = StageConcentrationPass()
        let base = pass.run(on: graph).markets.filter { $0.measures != nil }
        let drawn = settings.sample(UncertainFigures(graph)) { pass.run(on: $0).markets }
        return base.compactMap { market in
            let same = drawn.compactMap { $0.first { $0.mineral == market.mineral && $0.stage == market.stage && $0.year == market.year } }
                .filter { $0.measures != nil }
            guard let measures = market.measures,
                  let hhi = IntervalEstimate(value: measures.hhi, draws: same.map { $0.measures!.hhi }, settings: settings),
                  let cr1 = IntervalEstimate(value: measures.cr1, draws: same.map { $0.measures!.cr1 }, settings: settings)
            else { return nil }
            return MarketUncertainty(
                mineral: market.mineral, stage: market.stage, year: market.year, basis: market.basis, hhi: hhi, cr1: cr1,
                band: market.band, bandProbability: Double(same.filter { $0.band == market.band }.count) / Double(settings.draws),
                topSupplier: market.suppliers.first?.country,
                topSupplierProbability: Double(same.filter { $0.suppliers.first?.country == market.suppliers.first?.country }.count)
                    / Double(settings.draws))
        }
    }

    @Test(arguments: exampleGraphs)
    func concentrationIntervalsAreThoseOfThePassOnEachDraw(_ name: String) throws {
        let graph = try Self.graphs(name, draws: 0)[0]
        let settings = MonteCarloSettings(draws: 40, seed: 5)
        let result = ConcentrationUncertaintyPass(settings: settings).run(on: graph)
        #expect(!result.markets.isEmpty)
        #expect(result.markets == Self.concentrationByThePass(graph, settings), "\(name)")
    }

    @Test(arguments: exampleGraphs)
    func importIntervalsAreThoseOfThePassOnEachDraw(_ name: String) throws {
        let graph = try Self.graphs(name, draws: 0)[0]
        let settings = MonteCarloSettings(draws: 20, seed: 5)
        let pass = ImportConcentrationPass()
        let drawn = settings.sample(UncertainFigures(graph)) { pass.run(on: $0) }
        for row in ImportUncertaintyPass(settings: settings).run(on: graph) {
            let hhis = drawn.compactMap { result in
                result.importers.first { $0.importer == row.importer && $0.mineral == row.mineral && $0.stage == row.stage }
                    .flatMap { row.measure == .valueUSD ? $0.byValue.hhi : $0.byTonnes.hhi }
            }
            #expect(row.hhi == IntervalEstimate(value: row.hhi.value, draws: hhis, settings: settings), "\(name): \(row.importer)")
        }
    }

    @Test(arguments: exampleGraphs)
    func valueAddedHeadlineRowsAreThoseOfTheWholeSection(_ name: String) throws {
        let options = ReportBuilder()
        for graph in try Self.graphs(name) {
            let groups = try options.checkedScheme(for: graph)
            var whole = MetricRows(year: graph.year)
            ReportSections.ValueAdded.rows(builtFrom: ReportContext(graph: graph, options: options, groups: groups), into: &whole)
            let expected = whole.rows.filter { HeadlineUncertainty.isHeadline($0.key) }
            #expect(!expected.isEmpty)
            #expect(HeadlineUncertainty.rows(graph, options, groups, sections: [ReportSections.ValueAdded.self]) == expected, "\(name)")
        }
    }

    /// Where value added reads no uncertain figure, the stated graph's value added is that of
    /// every draw, and the headline rows built with it are the whole section's.
    @Test(arguments: exampleGraphs)
    func valueAddedThatReadsNoUncertainFigureIsTheSameInEveryDraw(_ name: String) throws {
        let options = ReportBuilder()
        let graphs = try Self.graphs(name)
        let figures = UncertainFigures(graphs[0])
        let groups = try options.checkedScheme(for: graphs[0])
        let stated = ValueAddedPass(scheme: groups).run(on: graphs[0])
        let same = graphs.allSatisfy { ValueAddedPass(scheme: groups).run(on: $0) == stated }
        // Reading no uncertain figure implies the same value added in every draw.
        #expect(ValueAddedPass.readsSome(of: figures) || same, "\(name)")
        guard !ValueAddedPass.readsSome(of: figures) else { return }
        for graph in graphs {
            var whole = MetricRows(year: graph.year)
            ReportSections.ValueAdded.rows(builtFrom: ReportContext(graph: graph, options: options, groups: groups), into: &whole)
            #expect(HeadlineUncertainty.rows(graph, options, groups, sections: [ReportSections.ValueAdded.self], valueAdded: stated)
                == whole.rows.filter { HeadlineUncertainty.isHeadline($0.key) })
        }
    }

    @Test func valueAddedReadsFlowsValuesAndTheTonnesOfNodesThatShip() {
        // A flow's tonnes (its source ships): read.
        #expect(ValueAddedPass.readsSome(of: UncertainFigures(IndexUncertaintyTests.chain(uncertainFlow: true))))
        // The mine ships to the refinery: its output tonnes are compared with its shipments.
        #expect(ValueAddedPass.readsSome(of: UncertainFigures(IndexUncertaintyTests.chain(uncertainFlow: false, uncertainOutput: true))))
        // Two mines that ship nothing: their tonnes are not read.
        #expect(!ValueAddedPass.readsSome(of: UncertainFigures(UncertaintySectionTests.graph(uncertain: true))))
    }

    @Test func drawnRowsAreMatchedToTheStatedKeysInOrderOrByKey() {
        let rows = ["a", "b", "c", "d"].enumerated().map { i, metric in
            ReportComparisonTests.row(metric, metric == "c" ? .label("x") : .number(Double(i)))
        }
        let key = { (metric: String) in ReportComparisonTests.row(metric, .number(0)).key }
        // In order, with rows between and a row that is not a number.
        #expect(HeadlineUncertainty.numbers(rows, at: [key("b"), key("c"), key("d")]) == [1, nil, 3])
        // Out of order, and a key no row has.
        #expect(HeadlineUncertainty.numbers(rows, at: [key("d"), key("a"), key("z")]) == [3, 0, nil])
        #expect(HeadlineUncertainty.numbers([], at: [key("a")]) == [nil])
    }

    @Test func aReusedGraphGivesEachDrawItsOwnFigures() throws {
        let figures = UncertainFigures(try Self.graphs("cobalt-2023.yaml", draws: 0)[0])
        var reused = figures.graph
        for index in [3, 0, 999] {
            figures.write(index: index, seed: 11, into: &reused)
            #expect(reused == figures.draw(index: index, seed: 11))
        }
        let settings = MonteCarloSettings(draws: 30, seed: 11)
        #expect(settings.sampleConcurrently(figures) { $0 } == settings.sample(figures) { $0 })
    }
}
