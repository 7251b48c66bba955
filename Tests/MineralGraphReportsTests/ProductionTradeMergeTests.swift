import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import Testing

@testable import MineralGraphReports

/// The documented workflow (docs/import.md, "Production and trade in one graph"): a production
/// table and a BACI file, each imported, then merged. Production concentration must come from
/// the table and import-source concentration from the trade flows, both in one graph and one
/// report.
@Suite("Production and trade in one graph")
struct ProductionTradeMergeTests {
    /// Contained tonnes (t Co) in the long layout of `import production`.
    static let productionTable = """
        mineral,stage,country,year,quantity,unit
        cobalt,mining,Congo (Kinshasa),2022,130000,t
        cobalt,mining,Australia,2022,6000,t
        cobalt,mining,Indonesia,2022,10000,t
        cobalt,mining,Other countries,2022,24000,t
        cobalt,processing,China,2022,130000,t
        cobalt,processing,Finland,2022,15000,t
        cobalt,processing,Belgium,2022,5000,t
        """

    /// Cobalt ore to China from the three named miners, refined cobalt to the USA from two
    /// refiners (v thousand USD, q tonnes).
    static let baci = """
        t,i,j,k,v,q
        2022,180,156,260500,600,1000
        2022,36,156,260500,100,500
        2022,360,156,260500,300,600
        2022,246,842,810520,900,30
        2022,156,842,810520,300,10
        """

    static func mergedGraph() throws -> SupplyGraph {
        let production = try ProductionTableImporter().read(bytes: Array(productionTable.utf8), file: "production.csv")
        let map = try HSProductMap.builtIn()
        let imported = try TradeTableReader(productMap: map).read(bytes: Array(baci.utf8), file: "BACI_HS17_Y2022_V202401b.csv")
        let (trade, header) = TradeGraphBuilder(productMap: map, command: "import baci").build(imported)
        // As the commands do: each graph written to its file, read back with its source map.
        let documents = try [
            GraphFileReader().read(text: GraphFileWriter().write(production.graph, headerComment: production.headerComment), file: "production.yaml"),
            GraphFileReader().read(text: GraphFileWriter().write(trade, headerComment: header), file: "trade.yaml"),
        ]
        return try GraphMerger().merge(documents).graph
    }

    @Test func productionHHIFromTheTableAndImportHHIFromTheFlows() throws {
        let graph = try Self.mergedGraph()
        #expect(GraphValidator().run(on: graph).filter { $0.severity == .error }.isEmpty)

        // Mining: named 130,000 / 10,000 / 6,000 t Co and 24,000 t of other countries (METHODS §1.4).
        let total: Double = 170_000
        let named: [Double] = [130_000, 10_000, 6_000]
        let lo: Double = 10_000 * named.map { ($0 / total) * ($0 / total) }.reduce(0, +)
        let smallest: Double = 6_000 / total
        let hi: Double = lo + 10_000 * 4 * smallest * smallest  // floor(24,000 / 6,000) = 4 countries of the smallest size
        #expect(abs(lo - 5_894.809689) < 1e-6 && abs(hi - 5_944.636678) < 1e-6)
        let stage = StageConcentrationPass().run(on: graph)
        let mining: ConcentrationMeasures = try #require(stage.market("cobalt", Stage.mining, year: 2022)?.measures)
        #expect(abs(mining.hhiLo - lo) < 1e-9)
        #expect(abs(mining.hhiHi - hi) < 1e-9)
        // Processing: 130,000 / 15,000 / 5,000 t Co, complete: exact.
        let processing: MarketConcentration = try #require(stage.market("cobalt", Stage.processing, year: 2022))
        #expect(processing.isComplete)
        let refiners: [Double] = [130_000, 15_000, 5_000]
        let exact: Double = 10_000 * refiners.map { ($0 / 150_000) * ($0 / 150_000) }.reduce(0, +)
        #expect(abs(exact - 7_622.222222) < 1e-6)
        let processingHHI: Double = try #require(processing.measures?.hhi)
        #expect(abs(processingHHI - exact) < 1e-9)

        // Import sources of China's ore: value 600 / 300 / 100 thousand USD, tonnes 1,000 / 600 / 500.
        let imports = ImportConcentrationPass().run(on: graph)
        let china: ImportConcentration = try #require(imports.importers.first { $0.importer == "CHN" && $0.stage == Stage.mining })
        let chinaValue: Double = try #require(china.byValue.hhi)
        #expect(abs(chinaValue - 4_600) < 1e-9)  // 10,000 · (0.6² + 0.3² + 0.1²)
        let ore: [Double] = [1_000, 600, 500]
        let tonnesHHI: Double = 10_000 * ore.map { ($0 / 2_100) * ($0 / 2_100) }.reduce(0, +)
        #expect(abs(tonnesHHI - 3_650.793651) < 1e-6)
        let chinaTonnes: Double = try #require(china.byTonnes.hhi)
        #expect(abs(chinaTonnes - tonnesHHI) < 1e-9)
        // The USA's refined cobalt: 900 and 300 thousand USD, 30 and 10 t: 6,250 both ways.
        let usa: ImportConcentration = try #require(imports.importers.first { $0.importer == "USA" && $0.stage == Stage.processing })
        let usaValue: Double = try #require(usa.byValue.hhi)
        let usaTonnes: Double = try #require(usa.byTonnes.hhi)
        #expect(abs(usaValue - 6_250) < 1e-9)
        #expect(abs(usaTonnes - 6_250) < 1e-9)

        // One report carries both.
        let report = try ReportBuilder().build(graph, file: "merged.yaml")
        let row = try #require(report.concentration.first { $0.stage == Stage.mining && $0.year == 2022 })
        #expect(row.basis == "t Co")
        let rowLo: Double = try #require(row.hhiLo)
        let rowHi: Double = try #require(row.hhiHi)
        #expect(abs(rowLo - lo) < 0.01 && abs(rowHi - hi) < 0.01)
        let importRow = try #require(report.importConcentration.first { $0.importer == "CHN" && $0.stage == Stage.mining })
        let reportValue: Double = try #require(importRow.byValue.hhi)
        #expect(abs(reportValue - 4_600) < 0.01)
    }

    @Test func tradeAloneHasNoProductionFigures() throws {
        // Without the production table the miners' outputs have no figures: the stage market is
        // read from gross export tonnes, not from production (issue 13), so the merge is what
        // brings the table's shares in.
        let map = try HSProductMap.builtIn()
        let imported = try TradeTableReader(productMap: map).read(bytes: Array(Self.baci.utf8), file: "BACI_HS17_Y2022_V202401b.csv")
        let (trade, _) = TradeGraphBuilder(productMap: map, command: "import baci").build(imported)
        #expect(trade.nodes.flatMap(\.outputs).allSatisfy { $0.tonnes == nil && $0.containedTonnes == nil })
        let merged = try Self.mergedGraph()
        #expect(merged.node(id: "cod-mining")?.outputs == [Output(mineral: "cobalt", containedTonnes: 130_000)])
        #expect(merged.flows.count == trade.flows.count)
    }
}
