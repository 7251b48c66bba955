import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

@Suite("V1–V3 value added, capture and unit values")
struct ValueAddedTests {
    func node(_ result: ValueAdded, _ id: String) -> NodeValueAdded { result.nodes.first { $0.nodeID == id }! }

    /// METHODS §3.4.
    @Test func valueAddedWorkedExample() {
        let result = ValueAddedPass().run(on: ChainFixtures.valueChain())
        #expect(node(result, "D").grossMarginOverMaterialsUSD.value == 1.0e6)
        #expect(node(result, "C").grossMarginOverMaterialsUSD.value == 0.5e6)
        #expect(node(result, "J").grossMarginOverMaterialsUSD.value == 4.5e6)
        #expect(node(result, "J").unshippedValueUSD.value == 6e6)
        #expect(approx(node(result, "D").share.value, 1.0 / 6))  // 16.7 %
        #expect(approx(node(result, "C").share.value, 0.5 / 6))  // 8.3 %
        #expect(approx(node(result, "J").share.value, 0.75))
        #expect(result.totalValueAddedUSD.value == 6e6)
        #expect(result.finalOutputValueUSD.value == 6e6)  // Σ VA = value of final output
        #expect(result.byStage.map(\.stage) == [.mining, .processing, .manufacturing])
        let developing = result.groups.first { $0.party.id == "developing" }!
        #expect(approx(developing.share.value, 0.25))
        #expect(approx(result.groups.first { $0.party.id == "developing-excl-china" }!.share.value, 1.0 / 6))
        #expect(developing.byStage.map(\.stage) == [.mining, .processing])
        #expect(result.priceYear == 2023)
    }

    /// METHODS §8: Σ VA over a closed chain = value of final output, here with a recycling loop, a
    /// negative-value waste flow and a consumer.
    @Test func valueAddedSumsToFinalOutputValueOnALoop() {
        var graph = ChainFixtures.recyclingLoop()
        var result = ValueAddedPass().run(on: graph)
        #expect(node(result, "R").grossMarginOverMaterialsUSD.value == 850)
        #expect(node(result, "J").grossMarginOverMaterialsUSD.value == 2990)  // pays $10 to dispose of scrap
        #expect(node(result, "Y").grossMarginOverMaterialsUSD.value == 60)  // is paid $10 to take it
        #expect(result.totalValueAddedUSD.value == 5000)
        #expect(result.finalOutputValueUSD.value == 5000)

        // J sells its products to consumers (final demand) instead of keeping them.
        graph.nodes.append(Node(id: "users", kind: .consumer, country: "USA"))
        graph.nodes[3].outputs[0].valueUSD = nil
        graph.flows.append(Flow(from: "J", to: "users", mineral: "cobalt", containedTonnes: 100, valueUSD: 5200))
        result = ValueAddedPass().run(on: graph)
        #expect(!result.nodes.contains { $0.nodeID == "users" })
        #expect(result.finalDemandNodes == ["users"])
        #expect(result.finalOutputValueUSD.value == 5200)
        #expect(result.totalValueAddedUSD.value == 5200)
        #expect(result.totalValueAddedUSD.value == result.finalOutputValueUSD.value)
    }

    @Test func otherInputsAreSubtractedAndNegativeValueAddedIsFlaggedNotClamped() {
        var graph = ChainFixtures.valueChain()
        graph.nodes[1].otherInputsUSD = 0.7e6
        let result = ValueAddedPass().run(on: graph)
        let refinery = node(result, "C")
        #expect(approx(refinery.grossMarginOverMaterialsUSD.value, -0.2e6))
        #expect(refinery.negative)
        #expect(!node(result, "D").negative)
        #expect(approx(result.totalValueAddedUSD.value, 5.3e6))
        #expect(result.finalOutputValueUSD.value == 6e6)
        #expect(approx(result.totalValueAddedUSD.value! + result.otherInputsUSD, result.finalOutputValueUSD.value!))
    }

    @Test func missingValuesMakeChainSharesUnavailable() {
        var graph = ChainFixtures.valueChain()
        graph.flows[1].valueUSD = nil
        var result = ValueAddedPass().run(on: graph)
        #expect(node(result, "C").grossMarginOverMaterialsUSD.unavailable?.code == .missingValue)
        #expect(node(result, "J").grossMarginOverMaterialsUSD.unavailable?.code == .missingValue)
        #expect(node(result, "D").grossMarginOverMaterialsUSD.value == 1e6)
        #expect(node(result, "D").share.unavailable?.code == .chainIncomplete)
        #expect(result.totalValueAddedUSD.unavailable?.code == .missingValue)

        // A final producer without an output value.
        graph = ChainFixtures.valueChain()
        graph.nodes[2].outputs[0].valueUSD = nil
        result = ValueAddedPass().run(on: graph)
        #expect(node(result, "J").unshippedValueUSD.unavailable?.code == .missingValue)

        // A mine that ships 60 of its 100 t and states no value for the rest.
        graph = ChainFixtures.valueChain()
        graph.flows[0].tonnes = 60
        result = ValueAddedPass().run(on: graph)
        #expect(node(result, "D").unshippedValueUSD.unavailable?.code == .missingValue)
    }

    /// METHODS §3.4: D extracts 100 % and captures 16.7 %.
    @Test func valueCaptureWorkedExample() {
        let result = ValueCapturePass().run(on: ChainFixtures.valueChain())
        #expect(result.stage == .mining)
        #expect(result.minerals.map(\.mineral) == ["cobalt"])
        let cobalt = result.minerals[0]
        #expect(cobalt.stageContainedTonnes.value == 30)
        #expect(cobalt.containedBasis == "t Co")
        let d = cobalt.countries.first { $0.party.id == "COD" }!
        #expect(d.physicalShare.value == 1)
        #expect(approx(d.valueCaptureRatio.value, 0.167, tolerance: 1e-3))
        #expect(approx(d.gap.value, -5.0 / 6))  // −83 pp
        let japan = cobalt.countries.first { $0.party.id == "JPN" }!
        #expect(japan.physicalShare.value == 0)
        #expect(japan.valueCaptureRatio.unavailable?.code == .noPhysicalShare)
        #expect(approx(japan.gap.value, 0.75))
        let developing = cobalt.groups.first { $0.party.id == "developing" }!
        #expect(approx(developing.valueCaptureRatio.value, 0.25))
        #expect(cobalt.groups.first { $0.party.id == "ldc" }!.physicalShare.value == 1)
    }

    @Test func valueCaptureSplitsExtractionBetweenMines() {
        let result = ValueCapturePass().run(on: ChainFixtures.recyclingLoop())
        let cobalt = result.minerals[0]
        #expect(cobalt.producingNodes == ["M", "M2"])
        let australia = cobalt.countries.first { $0.party.id == "AUS" }!
        #expect(approx(australia.physicalShare.value, 100.0 / 110))
        #expect(approx(australia.valueCaptureRatio.value, (1000.0 / 5000) / (100.0 / 110)))
    }

    /// METHODS §3.4: UVR(hydroxide → refined) = 1.5, payable 66.7 %.
    @Test func unitValueRatioWorkedExample() {
        let result = StageUnitValuePass().run(on: ChainFixtures.valueChain())
        let cobalt = result.minerals.first { $0.mineral == "cobalt" }!
        #expect(cobalt.stages.map(\.stage) == [.mining, .processing, .manufacturing])
        #expect(approx(cobalt.stages[0].unitValueUSDPerTonne.value, 1e6 / 30))  // 33,333
        #expect(cobalt.stages[1].unitValueUSDPerTonne.value == 50_000)
        #expect(approx(cobalt.ratios[0].ratio.value, 1.5))
        #expect(approx(cobalt.ratios[0].payableShare.value, 2.0 / 3))
        // J states gross tonnes of products only: no contained unit value.
        #expect(cobalt.stages[2].unitValueUSDPerTonne.unavailable?.code == .missingContained)
        #expect(cobalt.ratios[1].ratio.unavailable?.code == .missingContained)
    }
}
