import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

/// E1–E3 on METHODS §2.4 and variations of it.
@Suite("E1–E3 unequal exchange")
struct UnequalExchangeTests {
    static func row<Row>(_ rows: [Row], _ id: String, _ party: (Row) -> CountryOrGroup) -> Row {
        rows.first { party($0).id == id }!
    }

    // MARK: E1

    @Test func physicalTradeBalanceWorkedExample() {
        let result = PhysicalTradeBalancePass().run(on: ChainFixtures.twoCountry())
        let s = Self.row(result.countries, "ZMB", \.party)
        let n = Self.row(result.countries, "DEU", \.party)
        #expect(s.tonnes.exported.value == 1000)
        #expect(s.tonnes.imported.value == 50)
        #expect(s.tonnes.net.value == -950)
        #expect(n.tonnes.net.value == 950)
        #expect(s.valueUSD.net.value == 0)  // NMI
        #expect(s.tradeBalanceUSD.value == 0)
        #expect(s.eueFlag == true)
        #expect(n.eueFlag == false)
        #expect(s.compensatedExporter == false)
        #expect(s.quadrant?.name == "net-mass-exporter/monetary-balanced")
        #expect(n.quadrant?.name == "net-mass-importer/monetary-balanced")
        // Contained tonnes: 250 out, 10 in.
        #expect(s.containedTonnes.net.value == -240)
        // RME: the concentrate is 1,000 t of mine product; N's goods embody no mining in the graph.
        #expect(s.rawMaterialEquivalentTonnes.net.value == -1000)
        #expect(result.epsilon == 0.05)
        #expect(result.countries.map(\.party.id) == ["DEU", "ZMB"])
    }

    @Test func flagNeedsABalancedOrDeficitMoneyTradeUpToEpsilon() {
        var graph = ChainFixtures.twoCountry()
        graph.flows[0].valueUSD = 2.6e6  // TB = 0.1 M ≤ 0.05 × 5.1 M
        var s = Self.row(PhysicalTradeBalancePass().run(on: graph).countries, "ZMB", \.party)
        #expect(s.quadrant?.name == "net-mass-exporter/monetary-surplus")
        #expect(s.eueFlag == true)

        graph.flows[0].valueUSD = 5e6  // TB = 2.5 M > 0.05 × 7.5 M: a compensated exporter
        s = Self.row(PhysicalTradeBalancePass().run(on: graph).countries, "ZMB", \.party)
        #expect(s.eueFlag == false)
        #expect(s.compensatedExporter == true)

        graph.flows[0].valueUSD = 1e6  // monetary deficit
        s = Self.row(PhysicalTradeBalancePass().run(on: graph).countries, "ZMB", \.party)
        #expect(s.quadrant?.name == "net-mass-exporter/monetary-deficit")
        #expect(s.eueFlag == true)
        // With ε = 0 a tiny surplus already compensates.
        graph.flows[0].valueUSD = 2.6e6
        s = Self.row(PhysicalTradeBalancePass(epsilon: 0).run(on: graph).countries, "ZMB", \.party)
        #expect(s.eueFlag == false)
    }

    @Test func missingValuesAndCountriesWithoutTradeAreUnavailableNotZero() {
        var graph = ChainFixtures.twoCountry()
        graph.flows[1].valueUSD = nil
        graph.nodes.append(Node(id: "fra-plant", kind: .manufacturer, country: "FRA"))
        let result = PhysicalTradeBalancePass().run(on: graph)
        let s = Self.row(result.countries, "ZMB", \.party)
        #expect(s.tonnes.net.value == -950)
        #expect(s.valueUSD.imported.unavailable?.code == .missingValue)
        #expect(s.tradeBalanceUSD.unavailable?.code == .missingValue)
        #expect(s.eueFlag == nil)
        #expect(s.classificationUnavailable?.code == .missingValue)
        let france = Self.row(result.countries, "FRA", \.party)
        #expect(france.tonnes.net.unavailable?.code == .noTrade)
        #expect(france.tradeBalanceUSD.unavailable?.code == .noTrade)
        #expect(france.eueFlag == nil)
    }

    @Test func wasteAndRecoveredFractionsAreNotProductTrade() {
        var graph = ChainFixtures.twoCountry()
        graph.nodes.append(Node(id: "s-dump", kind: .wasteDestination(.informal), country: "ZMB"))
        graph.flows.append(Flow(from: "n-plant", to: "s-dump", mineral: "e-waste", tonnes: 500, valueUSD: -1000, type: .waste))
        graph.flows.append(Flow(from: "s-dump", to: "n-plant", mineral: "e-waste", tonnes: 5, valueUSD: 9000, type: .recoveredFraction))
        let s = Self.row(PhysicalTradeBalancePass().run(on: graph).countries, "ZMB", \.party)
        #expect(s.tonnes.net.value == -950)
        #expect(s.valueUSD.net.value == 0)
        #expect(s.exportFlowCount == 1 && s.importFlowCount == 1)
    }

    /// §2.6: flows are aggregated to groups and intra-group edges are dropped.
    @Test func groupsDropIntraGroupFlowsAndAlwaysIncludeDevelopingExcludingChina() {
        var graph = ChainFixtures.twoCountry()
        graph.nodes.append(Node(id: "cn-refinery", kind: .processor, country: "CHN"))
        graph.flows.append(Flow(from: "s-mine", to: "cn-refinery", mineral: "copper", tonnes: 200, containedTonnes: 50, valueUSD: 4e5))
        graph.nodes[0].outputs[0].tonnes = 1200
        let result = PhysicalTradeBalancePass().run(on: graph)
        #expect(result.groups.map(\.party.id) == ["developed", "developing", "developing-excl-china", "ldc"])
        #expect(result.scheme.schemeID == "unctad-der-2024")
        #expect(result.scheme.asOf == "2024-07-10")
        let developing = Self.row(result.groups, "developing", \.party)
        #expect(developing.tonnes.exported.value == 1000)  // ZMB → CHN is internal
        #expect(developing.tonnes.imported.value == 50)
        let excludingChina = Self.row(result.groups, "developing-excl-china", \.party)
        #expect(excludingChina.tonnes.exported.value == 1200)
        #expect(excludingChina.valueUSD.exported.value == 2.9e6)
        let ldc = Self.row(result.groups, "ldc", \.party)
        #expect(ldc.tonnes.net.value == -1150)
        let developed = Self.row(result.groups, "developed", \.party)
        #expect(developed.tonnes.net.value == 950)
        #expect(Self.row(result.countries, "CHN", \.party).tonnes.imported.value == 200)
    }

    @Test func rawMaterialEquivalentsFollowTheChain() {
        // D's 100 t of hydroxide are the chain's extraction: C's 30 t Co embody 100 t RME, and so
        // do J's 300 t of products.
        let result = PhysicalTradeBalancePass().run(on: ChainFixtures.valueChain())
        let china = Self.row(result.countries, "CHN", \.party)
        #expect(approx(china.rawMaterialEquivalentTonnes.imported.value, 100))
        #expect(approx(china.rawMaterialEquivalentTonnes.exported.value, 100))
        #expect(china.tonnes.net.value == 70)
        #expect(approx(Self.row(result.countries, "JPN", \.party).rawMaterialEquivalentTonnes.imported.value, 100))
    }

    // MARK: E2

    @Test func termsOfTradeWorkedExample() {
        let result = TermsOfTradePass().run(on: ChainFixtures.twoCountry())
        let s = Self.row(result.countries, "ZMB", \.party)
        #expect(s.exportUnitValueUSDPerTonne.value == 2500)
        #expect(s.importUnitValueUSDPerTonne.value == 50_000)
        #expect(approx(s.ecologicalTermsOfTrade.value, 0.05))
        #expect(approx(s.tonnesExportedPerTonneImported.value, 20))
        let n = Self.row(result.countries, "DEU", \.party)
        #expect(approx(n.ecologicalTermsOfTrade.value, 20))
        #expect(approx(n.tonnesExportedPerTonneImported.value, 0.05))

        let sn = result.bilateral.first { $0.country.id == "ZMB" && $0.partner.id == "DEU" }!
        #expect(approx(sn.exchangeRatio(.waterConsumptionM3)?.ratio.value, 6.0))
        #expect(approx(sn.exchangeRatio(.scarcityWeightedWaterM3WorldEq)?.ratio.value, 120))
        #expect(approx(sn.exchangeRatio(.tonnes)?.ratio.value, 20))
        #expect(approx(sn.exchangeRatio(.waterConsumptionM3)?.exportedPerUSD.value, 30_000 / 2.5e6))
        #expect(sn.exchangeRatio(.waterConsumptionM3)?.band == .stronglyAsymmetric)
        // Withdrawal: (40,000/2.5 M)/(6,000/2.5 M).
        #expect(approx(sn.exchangeRatio(.waterWithdrawalM3)?.ratio.value, 40_000.0 / 6000))
        // N's goods embody no extraction in the graph: the ratio has no denominator.
        #expect(sn.exchangeRatio(.rawMaterialEquivalentTonnes)?.ratio.unavailable?.code == .noResourceReceived)
        let ns = result.bilateral.first { $0.country.id == "DEU" && $0.partner.id == "ZMB" }!
        #expect(approx(ns.exchangeRatio(.waterConsumptionM3)?.ratio.value, 1.0 / 6))
        #expect(ns.exchangeRatio(.waterConsumptionM3)?.band == .stronglyAsymmetricReverse)
        // Against the rest of the world S has only N: same ratio; for tonnes it equals T_eq.
        #expect(approx(s.exchangeRatio(.waterConsumptionM3)?.ratio.value, 6.0))
        #expect(approx(s.exchangeRatio(.tonnes)?.ratio.value, s.tonnesExportedPerTonneImported.value!))
        #expect(approx(Self.row(result.groups, "developing", \.party).ecologicalTermsOfTrade.value, 0.05))
        #expect(approx(Self.row(result.groups, "ldc", \.party).exchangeRatio(.scarcityWeightedWaterM3WorldEq)?.ratio.value, 120))
    }

    @Test func bilateralRatiosNeedTradeBothWaysAboveOnePercent() {
        var graph = ChainFixtures.twoCountry()
        graph.nodes.append(Node(id: "cn-refinery", kind: .processor, country: "CHN",
                                outputs: [Output(mineral: "copper", tonnes: 100)],
                                water: WaterUse(withdrawalM3PerTonne: 1, consumptionM3PerTonne: 1, awareFactor: 1)))
        graph.flows.append(Flow(from: "s-mine", to: "cn-refinery", mineral: "copper", tonnes: 200, containedTonnes: 50, valueUSD: 4e5))
        graph.nodes[0].outputs[0].tonnes = 1200
        var result = TermsOfTradePass().run(on: graph)
        var zc = result.bilateral.first { $0.country.id == "ZMB" && $0.partner.id == "CHN" }!
        #expect(zc.exchangeRatio(.tonnes)?.ratio.unavailable?.code == .oneSided)
        #expect(approx(zc.exchangeRatio(.tonnes)?.exportedPerUSD.value, 200 / 4e5))  // one-sided intensity kept
        #expect(!result.bilateral.contains { $0.country.id == "CHN" && $0.partner.id == "DEU" })

        // A return flow of $10 is below 1 % of ZMB's imports ($2.5 M) but all of CHN's exports.
        graph.flows.append(Flow(from: "cn-refinery", to: "s-users", mineral: "copper", tonnes: 0.01, containedTonnes: 0.01, valueUSD: 10))
        result = TermsOfTradePass().run(on: graph)
        zc = result.bilateral.first { $0.country.id == "ZMB" && $0.partner.id == "CHN" }!
        #expect(zc.exchangeRatio(.tonnes)?.ratio.unavailable?.code == .belowMinimumShare)
        #expect(zc.exchangeRatio(.tonnes)?.band == nil)
        let cz = result.bilateral.first { $0.country.id == "CHN" && $0.partner.id == "ZMB" }!
        #expect(approx(cz.exchangeRatio(.tonnes)?.ratio.value, (0.01 / 10) / (200 / 4e5)))
        // Lowering the threshold admits the pair.
        result = TermsOfTradePass(minimumTradeShare: 1e-6).run(on: graph)
        zc = result.bilateral.first { $0.country.id == "ZMB" && $0.partner.id == "CHN" }!
        #expect(approx(zc.exchangeRatio(.tonnes)?.ratio.value, (200 / 4e5) / (0.01 / 10)))
    }

    @Test(arguments: [(0.49, ExchangeRatioBand.stronglyAsymmetricReverse), (0.5, .asymmetricReverse), (0.8, .roughlySymmetric),
                      (1.25, .roughlySymmetric), (1.26, .asymmetric), (2, .asymmetric), (2.01, .stronglyAsymmetric)])
    func exchangeRatioBands(ratio: Double, band: ExchangeRatioBand) {
        #expect(ExchangeRatioBand(ratio: ratio) == band)
    }

    // MARK: E3

    @Test func virtualWaterWorkedExample() {
        let result = VirtualWaterTradePass().run(on: ChainFixtures.twoCountry())
        let s = Self.row(result.countries, "ZMB", \.party)
        #expect(s.waterM3.consumption.exported.value == 30_000)
        #expect(s.waterM3.consumption.imported.value == 5000)
        #expect(s.waterM3.consumption.net.value == -25_000)
        #expect(s.waterM3.scarcityWeightedConsumption.net.value == -595_000)
        #expect(s.waterM3.withdrawal.net.value == -34_000)  // 50 × 120 − 1,000 × 40
        let n = Self.row(result.countries, "DEU", \.party)
        #expect(n.waterM3.consumption.net.value == 25_000)
        #expect(n.waterM3.scarcityWeightedConsumption.net.value == 595_000)
        #expect(Self.row(result.groups, "developing", \.party).waterM3.scarcityWeightedConsumption.net.value == -595_000)
        #expect(Self.row(result.groups, "developed", \.party).waterM3.consumption.net.value == 25_000)
        #expect(result.flows.map(\.flowIndex) == [0, 1])
        #expect(result.flows[0].waterM3.scarcityWeightedConsumption.value == 600_000)
    }

    @Test func virtualWaterCarriesUpstreamWaterAndNeedsEveryUpstreamIntensity() {
        // C's exports to J embody D's water: 30 t × 186.7 m³/t = 5,600 m³.
        var result = VirtualWaterTradePass().run(on: ChainFixtures.valueChain())
        let japan = Self.row(result.countries, "JPN", \.party)
        #expect(approx(japan.waterM3.consumption.imported.value, 5600))
        #expect(approx(Self.row(result.countries, "CHN", \.party).waterM3.consumption.net.value, 5000 - 5600))
        // AWARE travels with the product: 100,000 + 3,000 m³ world-eq reach Japan.
        #expect(approx(japan.waterM3.scarcityWeightedConsumption.imported.value, 103_000))

        var graph = ChainFixtures.valueChain()
        graph.nodes[0].water = nil
        result = VirtualWaterTradePass().run(on: graph)
        #expect(Self.row(result.countries, "JPN", \.party).waterM3.consumption.imported.unavailable?.code == .missingIntensity)
        result = VirtualWaterTradePass(water: WaterFootprintPass(defaultWater: WaterUse(consumptionM3PerTonne: 50, awareFactor: 20)))
            .run(on: graph)
        let imputed = Self.row(result.countries, "JPN", \.party).waterM3.consumption.imported
        #expect(approx(imputed.value, 5600))
        #expect(imputed.imputed)
    }
}
