import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

@Suite("E4 burden–benefit ratio")
struct BurdenBenefitTests {
    static func country(_ result: BurdenBenefit, _ id: String) -> BurdenBenefitRow {
        result.countries.first { $0.party.id == id }!
    }

    /// METHODS §5.5 table: BBR(water) 4.23/1.01/0.28, BBR(AWARE) 5.74/0.34/0.02.
    @Test func workedExample() {
        let result = BurdenBenefitPass().run(on: ChainFixtures.valueChain())
        let d = Self.country(result, "COD"), c = Self.country(result, "CHN"), j = Self.country(result, "JPN")
        #expect(approx(d.ratio(.waterConsumption)?.share.value, 5000.0 / 7100))  // 70.4 %
        #expect(approx(c.ratio(.waterConsumption)?.share.value, 600.0 / 7100))  // 8.5 %
        #expect(approx(j.ratio(.waterConsumption)?.share.value, 1500.0 / 7100))  // 21.1 %
        #expect(approx(d.ratio(.waterConsumption)?.ratio.value, 4.23, tolerance: 0.005))
        #expect(approx(c.ratio(.waterConsumption)?.ratio.value, 1.01, tolerance: 0.005))
        #expect(approx(j.ratio(.waterConsumption)?.ratio.value, 0.28, tolerance: 0.005))
        #expect(approx(d.ratio(.scarcityWeightedWater)?.share.value, 100_000.0 / 104_500))  // 95.7 %
        #expect(approx(d.ratio(.scarcityWeightedWater)?.ratio.value, 5.74, tolerance: 0.005))
        #expect(approx(c.ratio(.scarcityWeightedWater)?.ratio.value, 0.34, tolerance: 0.005))
        #expect(approx(j.ratio(.scarcityWeightedWater)?.ratio.value, 0.02, tolerance: 0.005))
        // Exact forms.
        #expect(approx(d.ratio(.waterConsumption)?.ratio.value, (5000.0 / 7100) / (1.0 / 6)))
        #expect(approx(j.ratio(.scarcityWeightedWater)?.ratio.value, (1500.0 / 104_500) / 0.75))
        #expect(d.ratio(.waterConsumption)?.band == .burdenBearing)
        #expect(c.ratio(.waterConsumption)?.band == .roughlyProportional)
        #expect(j.ratio(.waterConsumption)?.band == .beneficiary)
        // D does all the extraction (100 t of hydroxide = 30 t Co, counted as contained cobalt:
        // METHODS §0.1) for a sixth of the value.
        #expect(d.ratio(.extraction)?.amount.value == 30)
        #expect(approx(d.ratio(.extraction)?.ratio.value, 6))
        #expect(j.ratio(.extraction)?.ratio.value == 0)
        #expect(d.ratio(.wasteReceived)?.ratio.unavailable?.code == .noBurden)
        // Groups: developing = D + C.
        let developing = result.groups.first { $0.party.id == "developing" }!
        #expect(approx(developing.ratio(.waterConsumption)?.ratio.value, (5600.0 / 7100) / 0.25))
        #expect(result.groups.first { $0.party.id == "developed" }?.ratio(.waterConsumption)?.band == .beneficiary)
        #expect(result.totals.first { $0.burden == .waterConsumption }?.amount.value == 7100)
    }

    @Test func negativeOrMissingValueAddedGivesNoRatio() {
        var graph = ChainFixtures.valueChain()
        graph.nodes[1].otherInputsUSD = 0.7e6  // C's VA becomes −$0.2 M
        var result = BurdenBenefitPass().run(on: graph)
        #expect(Self.country(result, "CHN").ratio(.waterConsumption)?.ratio.unavailable?.code == .negativeGroupVA)
        #expect(Self.country(result, "COD").ratio(.waterConsumption)?.ratio.value != nil)

        graph = ChainFixtures.valueChain()
        graph.flows[0].valueUSD = nil
        result = BurdenBenefitPass().run(on: graph)
        #expect(Self.country(result, "JPN").ratio(.waterConsumption)?.ratio.unavailable?.code == .chainIncomplete)

        graph = ChainFixtures.valueChain()
        graph.nodes[2].water = nil
        result = BurdenBenefitPass().run(on: graph)
        #expect(Self.country(result, "COD").ratio(.waterConsumption)?.ratio.unavailable?.code == .missingIntensity)
        #expect(approx(Self.country(result, "COD").ratio(.extraction)?.ratio.value, 6))
    }

    @Test(arguments: [(0.49, BurdenBenefitBand.beneficiary), (0.5, .roughlyProportional), (2, .roughlyProportional), (2.01, .burdenBearing)])
    func bands(ratio: Double, band: BurdenBenefitBand) {
        #expect(BurdenBenefitBand(ratio: ratio) == band)
    }
}
