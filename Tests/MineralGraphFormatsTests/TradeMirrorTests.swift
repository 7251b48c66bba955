import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// A Comtrade file that has both sides of a flow — the importer's report and the exporter's
/// mirror report of the same pair, product and year — gives the flow the two sides' figures as
/// its range (docs/import.md, METHODS §11.1); the value is the side `--side` reads.
///
/// `Fixtures/trade/comtrade-legacy-api-mirror.csv` has the header of the real legacy-API file
/// (`../shared/data/comtrade/legacy-api-germany-imports-2606-2015.csv`) and two of its rows
/// (Germany's 2015 imports of HS 2606 from Brazil and Guinea, and from World), plus two rows
/// written for the test in the same shape: Brazil's exports to World and to Germany (invented
/// figures: 51,000 t for USD 2,410,000).
@Suite("Trade import: mirror flows")
struct TradeMirrorTests {
    static func graph(side: ComtradeSide) throws -> SupplyGraph {
        let imported = try TradeTableReader(productMap: TradeFixtures.map, side: side)
            .read(contentsOf: TradeFixtures.path("comtrade-legacy-api-mirror.csv"))
        return TradeGraphBuilder(productMap: TradeFixtures.map, command: "import comtrade").build(imported).graph
    }

    static func flow(_ graph: SupplyGraph, from: String) throws -> Flow {
        try #require(graph.flows.first { $0.from == from && $0.to == "deu-processing" })
    }

    @Test func bothSidesOfAFlowBecomeItsRangeAndTheSideReadIsItsValue() throws {
        let imports = try Self.graph(side: .importer)
        let brazil = try Self.flow(imports, from: "bra-mining")
        #expect(brazil.valueUSD == 2_772_001 && brazil.tonnes == 53_399.7)
        #expect(brazil.uncertainty == FigureUncertainties(
            tonnes: .range(low: 51_000, high: 53_399.7), valueUSD: .range(low: 2_410_000, high: 2_772_001)))
        #expect(brazil.notes?.contains("Also reported by the exporter (FOB), line 6: USD 2410000, 51000 t") == true)
        // Guinea reports no exports in the file: no range.
        #expect(try Self.flow(imports, from: "gin-mining").uncertainty == nil)

        // Read from the exporter's side, the file has Brazil's flow only, at its FOB value.
        let exports = try Self.graph(side: .exporter)
        #expect(exports.flows.count == 1)
        let fob = try Self.flow(exports, from: "bra-mining")
        #expect(fob.valueUSD == 2_410_000 && fob.tonnes == 51_000)
        #expect(fob.uncertainty == brazil.uncertainty)
        #expect(fob.notes?.contains("Also reported by the importer (CIF), line 3") == true)
    }

    /// The graph file keeps the ranges (`{value: …, range: […]}`) and reads them back.
    @Test func theRangesRoundTripThroughTheGraphFile() throws {
        let graph = try Self.graph(side: .importer)
        let text = GraphFileWriter().write(graph)
        #expect(text.contains("value_usd: {value: 2772001, range: [2410000, 2772001]}"), "\(text)")
        let read = try GraphFileReader().read(text: text, file: "mirror.yaml").graph
        #expect(read.flows.map(\.uncertainty) == graph.flows.map(\.uncertainty))
    }

    /// The real legacy-API file has Germany's side only: no flow gets a range.
    @Test(.enabled(if: SharedTradeData.available, SharedTradeData.skipped))
    func theRealLegacyFileHasNoMirrorAndNoRange() throws {
        let imported = try TradeTableReader(productMap: TradeFixtures.map).read(contentsOf: SharedTradeData.legacyAPI)
        #expect(imported.mirrors.isEmpty)
        let graph = TradeGraphBuilder(productMap: TradeFixtures.map, command: "import comtrade").build(imported).graph
        #expect(graph.flows.count == 24 && graph.flows.allSatisfy { $0.uncertainty == nil })
        // Its two rows in the fixture read the same: the fixture has the real file's shape.
        let fixture = try Self.graph(side: .importer)
        for from in ["bra-mining", "gin-mining"] {
            let real = try Self.flow(graph, from: from), copied = try Self.flow(fixture, from: from)
            #expect(real.valueUSD == copied.valueUSD && real.tonnes == copied.tonnes)
        }
    }

    /// Contained tonnes the map derives through a contained share are marked `grade: true`
    /// (the graph's `grade` default applies); where both sides give a weight, the contained
    /// tonnes take the two sides' range instead.
    @Test func containedTonnesFromAContainedShareAreMarkedGrade() throws {
        let header = try String(contentsOfFile: TradeFixtures.path("comtrade-legacy-api-mirror.csv"), encoding: .utf8)
            .split(separator: "\n")[0]
        let row = { (flow: String, reporter: String, partner: String, code: String, kg: Int, usd: Int) in
            let (flowCode, rt, pt) = (flow == "Import" ? "1" : "2", reporter.split(separator: "/"), partner.split(separator: "/"))
            return "H4,2015,2015,2015,6,1,\(flowCode),\(flow),\(rt[0]),\(rt[1]),\(rt[2]),\(pt[0]),\(pt[1]),\(pt[2]),,,,,,,,\(code),x,8,Weight in kilograms,\(kg),,,,\(kg),,\(usd),,,0"
        }
        let text = [
            String(header),
            row("Import", "276/Germany/DEU", "152/Chile/CHL", "282520", 10_000, 100_000),
            row("Import", "276/Germany/DEU", "152/Chile/CHL", "283691", 20_000, 200_000),
            row("Export", "152/Chile/CHL", "276/Germany/DEU", "283691", 25_000, 190_000),
        ].joined(separator: "\n") + "\n"
        let imported = try TradeTableReader(productMap: TradeFixtures.map).read(bytes: Array(text.utf8), file: "x.csv")
        let graph = TradeGraphBuilder(productMap: TradeFixtures.map, command: "import comtrade").build(imported).graph
        let hydroxide = try #require(graph.flows.first { $0.product?.hasPrefix("HS 282520") == true })
        #expect(hydroxide.containedTonnes == 8.8 && hydroxide.uncertainty == FigureUncertainties(containedTonnes: .grade))
        let carbonate = try #require(graph.flows.first { $0.product?.hasPrefix("HS 283691") == true })
        #expect(carbonate.uncertainty == FigureUncertainties(
            tonnes: .range(low: 20, high: 25), containedTonnes: .range(low: 20, high: 25), valueUSD: .range(low: 190_000, high: 200_000)))
        #expect(GraphFileWriter().write(graph).contains("contained_tonnes: {value: 8.8, grade: true}"))
    }
}
