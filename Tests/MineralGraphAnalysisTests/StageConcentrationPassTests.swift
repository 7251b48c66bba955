import MineralGraphCore
import Testing

@testable import MineralGraphAnalysis

/// Worked example A as a graph: DRC 68 kt (two mines), Indonesia 5, Russia 4, Australia 3,
/// other countries 20 kt of cobalt in 2023; a withheld US figure; processing from outputs and
/// from out-flows; e-waste received by two waste destinations.
enum ExampleGraphs {
    static func mine(_ id: String, _ country: CountryCode, _ tonnes: Double?, mineral: MineralID = "cobalt", year: Int? = nil) -> Node {
        Node(id: id, kind: .mine, country: country, outputs: [Output(mineral: mineral, year: year, containedTonnes: tonnes)])
    }

    static let cobalt = SupplyGraph(
        name: "Example A", year: 2023,
        nodes: [
            mine("cod-1", "COD", 40_000), mine("cod-2", "COD", 28_000), mine("idn", "IDN", 5_000),
            mine("rus", "RUS", 4_000), mine("aus", "AUS", 3_000), mine("usa", "USA", nil),
            Node(id: "chn-ref", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 90_000)]),
            Node(id: "fin-ref", kind: .processor, country: "FIN", outputs: [Output(mineral: "cobalt", tonnes: nil)]),
            Node(id: "jpn-cells", kind: .manufacturer, country: "JPN", outputs: [Output(mineral: "cobalt")]),
            Node(id: "gha-dump", kind: .wasteDestination(.informal), country: "GHA"),
            Node(id: "nga-dump", kind: .wasteDestination(.informal), country: "NGA"),
            Node(id: "deu-users", kind: .consumer, country: "DEU", outputs: [Output(mineral: "e-waste")]),
        ],
        flows: [
            Flow(from: "fin-ref", to: "jpn-cells", mineral: "cobalt", containedTonnes: 6_000),
            Flow(from: "fin-ref", to: "jpn-cells", mineral: "cobalt", tonnes: 20_000, containedTonnes: 4_000),
            Flow(from: "deu-users", to: "gha-dump", mineral: "e-waste", tonnes: 300, type: .waste),
            Flow(from: "deu-users", to: "nga-dump", mineral: "e-waste", tonnes: 100, type: .waste),
        ],
        otherCountries: [OtherCountries(mineral: "cobalt", stage: .mining, containedTonnes: 20_000)])
}

@Suite("C1 stage concentration on graphs")
struct StageConcentrationPassTests {
    let result = StageConcentrationPass().run(on: ExampleGraphs.cobalt)

    @Test func countryTotalsReproduceWorkedExampleA() throws {
        let market = try #require(result.market("cobalt", .mining, year: 2023))
        let m = try #require(market.measures)
        #expect(abs(m.hhiLo - 4_674) < 1e-6 && abs(m.hhiHi - 4_732) < 1e-6 && m.hhi == m.hhiHi)
        #expect(market.totalTonnes == 100_000 && market.residualTonnes == 20_000)
        #expect(market.suppliers.map(\.country) == ["COD", "IDN", "RUS", "AUS"])
        #expect(market.suppliers.map(\.share) == [0.68, 0.05, 0.04, 0.03])
        #expect(market.band == .highlyConcentrated && market.bandIsRobust == true)
        #expect(market.basis == "t Co")
    }

    @Test func withheldFigureIsMissingAndMarksTheMarketIncomplete() throws {
        let market = try #require(result.market("cobalt", .mining, year: 2023))
        #expect(market.missing == [StageSupply.MissingSupply(node: "usa", country: "USA")])
        #expect(!market.isComplete)
        #expect(!market.suppliers.contains { $0.country == "USA" })
    }

    @Test func outFlowsStandInForAMissingOutputQuantity() throws {
        // FIN lists cobalt without a quantity but ships 6,000 + 4,000 t contained.
        let market = try #require(result.market("cobalt", .processing, year: 2023))
        #expect(market.suppliers.map(\.country) == ["CHN", "FIN"])
        #expect(market.suppliers.map(\.tonnes) == [90_000, 10_000])
        #expect(abs(market.measures!.hhi - 8_200) < 1e-6) // 90² + 10²
        #expect(market.measures?.hNormalized != nil && market.isComplete)
    }

    @Test func outputWithoutQuantityOrFlowsMakesTheHHIUnavailable() throws {
        // JPN lists cobalt with no quantity and ships nothing: the only node is missing.
        let market = try #require(result.market("cobalt", .manufacturing, year: 2023))
        #expect(market.measures == nil && market.unavailable?.code == .noSupply)
        #expect(market.missing.map(\.node) == ["jpn-cells"])
    }

    @Test func wasteDestinationsAreMeasuredByWhatTheyReceive() throws {
        let market = try #require(result.market("e-waste", .waste, year: 2023))
        #expect(market.suppliers.map(\.country) == ["GHA", "NGA"])
        #expect(abs(market.measures!.hhi - 6_250) < 1e-6) // 75² + 25²
        // The consumer stage is not measured by default.
        #expect(!result.markets.contains { $0.stage == .use })
    }

    @Test func facilityLevelCountsNodesNotCountries() throws {
        let facility = FacilityConcentrationPass().run(on: ExampleGraphs.cobalt)
        let market = try #require(facility.market("cobalt", .mining, year: 2023))
        #expect(market.level == .facility)
        #expect(market.suppliers.map(\.node) == ["cod-1", "cod-2", "idn", "rus", "aus"])
        // 40² + 28² + 5² + 4² + 3² = 2,434; cap s_min = 3: + 6·9 + 2² = 2,492.
        #expect(abs(market.measures!.hhiLo - 2_434) < 1e-6)
        #expect(abs(market.measures!.hhiHi - 2_492) < 1e-6)
        #expect(market.measures!.hhi <= result.market("cobalt", .mining, year: 2023)!.measures!.hhi)
    }

    @Test func yearsAreSeparateMarketsAndFlowsOnlyCountInTheGraphYear() throws {
        var graph = ExampleGraphs.cobalt
        graph.nodes[0].outputs.append(Output(mineral: "cobalt", year: 2022, containedTonnes: 50_000))
        graph.nodes[2].outputs.append(Output(mineral: "cobalt", year: 2022, containedTonnes: 50_000))
        // FIN declares 2022 without a quantity; its flows are 2023 flows and must not count.
        graph.nodes[7].outputs.append(Output(mineral: "cobalt", year: 2022))
        let result = StageConcentrationPass().run(on: graph)
        let mining2022 = try #require(result.market("cobalt", .mining, year: 2022))
        #expect(abs(mining2022.measures!.hhi - 5_000) < 1e-6 && mining2022.isComplete)
        let processing2022 = try #require(result.market("cobalt", .processing, year: 2022))
        #expect(processing2022.missing.map(\.node) == ["fin-ref"] && processing2022.unavailable?.code == .noSupply)
        let keys = result.markets.map { "\($0.mineral)|\($0.stage.order)|\($0.year)" }
        #expect(keys == keys.sorted())
    }

    @Test func negativeQuantityIsReportedNotComputed() throws {
        var graph = ExampleGraphs.cobalt
        graph.nodes[2].outputs[0].containedTonnes = -5
        let market = try #require(StageConcentrationPass().run(on: graph).market("cobalt", .mining, year: 2023))
        #expect(market.measures == nil && market.unavailable?.code == .negativeQuantity)
        #expect(market.suppliers.contains { $0.tonnes == -5 })
    }

    @Test func zeroProductionIsUndefined() throws {
        let graph = SupplyGraph(name: "z", year: 2023, nodes: [ExampleGraphs.mine("a", "CHN", 0), ExampleGraphs.mine("b", "AUS", 0)])
        let market = try #require(StageConcentrationPass().run(on: graph).market("cobalt", .mining, year: 2023))
        #expect(market.measures == nil && market.unavailable?.code == .noSupply && market.suppliers.isEmpty)
    }

    @Test func otherCountriesWithoutAFigureIsIncomplete() throws {
        var graph = ExampleGraphs.cobalt
        graph.nodes.remove(at: 5) // the withheld US mine
        graph.otherCountries[0].containedTonnes = nil
        let market = try #require(StageConcentrationPass().run(on: graph).market("cobalt", .mining, year: 2023))
        #expect(market.residualMissing && !market.isComplete && market.residualTonnes == nil)
        #expect(abs(market.measures!.hhi - 10_000 * (0.85 * 0.85 + 0.0625 * 0.0625 + 0.05 * 0.05 + 0.0375 * 0.0375)) < 1e-6)
    }

    @Test func bandsFollowTheChosenGuidelines() throws {
        // 35/25/20/20 → 1,225 + 625 + 400 + 400 = 2,650: highly concentrated under both.
        let graph = SupplyGraph(name: "b", year: 2023, nodes: [
            ExampleGraphs.mine("a", "CHN", 35), ExampleGraphs.mine("b", "AUS", 25), ExampleGraphs.mine("c", "CHL", 20),
            ExampleGraphs.mine("d", "ARG", 20),
        ])
        let h2023 = StageConcentrationPass(guidelines: .us2023).run(on: graph).markets[0]
        let h2010 = StageConcentrationPass(guidelines: .us2010).run(on: graph).markets[0]
        #expect(abs(h2023.measures!.hhi - 2_650) < 1e-6)
        #expect(h2023.band == .highlyConcentrated && h2010.band == .highlyConcentrated)
        let moderate = SupplyGraph(name: "m", year: 2023, nodes: (0..<5).map { ExampleGraphs.mine("n\($0)", CountryCode(["CHN", "AUS", "CHL", "ARG", "BRA"][$0]), 20) })
        // Five equal suppliers: 2,000, above 1,800 (2023) but within 1,500–2,500 (2010).
        #expect(StageConcentrationPass(guidelines: .us2023).run(on: moderate).markets[0].band == .highlyConcentrated)
        #expect(StageConcentrationPass(guidelines: .us2010).run(on: moderate).markets[0].band == .moderatelyConcentrated)
    }
}
