import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

@Suite("W1 direct and embodied water")
struct WaterFootprintTests {
    func node(_ result: WaterFootprint, _ id: String) -> NodeWater {
        result.nodes.first { $0.nodeID == id }!
    }

    /// METHODS §5.5.
    @Test func workedExample() {
        let result = WaterFootprintPass().run(on: ChainFixtures.valueChain())
        // Direct use: D 5,000; C 600; J 1,500; total 7,100 m³.
        #expect(node(result, "D").water.consumption.directM3.value == 5000)
        #expect(node(result, "C").water.consumption.directM3.value == 600)
        #expect(node(result, "J").water.consumption.directM3.value == 1500)
        #expect(result.totals.consumption.directM3.value == 7100)
        // Embodied: W*_D = 50; W*_C = 20 + (100/30)·50 = 186.7; W*_J = 5 + 0.1·186.7 = 23.67.
        #expect(node(result, "D").water.consumption.embodiedM3PerTonne.value == 50)
        #expect(approx(node(result, "C").water.consumption.embodiedM3PerTonne.value, 20 + 100.0 / 30 * 50))
        #expect(approx(node(result, "C").water.consumption.embodiedM3PerTonne.value, 186.7, tolerance: 1e-3))
        #expect(approx(node(result, "J").water.consumption.embodiedM3PerTonne.value, 23.67, tolerance: 1e-3))
        // Conservation: 300 t × 23.67 = 7,100 m³.
        #expect(approx(result.totals.consumption.finalOutputEmbodiedM3.value, 7100))
        #expect((result.totals.consumption.conservationRelativeError.value ?? 1) < 1e-12)
        // AWARE 20/5/1: WSF = 100,000 + 3,000 + 1,500 = 104,500 m³ world-eq.
        #expect(result.totals.scarcityWeightedConsumption.directM3.value == 104_500)
        #expect(approx(result.totals.scarcityWeightedConsumption.finalOutputEmbodiedM3.value, 104_500))
    }

    @Test func withdrawalIsAccountedSeparatelyFromConsumption() {
        let result = WaterFootprintPass().run(on: ChainFixtures.valueChain())
        // 80·100 + 30·30 + 10·300 = 11,900 m³; W*_J = 10 + 0.1·(30 + (100/30)·80) = 39.667.
        #expect(result.totals.withdrawal.directM3.value == 11_900)
        #expect(approx(node(result, "J").water.withdrawal.embodiedM3PerTonne.value, 10 + 0.1 * (30 + 8000.0 / 30)))
        #expect(approx(result.totals.withdrawal.finalOutputEmbodiedM3.value, 11_900))
        #expect(result.totals.consumption.directM3.value == 7100)
    }

    /// Conservation (METHODS §8) on a graph with a recycling loop: the loop is solved, not assumed away.
    @Test func recyclingLoopConservesWater() {
        let result = WaterFootprintPass().run(on: ChainFixtures.recyclingLoop())
        #expect(result.solver.cyclicComponents == 1)
        #expect(result.solver.converged)
        let consumption = result.totals.consumption
        #expect(consumption.directM3.value == 4400)
        #expect(approx(node(result, "R").water.consumption.embodiedM3PerTonne.value, 39))
        #expect(approx(node(result, "J").water.consumption.embodiedM3PerTonne.value, 44))
        #expect(approx(node(result, "Y").water.consumption.embodiedM3PerTonne.value, 118))
        #expect(node(result, "J").finalOutputTonnes.value == 100)
        #expect(approx(consumption.finalOutputEmbodiedM3.value, 4400))
        for quantity in [WaterQuantity.withdrawal, .consumption, .scarcityWeightedConsumption] {
            #expect((result.totals[quantity].conservationRelativeError.value ?? 1) < 1e-9, "\(quantity)")
        }
    }

    @Test func missingIntensityBlocksDownstreamUnlessADefaultIsImputed() {
        var graph = ChainFixtures.valueChain()
        graph.nodes[1].water = nil  // refinery C
        let strict = WaterFootprintPass().run(on: graph)
        #expect(node(strict, "C").water.consumption.directM3.unavailable?.code == .missingIntensity)
        #expect(node(strict, "J").water.consumption.embodiedM3PerTonne.unavailable?.code == .missingIntensity)
        #expect(node(strict, "D").water.consumption.embodiedM3PerTonne.value == 50)
        #expect(strict.totals.consumption.directM3.value == nil)
        #expect(strict.totals.consumption.statedDirectM3 == 6500)
        #expect(strict.totals.consumption.nodesMissing == ["C"])

        let imputed = WaterFootprintPass(defaultWaterByStage: [.processing: WaterUse(consumptionM3PerTonne: 20)])
            .run(on: graph)
        let j = node(imputed, "J").water.consumption.embodiedM3PerTonne
        #expect(approx(j.value, 5 + 0.1 * (20 + 5000.0 / 30)))
        #expect(j.imputed)
        #expect(!node(imputed, "D").water.consumption.embodiedM3PerTonne.imputed)
        #expect(imputed.totals.consumption.directM3.imputed)
    }

    @Test func scarcityWeightingNeedsTheAwareFactor() {
        var graph = ChainFixtures.valueChain()
        graph.nodes[0].water?.awareFactor = nil
        let result = WaterFootprintPass().run(on: graph)
        #expect(node(result, "D").water.scarcityWeightedConsumption.directM3.unavailable?.code == .missingAware)
        #expect(node(result, "D").water.consumption.directM3.value == 5000)
    }

    @Test func brineIsKeptApartFromFreshwater() {
        var graph = ChainFixtures.valueChain()
        graph.nodes[0].water?.brineM3PerTonne = 400
        graph.nodes[1].water?.brineM3PerTonne = 0
        graph.nodes[2].water?.brineM3PerTonne = 0
        let result = WaterFootprintPass().run(on: graph)
        #expect(result.totals.brine.directM3.value == 40_000)
        #expect(result.totals.withdrawal.directM3.value == 11_900)
        #expect(result.totals.consumption.directM3.value == 7100)
        #expect(!WaterQuantity.brine.isFreshwater)
    }

    @Test func highStressWithdrawalUsesBaselineWaterStressOnWithdrawals() {
        var graph = ChainFixtures.valueChain()
        graph.nodes[0].water?.baselineWaterStress = 0.8
        graph.nodes[1].water?.baselineWaterStress = 0.1
        let partial = WaterFootprintPass().run(on: graph)
        #expect(partial.highStressWithdrawalM3.unavailable?.code == .missingStress)
        graph.nodes[2].water?.baselineWaterStress = 0.39
        let result = WaterFootprintPass().run(on: graph)
        #expect(result.highStressWithdrawalM3.value == 8000)
        #expect(approx(result.highStressWithdrawalShare.value, 8000.0 / 11_900))
        #expect(result.countries.first { $0.party.id == "COD" }?.highStressWithdrawalM3.value == 8000)
        #expect(result.groups.first { $0.party.id == "developed" }?.highStressWithdrawalM3.value == 0)
    }

    @Test func consumersAreFinalDemandAndSinksHaveNoOutput() {
        let result = WaterFootprintPass().run(on: ChainFixtures.twoCountry())
        #expect(node(result, "s-users").role == .finalDemand)
        #expect(node(result, "n-smelter").role == .sink)
        #expect(node(result, "n-smelter").water.consumption.embodiedM3PerTonne.unavailable?.code == .noOutput)
        // 30·1000 + 100·50; the concentrate delivered to the sink is final output of the mine.
        #expect(result.totals.consumption.directM3.value == 35_000)
        #expect(approx(result.totals.consumption.finalOutputEmbodiedM3.value, 35_000))
        #expect(result.scheme.schemeID == "unctad-der-2024")
    }
}
