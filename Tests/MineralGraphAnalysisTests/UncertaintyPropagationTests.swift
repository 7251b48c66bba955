import MineralGraphCore
import Testing

@testable import MineralGraphAnalysis

/// Monte Carlo propagation through passes other than C1/C2 (docs/methods.md §11.2), on cases
/// whose distribution is known, and the paired differences of two graphs (§11.4).
@Suite("Uncertainty: propagation through any named figure")
struct UncertaintyPropagationTests {
    /// Germany's refinery receives `a` t of cobalt from a Congolese mine (uniform on [60, 100]
    /// when `uncertain`) and exactly 40 t from an Indonesian one.
    static func chain(_ a: Double, uncertain: Bool) -> SupplyGraph {
        SupplyGraph(
            name: "two origins", year: 2022,
            nodes: [
                Node(id: "m1", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 100)]),
                Node(id: "m2", kind: .mine, country: "IDN", outputs: [Output(mineral: "cobalt", containedTonnes: 40)]),
                Node(id: "r", kind: .processor, country: "DEU"),
            ],
            flows: [
                Flow(from: "m1", to: "r", mineral: "cobalt", containedTonnes: a,
                     uncertainty: uncertain ? FigureUncertainties(containedTonnes: .range(low: 60, high: 100)) : nil),
                Flow(from: "m2", to: "r", mineral: "cobalt", containedTonnes: 40),
            ])
    }

    static func originHHI(_ graph: SupplyGraph) -> [String: Double] {
        CountryExposurePass().run(on: graph).reduce(into: [:]) { out, row in
            if let hhi = row.originHHI { out["\(row.country)/\(row.mineral)"] = hhi }
        }
    }

    static func hhi(_ a: Double, _ b: Double) -> Double { 10_000 * (a * a + b * b) / ((a + b) * (a + b)) }

    /// The origin HHI 10,000 (a² + 40²)/(a + 40)² rises with a on [60, 100], so its quantiles are
    /// those of a = 60 + 40 p: 5,556 stated, (5,233–5,883) for the 90 % interval.
    @Test func originHHIOfOneUniformFlowHasTheQuantilesOfTheFlow() throws {
        let settings = MonteCarloSettings(draws: 4_000, seed: 9)
        let estimates = settings.estimates(UncertainFigures(Self.chain(80, uncertain: true)), Self.originHHI)
        let estimate = try #require(estimates["DEU/cobalt"])
        #expect(abs(estimate.value - 5_555.5556) < 1e-3)
        for (p, q) in [(0.05, estimate.low), (0.5, estimate.median), (0.95, estimate.high)] {
            let delta = 4 * (p * (1 - p) / Double(settings.draws)).squareRoot()
            #expect(q > Self.hhi(60 + 40 * (p - delta), 40) && q < Self.hhi(60 + 40 * (p + delta), 40), "p = \(p): \(q)")
        }
        #expect(estimate.moves)
    }

    @Test func anExactGraphMovesNothingAndDrawsAreAlignedByIndex() throws {
        let settings = MonteCarloSettings(draws: 50, seed: 2)
        let exact = UncertainFigures(Self.chain(80, uncertain: false))
        #expect(exact.isEmpty)
        let estimate = try #require(settings.estimates(exact, Self.originHHI)["DEU/cobalt"])
        #expect(!estimate.moves && estimate.low == estimate.value)
        let drawn = settings.drawnValues(UncertainFigures(Self.chain(80, uncertain: true)), Self.originHHI)
        #expect(drawn["DEU/cobalt"]?.count == 50 && drawn["DEU/cobalt"]?.allSatisfy { $0 != nil } == true)
    }

    /// The same flow in two graphs draws the same position in its interval (same identity, same
    /// seed): a graph and its copy with a second exact supplier raised from 40 to 60 t differ in
    /// every draw by the same sign, so the change exceeds the uncertainty, although the two
    /// intervals overlap.
    @Test func pairedDrawsOfTwoGraphsSeparateAChangeSmallerThanTheIntervals() throws {
        let settings = MonteCarloSettings(draws: 1_000, seed: 4)
        let before = Self.chain(80, uncertain: true)
        var after = before
        after.flows[1].containedTonnes = 44
        let a = settings.drawnValues(UncertainFigures(before), Self.originHHI)["DEU/cobalt"] ?? []
        let b = settings.drawnValues(UncertainFigures(after), Self.originHHI)["DEU/cobalt"] ?? []
        let differences = zip(a, b).compactMap { x, y in x.flatMap { x in y.map { $0 - x } } }
        #expect(differences.count == 1_000)
        let change = try #require(IntervalEstimate(value: Self.hhi(80, 44) - Self.hhi(80, 40), draws: differences, settings: settings))
        #expect(change.excludesZero && change.high < 0)
        // The two intervals themselves overlap.
        let intervalA = try #require(IntervalEstimate(value: 0, draws: a.compactMap { $0 }, settings: settings))
        let intervalB = try #require(IntervalEstimate(value: 0, draws: b.compactMap { $0 }, settings: settings))
        #expect(intervalB.high > intervalA.low)
    }
}
