import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

@Suite("X1 waste balance and recovered fractions")
struct WasteBalanceTests {
    /// Germany sends 100 t of e-waste to an informal site in Ghana, paying $2,000, and 20 t to a
    /// domestic recycler; Japan sells 50 t to the Ghanaian site for $3,000; the site exports 2 t of
    /// recovered circuit boards to a Belgian smelter for $30,000.
    static func graph() -> SupplyGraph {
        SupplyGraph(
            name: "e-waste", year: 2022,
            nodes: [
                Node(id: "de-users", kind: .consumer, country: "DEU"),
                Node(id: "jp-users", kind: .consumer, country: "JPN"),
                Node(id: "de-recycler", kind: .wasteDestination(.recycling), country: "DEU"),
                Node(id: "gh-site", kind: .wasteDestination(.informal), country: "GHA",
                     outputs: [Output(mineral: "e-waste", product: "circuit boards", tonnes: 2)]),
                Node(id: "be-smelter", kind: .processor, country: "BEL"),
            ],
            flows: [
                Flow(from: "de-users", to: "gh-site", mineral: "e-waste", tonnes: 100, valueUSD: -2000, type: .waste),
                Flow(from: "de-users", to: "de-recycler", mineral: "e-waste", tonnes: 20, valueUSD: -400, type: .waste),
                Flow(from: "jp-users", to: "gh-site", mineral: "e-waste", containedTonnes: 50, valueUSD: 3000, type: .waste),
                Flow(from: "gh-site", to: "be-smelter", mineral: "e-waste", tonnes: 2, valueUSD: 30_000, type: .recoveredFraction),
            ])
    }

    static func row(_ rows: [WasteBalanceRow], _ id: String) -> WasteBalanceRow { rows.first { $0.party.id == id }! }

    @Test func balancesAndRecapture() {
        let result = WasteBalancePass().run(on: Self.graph())
        #expect(result.wasteFlowCount == 3)
        #expect(result.totalWasteTonnes.value == 170)
        let ghana = Self.row(result.countries, "GHA")
        #expect(ghana.wasteTonnes.imported.value == 150)  // e-waste contained tonnes are gross tonnes
        #expect(ghana.wasteTonnes.net.value == 150)  // WB
        #expect(ghana.wasteValueUSD.imported.value == 1000)
        #expect(ghana.recoveredValueUSD.exported.value == 30_000)
        #expect(ghana.valueRecaptureRatio.value == 30)
        #expect(approx(ghana.wasteReceivedShare.value, 150.0 / 170))
        #expect(ghana.receivedByFate == [WasteReceivedByFate(fate: .informal, tonnes: MetricValue(150))])
        let germany = Self.row(result.countries, "DEU")
        #expect(germany.wasteTonnes.exported.value == 100)  // the domestic 20 t are not trade
        #expect(germany.wasteTonnes.net.value == -100)
        #expect(germany.wasteValueUSD.exported.value == -2000)
        #expect(germany.wasteReceivedTonnes.value == 20)
        #expect(germany.receivedByFate.map(\.fate) == [.recycling])
        #expect(germany.valueRecaptureRatio.unavailable?.code == .noWasteImports)
        #expect(Self.row(result.countries, "BEL").recoveredTonnes.imported.value == 2)
        #expect(Self.row(result.countries, "BEL").wasteTonnes.net.value == 0)
    }

    @Test func groups() {
        let result = WasteBalancePass().run(on: Self.graph())
        let developed = Self.row(result.groups, "developed")
        #expect(developed.wasteTonnes.exported.value == 150)
        #expect(developed.wasteTonnes.net.value == -150)
        #expect(developed.recoveredTonnes.imported.value == 2)
        #expect(approx(developed.wasteReceivedShare.value, 20.0 / 170))
        let developing = Self.row(result.groups, "developing")
        #expect(developing.wasteTonnes.net.value == 150)
        #expect(developing.valueRecaptureRatio.value == 30)
        #expect(Self.row(result.groups, "ldc").wasteTonnes.net.value == 0)
    }

    @Test func negativeWasteValueHasNoRecaptureRatio() {
        var graph = Self.graph()
        graph.flows[2].valueUSD = 1000  // Ghana's imports: −2,000 + 1,000
        var ghana = Self.row(WasteBalancePass().run(on: graph).countries, "GHA")
        #expect(ghana.wasteValueUSD.imported.value == -1000)
        #expect(ghana.valueRecaptureRatio.unavailable?.code == .nonPositiveWasteValue)
        graph.flows[2].valueUSD = nil
        ghana = Self.row(WasteBalancePass().run(on: graph).countries, "GHA")
        #expect(ghana.valueRecaptureRatio.unavailable?.code == .missingValue)
        #expect(ghana.wasteTonnes.imported.value == 150)
    }
}
