import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

@Suite("S1 exposure by origin tracing")
struct ExposureTests {
    /// METHODS §4.2/§4.4: exposure to M_D is 0.75 (R_C), 0.5 (R_F), 0.75 (J), 0.65 (K).
    @Test func workedExample() throws {
        let result = ExposurePass().run(on: ChainFixtures.exposureToy())
        let cobalt = try #require(result.mineral("cobalt"))
        #expect(cobalt.sources == ["M_D", "M_E"])
        #expect(approx(cobalt.node("R_C")?.share(from: "M_D"), 0.75))
        #expect(approx(cobalt.node("R_F")?.share(from: "M_D"), 0.5))
        #expect(approx(cobalt.node("J")?.share(from: "M_D"), 0.75))
        #expect(approx(cobalt.node("K")?.share(from: "M_D"), 0.65))
        #expect(approx(cobalt.node("K")?.share(from: "M_E"), 0.35))
        #expect(approx(cobalt.node("K")?.share(fromCountry: "COD"), 0.65))
        #expect(cobalt.node("K")?.inflowTonnes.value == 50)
        #expect(cobalt.node("M_D")?.share(from: "M_D") == 1)
        #expect(cobalt.node("M_D")?.share(from: "M_E") == 0)
        #expect(cobalt.node("K")?.untracedShare.value == 0)
        #expect(result.solver.cyclicComponents == 0)
    }

    /// Tracing source countries instead of sources gives each node the country shares that the
    /// source shares sum to, the same untraced share and reasons, and no per-source entries.
    @Test(arguments: [ChainFixtures.exposureToy(), ChainFixtures.recyclingLoop(), ChainFixtures.twoCountry(), ChainFixtures.valueChain()])
    func tracingCountriesAgreesWithSummingSources(graph: SupplyGraph) {
        for originStage in [nil, Stage.processing] {
            let bySource = ExposurePass(originStage: originStage).run(on: graph)
            let byCountry = ExposurePass(originStage: originStage, resolution: .countries).run(on: graph)
            #expect(byCountry.solver == bySource.solver)
            #expect(byCountry.minerals.map(\.mineral) == bySource.minerals.map(\.mineral))
            for (a, b) in zip(bySource.minerals, byCountry.minerals) {
                #expect(a.nodes.map(\.nodeID) == b.nodes.map(\.nodeID))
                for (x, y) in zip(a.nodes, b.nodes) {
                    #expect(y.bySource.isEmpty)
                    #expect(x.byCountry.map(\.country) == y.byCountry.map(\.country), "\(x.nodeID)")
                    for (p, q) in zip(x.byCountry, y.byCountry) { #expect(abs(p.share - q.share) < 1e-12, "\(x.nodeID) \(p.country)") }
                    #expect(x.untracedShare.unavailable == y.untracedShare.unavailable)
                    #expect(abs((x.untracedShare.value ?? 0) - (y.untracedShare.value ?? 0)) < 1e-12)
                }
            }
        }
    }

    /// Origin tracing through a recycling loop: recycled cobalt carries the origin mix of what was
    /// discarded, so R's supply is 10/11 from M and 1/11 from M2 (METHODS §8 property on a loop).
    @Test func recyclingLoop() throws {
        let result = ExposurePass().run(on: ChainFixtures.recyclingLoop())
        let cobalt = try #require(result.mineral("cobalt"))
        #expect(result.solver.cyclicComponents == 1)
        #expect(result.solver.converged)
        for id in ["R", "J", "Y"] {
            #expect(approx(cobalt.node(id)?.share(from: "M"), 10.0 / 11), "\(id)")
            #expect(approx(cobalt.node(id)?.share(from: "M2"), 1.0 / 11), "\(id)")
            #expect(approx(cobalt.node(id)?.untracedShare.value, 0), "\(id)")
        }
        #expect(cobalt.node("R")?.inflowTonnes.value == 120)
    }

    @Test func loopWithoutSourceIsUntraced() throws {
        // Two refiners swap material in a loop that no mine feeds.
        let graph = SupplyGraph(
            name: "closed loop", year: 2023,
            nodes: [
                Node(id: "A", kind: .processor, country: "CHN"),
                Node(id: "B", kind: .processor, country: "KOR"),
            ],
            flows: [
                Flow(from: "A", to: "B", mineral: "cobalt", containedTonnes: 5),
                Flow(from: "B", to: "A", mineral: "cobalt", containedTonnes: 5),
            ])
        let cobalt = try #require(ExposurePass().run(on: graph).mineral("cobalt"))
        #expect(cobalt.sources.isEmpty)
        #expect(cobalt.node("A")?.untracedShare.value == 1)
        #expect(cobalt.node("A")?.bySource.isEmpty == true)
    }

    @Test func missingQuantityBlocksDownstream() throws {
        var graph = ChainFixtures.exposureToy()
        graph.flows[2].containedTonnes = nil  // M_E → R_C
        let cobalt = try #require(ExposurePass().run(on: graph).mineral("cobalt"))
        #expect(cobalt.node("R_C")?.untracedShare.unavailable?.code == .missingQuantity)
        #expect(cobalt.node("J")?.untracedShare.unavailable?.code == .missingQuantity)
        #expect(cobalt.node("J")?.share(from: "M_D") == nil)
        #expect(approx(cobalt.node("R_F")?.share(from: "M_D"), 0.5))
    }

    @Test func onlyRequestedMineralsAreTraced() {
        let result = ExposurePass(minerals: ["lithium", "cobalt"]).run(on: ChainFixtures.exposureToy())
        #expect(result.minerals.map(\.mineral) == ["cobalt", "lithium"])
        #expect(result.mineral("lithium")?.nodes.isEmpty == true)
    }
}

@Suite("Origin exposure per country")
struct CountryExposureTests {
    /// METHODS §4.4 toy: K (Korea) receives 30 t from R_C (China) and 20 t from R_F (Finland);
    /// its exposure to the DR Congo mine is (30·0.75 + 20·0.5)/50 = 0.65, to Australia 0.35; it is
    /// refined 60 % in China and 40 % in Finland; origin HHI 10,000·(0.65² + 0.35²) = 5,450.
    @Test func toyChainByCountry() throws {
        let rows = CountryExposurePass().run(on: ChainFixtures.exposureToy())
        let korea = try #require(rows.first { $0.country == "KOR" && $0.mineral == "cobalt" })
        #expect(korea.stage == .manufacturing)
        #expect(korea.minedIn.map(\.country) == ["COD", "AUS"])
        #expect(approx(korea.minedIn.first?.share, 0.65))
        #expect(approx(korea.refinedIn.first { $0.country == "CHN" }?.share, 0.6))
        #expect(approx(korea.refinedIn.first { $0.country == "FIN" }?.share, 0.4))
        #expect(approx(korea.originHHI, 5450))
        let china = try #require(rows.first { $0.country == "CHN" })
        #expect(china.stage == .processing)
        #expect(approx(china.minedIn.first?.share, 0.75))
        #expect(china.refinedIn.isEmpty)
        // Mines import nothing: no row.
        #expect(!rows.contains { $0.country == "COD" })
    }
}
