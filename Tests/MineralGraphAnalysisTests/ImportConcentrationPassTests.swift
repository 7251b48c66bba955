import MineralGraphCore
import Testing

@testable import MineralGraphAnalysis

@Suite("C2 import-source concentration")
struct ImportConcentrationPassTests {
    /// COD and AUS mines ship ore to a CHN refinery, which also takes ore from a CHN mine;
    /// COD ships to FIN without a value; CHN ships refined cobalt to JPN; a waste flow is ignored.
    static let graph = SupplyGraph(
        name: "imports", year: 2023,
        nodes: [
            Node(id: "cod", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 200)]),
            Node(id: "aus", kind: .mine, country: "AUS", outputs: [Output(mineral: "cobalt", containedTonnes: 60)]),
            Node(id: "chn-mine", kind: .mine, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 30, valueUSD: 300)]),
            Node(id: "chn-ref", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 170)]),
            Node(id: "fin-ref", kind: .processor, country: "FIN", outputs: [Output(mineral: "cobalt", containedTonnes: 20)]),
            Node(id: "jpn", kind: .manufacturer, country: "JPN", outputs: [Output(mineral: "cobalt", containedTonnes: 50)]),
            Node(id: "gha", kind: .wasteDestination(.informal), country: "GHA"),
        ],
        flows: [
            Flow(from: "cod", to: "chn-ref", mineral: "cobalt", containedTonnes: 100, valueUSD: 1_000),
            Flow(from: "aus", to: "chn-ref", mineral: "cobalt", containedTonnes: 50, valueUSD: 800),
            Flow(from: "chn-mine", to: "chn-ref", mineral: "cobalt", containedTonnes: 30, valueUSD: 300),
            Flow(from: "cod", to: "fin-ref", mineral: "cobalt", containedTonnes: 20),
            Flow(from: "chn-ref", to: "jpn", mineral: "cobalt", containedTonnes: 50, valueUSD: 2_000),
            Flow(from: "jpn", to: "gha", mineral: "cobalt", tonnes: 5, type: .waste),
        ])

    let result = ImportConcentrationPass().run(on: graph)

    func row(_ importer: CountryCode, _ stage: Stage) throws -> ImportConcentration {
        try #require(result.importers.first { $0.importer == importer && $0.stage == stage })
    }

    @Test func importersAreListedOnlyForInterCountryProductFlows() {
        #expect(result.importers.map { "\($0.importer)-\($0.stage)" } == ["CHN-mining", "FIN-mining", "JPN-processing"])
    }

    @Test func byTonnesAndByValueDiffer() throws {
        let chn = try row("CHN", .mining)
        // Tonnes: 100 and 50 of 150 → 10,000 · (4/9 + 1/9) = 5,555.56.
        #expect(abs(chn.byTonnes.hhi! - 10_000 * (100.0 * 100 + 50 * 50) / (150 * 150)) < 1e-9)
        #expect(chn.byTonnes.partners.map(\.country) == ["COD", "AUS"])
        #expect(chn.byTonnes.importTotal == 150 && chn.byTonnes.unit == "t Co")
        // Value: 1,000 and 800 of 1,800 → 5,061.73.
        #expect(abs(chn.byValue.hhi! - 10_000 * (1_000.0 * 1_000 + 800 * 800) / (1_800 * 1_800)) < 1e-9)
        #expect(chn.byValue.unit == "USD")
    }

    @Test func domesticProductionIsOneMoreSupplier() throws {
        let chn = try row("CHN", .mining)
        // Tonnes with CHN's own 30 t: 100, 50, 30 of 180 → 4,135.80.
        #expect(chn.byTonnesWithDomestic.includesDomestic && chn.byTonnesWithDomestic.domesticAmount == 30)
        #expect(abs(chn.byTonnesWithDomestic.hhi! - 10_000 * (100.0 * 100 + 50 * 50 + 30 * 30) / (180 * 180)) < 1e-9)
        #expect(chn.byTonnesWithDomestic.partners.map(\.country) == ["COD", "AUS", "CHN"])
        // Value with CHN's own USD 300: 1,000, 800, 300 of 2,100.
        #expect(abs(chn.byValueWithDomestic.hhi! - 10_000 * (1e6 + 640_000 + 90_000) / (2_100.0 * 2_100)) < 1e-9)
    }

    @Test func onePartnerIs10000AndMissingValuesAreNull() throws {
        let fin = try row("FIN", .mining)
        #expect(fin.byTonnes.hhi == 10_000)
        #expect(fin.byValue.hhi == nil && fin.byValue.unavailable?.code == .missingValue)
        #expect(fin.byValue.flowsWithoutQuantity == 1)
        // FIN mines nothing: with domestic production (0 t) it is the same as without.
        #expect(fin.byTonnesWithDomestic.hhi == 10_000 && fin.byTonnesWithDomestic.domesticAmount == 0)
    }

    @Test func domesticProductionWithoutAFigureMakesTheVariantNull() throws {
        // JPN imports refined cobalt; its own processing would be domestic — give it a withheld one.
        var graph = Self.graph
        graph.nodes.append(Node(id: "jpn-ref", kind: .processor, country: "JPN", outputs: [Output(mineral: "cobalt")]))
        let jpn = try #require(ImportConcentrationPass().run(on: graph).importers.first { $0.importer == "JPN" })
        #expect(jpn.byTonnes.hhi == 10_000)
        #expect(jpn.byTonnesWithDomestic.hhi == nil && jpn.byTonnesWithDomestic.unavailable?.code == .missingDomestic)
    }

    @Test func bandUsesTheGuidelines() throws {
        #expect(try row("CHN", .mining).byTonnes.band == .highlyConcentrated)
    }
}
