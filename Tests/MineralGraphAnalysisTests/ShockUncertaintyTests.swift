import MineralGraphCore
import Testing

@testable import MineralGraphAnalysis

/// The what-if propagation under drawn figures (docs/methods.md §11.2, METHODS §4.3): cases
/// whose distributions are known, the robustness of the most-affected label, seeds and threads.
@Suite("Uncertainty: what-if shocks on drawn graphs")
struct ShockUncertaintyTests {
    /// One customer in Germany fed by a Congolese mine (`a`, uniform on [60, 100]) and an
    /// Indonesian one (`b`, uniform on [30, 50]); both mines' outputs are exact.
    static func twoSuppliers(a: Double = 80, b: Double = 40) -> SupplyGraph {
        SupplyGraph(
            name: "two suppliers", year: 2023,
            nodes: [
                Node(id: "cod", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 100)]),
                Node(id: "idn", kind: .mine, country: "IDN", outputs: [Output(mineral: "cobalt", containedTonnes: 50)]),
                Node(id: "deu", kind: .manufacturer, country: "DEU"),
            ],
            flows: [
                Flow(from: "cod", to: "deu", mineral: "cobalt", containedTonnes: a,
                     uncertainty: FigureUncertainties(containedTonnes: .range(low: 60, high: 100))),
                Flow(from: "idn", to: "deu", mineral: "cobalt", containedTonnes: b,
                     uncertainty: FigureUncertainties(containedTonnes: .range(low: 30, high: 50))),
            ])
    }

    static func pass(_ settings: MonteCarloSettings, cut fraction: Double = 0.5, spare: [SpareCapacity] = []) -> ShockUncertaintyPass {
        let scenario = Scenario(
            id: "halve-cod", shocks: [.cut(OutputCut(nodes: [.id(["cod"])], fraction: fraction))], spareCapacity: spare)
        return ShockUncertaintyPass(propagation: ShockPropagationPass(scenario: scenario), settings: settings)
    }

    /// `P(X ≤ x)` for `X = g(a, b)`, a uniform on [60, 100] and b on [30, 50] independently,
    /// where `bLimit(a, x)` is the b below which (`below`) or above which X ≤ x: the midpoint
    /// rule over a, the b-probability exact.
    static func cdf(_ bLimit: (Double, Double) -> Double, below: Bool, at x: Double) -> Double {
        let steps = 20_000
        var total = 0.0
        for k in 0..<steps {
            let a = 60 + 40 * (Double(k) + 0.5) / Double(steps)
            let fractionBelow = min(max((bLimit(a, x) - 30) / 20, 0), 1)
            total += below ? fractionBelow : 1 - fractionBelow
        }
        return total / Double(steps)
    }

    /// Whether the estimate's quantiles sit where the exact CDF puts them, within Monte Carlo
    /// error (4 standard errors of a proportion).
    static func expectQuantiles(_ estimate: IntervalEstimate, draws: Int, _ cdf: (Double) -> Double, _ what: String) {
        for (p, q) in [(0.05, estimate.low), (0.5, estimate.median), (0.95, estimate.high)] {
            let error = 4 * (p * (1 - p) / Double(draws)).squareRoot()
            #expect(abs(cdf(q) - p) < error, "\(what): F(q\(p)) = \(cdf(q))")
        }
    }

    /// Halving the Congolese mine halves its flow: the shortfall is a/2, uniform on [30, 50]
    /// (quantiles 30 + 20 p); the delivered 0.5 a + b and the share 0.5 a / (a + b) follow from
    /// the joint uniform distribution of (a, b).
    @Test func oneCustomerOfTwoUniformSuppliersHasTheAnalyticShortfall() throws {
        let settings = MonteCarloSettings(draws: 4_000, seed: 11)
        let result = try #require(try Self.pass(settings).run(on: Self.twoSuppliers()))
        #expect(result.uncertainFigures == 2)
        let shortfall = try #require(result.estimates[.node(.noSubstitution, "deu", "cobalt", .shortfall)])
        #expect(abs(shortfall.value - 40) < 1e-9)
        Self.expectQuantiles(shortfall, draws: settings.draws, { x in min(max((2 * x - 60) / 40, 0), 1) }, "shortfall")
        #expect(abs(shortfall.median - 40) < 1 && abs(shortfall.low - 31) < 1 && abs(shortfall.high - 49) < 1)

        let share = try #require(result.estimates[.finalDemand(.noSubstitution, "cobalt", .shortfallShare)])
        #expect(abs(share.value - 40.0 / 120) < 1e-9)
        // 0.5 a / (a + b) ≤ s  ⇔  b ≥ a (0.5 − s) / s.
        Self.expectQuantiles(share, draws: settings.draws, { s in Self.cdf({ a, s in a * (0.5 - s) / s }, below: false, at: s) }, "share")

        let delivered = try #require(result.estimates[.finalDemand(.noSubstitution, "cobalt", .delivered)])
        #expect(abs(delivered.value - 80) < 1e-9)
        // 0.5 a + b ≤ d  ⇔  b ≤ d − 0.5 a.
        Self.expectQuantiles(delivered, draws: settings.draws, { d in Self.cdf({ a, d in d - 0.5 * a }, below: true, at: d) }, "delivered")

        // The country row is the node's; without spare the upper bound is the lower.
        let region = try #require(result.estimates[.region(.noSubstitution, "DEU", "cobalt", .manufacturing, .shortfall)])
        #expect(region == shortfall)
        #expect(result.estimates[.node(.withSubstitution, "deu", "cobalt", .shortfall)] == shortfall)
        #expect(result.labels[.mostAffected(.noSubstitution, "cobalt")] == LabelRobustness(stated: "DEU", probability: 1))
    }

    /// The stated figures are the propagation's on the stated graph, and the HHI after the shock
    /// is paired with the HHI before within each draw.
    @Test func statedFiguresAreThePropagationsAndHHIChangesArePaired() throws {
        let graph = Self.twoSuppliers()
        let result = try #require(try Self.pass(MonteCarloSettings(draws: 300, seed: 5)).run(on: graph))
        let stated = try ShockPropagationPass(scenario: Self.pass(.standard).propagation.scenario).run(on: graph)
        let node = try #require(stated.noSubstitution.node("deu", "cobalt"))
        #expect(result.estimates[.node(.noSubstitution, "deu", "cobalt", .shortfallShare)]?.value == node.shortfallShare.value)
        // Mining HHI: mine outputs are exact, the shocked graph scales COD's by one half, so
        // before and after do not move: 10,000 (100² + 50²)/150² and 10,000 (50² + 50²)/100².
        let before = try #require(result.estimates[.hhiBefore("cobalt", .mining, year: 2023)])
        let after = try #require(result.estimates[.hhiAfter(.noSubstitution, "cobalt", .mining, year: 2023)])
        #expect(abs(before.value - 5_555.5556) < 1e-3 && !before.moves)
        #expect(abs(after.value - 5_000) < 1e-6 && !after.moves)
        let change = try #require(result.estimates[.hhiChange(.noSubstitution, "cobalt", .mining, year: 2023)])
        #expect(abs(change.value - (after.value - before.value)) < 1e-9 && !change.moves)
        #expect(result.labels[.bands("cobalt", .mining, year: 2023)]?.probability == 1)
    }

    /// Two final-demand countries: Germany as above with b exact at 40 and a stated at 82
    /// (share 41/122), France with 50 t from the Congolese mine and 25 t from the Indonesian one,
    /// exact (share 1/3). Germany is the more affected exactly when a > 80: in half the draws.
    @Test func theMostAffectedCountryHoldsInTheShareOfDrawsWhereItsShareIsLargest() throws {
        var graph = Self.twoSuppliers(a: 82)
        graph.flows[1].uncertainty = nil
        graph.nodes.append(Node(id: "fra", kind: .manufacturer, country: "FRA"))
        graph.flows += [
            Flow(from: "cod", to: "fra", mineral: "cobalt", containedTonnes: 50),
            Flow(from: "idn", to: "fra", mineral: "cobalt", containedTonnes: 25),
        ]
        let settings = MonteCarloSettings(draws: 2_000, seed: 3)
        let result = try #require(try Self.pass(settings).run(on: graph))
        let label = try #require(result.labels[.mostAffected(.noSubstitution, "cobalt")])
        #expect(label.stated == "DEU")
        #expect(abs(label.probability - 0.5) < 4 * (0.25 / Double(settings.draws)).squareRoot(), "\(label.probability)")
    }

    @Test func seedsDecideTheFiguresAndThreadsDoNot() throws {
        let graph = Self.twoSuppliers()
        let spare = [SpareCapacity(nodes: [.id(["idn"])], amount: .fractionOfOutput(0.2))]
        let settings = MonteCarloSettings(draws: 200, seed: 7)
        let first = try Self.pass(settings, spare: spare).run(on: graph)
        #expect(try Self.pass(settings, spare: spare).run(on: graph) == first)
        var sequential = Self.pass(settings, spare: spare)
        sequential.concurrent = false
        #expect(try sequential.run(on: graph) == first)
        var other = settings
        other.seed = 8
        let second = try Self.pass(other, spare: spare).run(on: graph)
        let figure = ShockFigure.finalDemand(.withSubstitution, "cobalt", .delivered)
        #expect(second?.estimates[figure]?.value == first?.estimates[figure]?.value)
        #expect(second?.estimates[figure] != first?.estimates[figure])
    }

    /// Nothing to draw: no result, so reports say nothing of uncertainty.
    @Test func anExactGraphOrZeroRangesGiveNoResult() throws {
        var graph = Self.twoSuppliers()
        graph.flows[0].uncertainty = FigureUncertainties(containedTonnes: .range(low: 80, high: 80))
        graph.flows[1].uncertainty = FigureUncertainties(containedTonnes: .relative(0))
        #expect(try Self.pass(.standard).run(on: graph) == nil)
        #expect(try Self.pass(.standard).run(on: graph.withoutUncertainty) == nil)
    }

    /// A range scales with its figure in the shocked graph (`whatif --write-graphs`), so it still
    /// holds the value: the halved mine's output and flow carry halved ranges.
    @Test func shockedGraphsScaleTheirRanges() throws {
        var graph = Self.twoSuppliers()
        graph.nodes[0].outputs[0].uncertainty = FigureUncertainties(containedTonnes: .range(low: 90, high: 110))
        let result = try Self.pass(.standard).propagation.run(on: graph)
        let shocked = result.noSubstitution.graph
        #expect(shocked.nodes[0].outputs[0].containedTonnes == 50)
        #expect(shocked.nodes[0].outputs[0].uncertainty == FigureUncertainties(containedTonnes: .range(low: 45, high: 55)))
        #expect(shocked.flows[0].uncertainty == FigureUncertainties(containedTonnes: .range(low: 30, high: 50)))
        #expect(shocked.flows[1].uncertainty == graph.flows[1].uncertainty)
    }
}
