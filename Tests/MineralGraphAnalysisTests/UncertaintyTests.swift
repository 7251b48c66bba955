import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphAnalysis

/// Monte Carlo uncertainty (docs/methods.md §10) on cases whose distribution is known.
@Suite("Uncertainty: seeded draws and concentration intervals")
struct UncertaintyTests {
    /// Two cobalt mines; `a` and `b` are their contained tonnes with optional statements.
    static func graph(_ a: Double, _ aUncertainty: FigureUncertainty?, _ b: Double, _ bUncertainty: FigureUncertainty?) -> SupplyGraph {
        func mine(_ id: String, _ country: CountryCode, _ tonnes: Double, _ uncertainty: FigureUncertainty?) -> Node {
            Node(id: id, kind: .mine, country: country, outputs: [
                Output(mineral: "cobalt", containedTonnes: tonnes,
                       uncertainty: uncertainty.map { FigureUncertainties(containedTonnes: $0) })
            ])
        }
        return SupplyGraph(name: "t", year: 2022, nodes: [mine("a", "COD", a, aUncertainty), mine("b", "IDN", b, bUncertainty)])
    }

    static func hhi(_ a: Double, _ b: Double) -> Double { 10_000 * (a * a + b * b) / ((a + b) * (a + b)) }

    @Test func splitMix64MatchesItsReferenceOutput() {
        // The first outputs of SplitMix64 from state 0 (Vigna's reference splitmix64.c).
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == UInt64(0xE220_A839_7B1D_CDAF))
        #expect(generator.next() == UInt64(0x6E78_9E6A_A1B9_65F4))
        var unit = SeededGenerator(seed: 0)
        let first: UInt64 = 0xE220_A839_7B1D_CDAF
        #expect(unit.unit() == Double(first >> 11) / 9_007_199_254_740_992)
    }

    @Test func quantilesInterpolateBetweenOrderStatistics() throws {
        #expect(IntervalEstimate.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(abs(IntervalEstimate.quantile([1, 2, 3, 4], 0.05) - 1.15) < 1e-12)
        #expect(IntervalEstimate.quantile([7], 0.95) == 7)
        let estimate = try #require(IntervalEstimate(value: 2, draws: [4, 1, 3, 2], settings: .standard))
        #expect(estimate.value == 2 && abs(estimate.low - 1.15) < 1e-12 && estimate.median == 2.5 && abs(estimate.high - 3.85) < 1e-12)
    }

    @Test func exactFiguresGiveNoUncertainty() {
        let result = ConcentrationUncertaintyPass().run(on: Self.graph(60, nil, 40, nil))
        #expect(result.uncertainFigures == 0)
        #expect(result.markets.isEmpty)
        // A zero-width range and a ±0 % statement are exact too.
        let zero = ConcentrationUncertaintyPass().run(on: Self.graph(60, .range(low: 60, high: 60), 40, .relative(0)))
        #expect(zero.markets.isEmpty)
    }

    /// One supplier uniform on [60, 100], the other exactly 40: HHI rises with the first, so
    /// its quantiles are the HHI of the first's quantiles, 60 + 40 p.
    @Test func oneUniformSupplierGivesTheHHIOfItsQuantiles() throws {
        let settings = MonteCarloSettings(draws: 4_000, seed: 7)
        let result = ConcentrationUncertaintyPass(settings: settings).run(on: Self.graph(80, .range(low: 60, high: 100), 40, nil))
        let market = try #require(result.markets.first)
        #expect(result.uncertainFigures == 1)
        #expect(abs(market.hhi.value - Self.hhi(80, 40)) < 1e-9)
        for (p, estimate) in [(0.05, market.hhi.low), (0.5, market.hhi.median), (0.95, market.hhi.high)] {
            // Four standard errors of the p-quantile of n uniform draws, in probability.
            let delta = 4 * (p * (1 - p) / Double(settings.draws)).squareRoot()
            let (low, high) = (Self.hhi(60 + 40 * (p - delta), 40), Self.hhi(60 + 40 * (p + delta), 40))
            #expect(estimate > low && estimate < high, "p = \(p): \(estimate) outside \(low)…\(high)")
        }
        #expect(market.topSupplier == "COD" && market.topSupplierProbability == 1)
    }

    /// Both suppliers uniform (A on [30, 50], B on [60, 100]): the empirical distribution of the
    /// HHI matches its distribution integrated numerically over the rectangle.
    @Test func twoUniformSuppliersMatchTheIntegratedDistribution() throws {
        let settings = MonteCarloSettings(draws: 4_000, seed: 11)
        let result = ConcentrationUncertaintyPass(settings: settings)
            .run(on: Self.graph(40, .range(low: 30, high: 50), 80, .relative(0.25)))
        let market = try #require(result.markets.first)
        #expect(result.uncertainFigures == 2)
        // The drawn HHIs, recomputed with the same seed, against P(HHI ≤ t) on a 1,000² grid.
        let figures = UncertainFigures(Self.graph(40, .range(low: 30, high: 50), 80, .relative(0.25)))
        let draws = settings.sample(figures) { graph in
            Self.hhi(graph.nodes[0].outputs[0].containedTonnes!, graph.nodes[1].outputs[0].containedTonnes!)
        }
        let recomputed = try #require(IntervalEstimate(value: market.hhi.value, draws: draws, settings: settings))
        #expect(abs(recomputed.low - market.hhi.low) < 1e-6 && abs(recomputed.median - market.hhi.median) < 1e-6
            && abs(recomputed.high - market.hhi.high) < 1e-6)
        let grid = 1_000
        var values: [Double] = []
        values.reserveCapacity(grid * grid)
        for i in 0..<grid {
            let a = 30 + 20 * (Double(i) + 0.5) / Double(grid)
            for j in 0..<grid { values.append(Self.hhi(a, 60 + 40 * (Double(j) + 0.5) / Double(grid))) }
        }
        values.sort()
        for p in [0.05, 0.25, 0.5, 0.75, 0.95] {
            let threshold = values[Int(p * Double(values.count))]
            let empirical = Double(draws.filter { $0 <= threshold }.count) / Double(draws.count)
            let tolerance = 4 * (p * (1 - p) / Double(draws.count)).squareRoot() + 1e-3
            #expect(abs(empirical - p) < tolerance, "P(HHI ≤ \(threshold)) = \(empirical), expected \(p)")
        }
        #expect(market.hhi.low < market.hhi.median && market.hhi.median < market.hhi.high)
    }

    /// Two suppliers of 50 t, one uncertain by ±20 %: each leads in half the draws, and the
    /// band (HHI 5,000 exactly, highly concentrated) holds in every draw, as HHI ≥ 5,000 always.
    @Test func robustnessCountsTheDrawsThatKeepTheLabel() throws {
        let result = ConcentrationUncertaintyPass(settings: MonteCarloSettings(draws: 2_000, seed: 3))
            .run(on: Self.graph(50.0001, .relative(0.2), 50, nil))
        let market = try #require(result.markets.first)
        #expect(market.topSupplier == "COD")
        #expect(abs(market.topSupplierProbability - 0.5) < 4 * (0.25 / 2_000).squareRoot())
        #expect(market.band == .highlyConcentrated && market.bandProbability == 1)
    }

    @Test func estimatesTakeTheGraphsDefaultAndTheSeedFixesTheDraws() throws {
        var graph = Self.graph(80, .estimated, 40, nil)
        #expect(UncertainFigures(graph).figures.map(\.interval) == [72...88])
        graph.uncertaintyDefaults = UncertaintyDefaults(estimated: 0.25, production: 0.05)
        #expect(UncertainFigures(graph).figures.map(\.interval) == [60...100, 38...42])
        let first = ConcentrationUncertaintyPass(settings: MonteCarloSettings(draws: 200, seed: 5)).run(on: graph)
        let again = ConcentrationUncertaintyPass(settings: MonteCarloSettings(draws: 200, seed: 5)).run(on: graph)
        let other = ConcentrationUncertaintyPass(settings: MonteCarloSettings(draws: 200, seed: 6)).run(on: graph)
        #expect(first == again)
        #expect(first != other)
    }

    /// Imports into China from two partners: the Congo's flow uniform on [60, 100] t, Indonesia's
    /// exactly 40 t. As for C1, the HHI's quantiles are those of the Congo's flow.
    @Test func importSourceHHIOfOneUniformPartner() throws {
        let nodes = [
            Node(id: "cod", kind: .mine, country: "COD"), Node(id: "idn", kind: .mine, country: "IDN"),
            Node(id: "chn", kind: .processor, country: "CHN"),
        ]
        var graph = SupplyGraph(name: "t", year: 2022, nodes: nodes, flows: [
            Flow(from: "cod", to: "chn", mineral: "cobalt", containedTonnes: 80, valueUSD: 800,
                 uncertainty: FigureUncertainties(containedTonnes: .range(low: 60, high: 100))),
            Flow(from: "idn", to: "chn", mineral: "cobalt", containedTonnes: 40, valueUSD: 400),
        ])
        let settings = MonteCarloSettings(draws: 4_000, seed: 2)
        let rows = ImportUncertaintyPass(settings: settings).run(on: graph)
        #expect(rows.map(\.measure) == [.containedTonnes, .valueUSD])
        let row = try #require(rows.first)
        let byValue = try #require(rows.last)
        #expect(byValue.hhi.low == byValue.hhi.value && byValue.hhi.high == byValue.hhi.value, "exact values: a point")
        #expect(row.importer == "CHN" && row.stage == .mining && abs(row.hhi.value - Self.hhi(80, 40)) < 1e-9)
        let delta = 4 * (0.25 / Double(settings.draws)).squareRoot()
        #expect(row.hhi.median > Self.hhi(60 + 40 * (0.5 - delta), 40) && row.hhi.median < Self.hhi(60 + 40 * (0.5 + delta), 40))
        #expect(row.bandProbability == 1)

        // The graph's default for flows makes every flow figure uncertain, values included.
        graph.uncertaintyDefaults = UncertaintyDefaults(flows: 0.1)
        #expect(UncertainFigures(graph).figures.count == 4)
        let widened = try #require(ImportUncertaintyPass(settings: settings).run(on: graph).last)
        #expect(widened.hhi.low < widened.hhi.value && widened.hhi.high > widened.hhi.value)
    }
}
