import MineralGraphCore
import Testing

@testable import MineralGraphAnalysis

@Suite("C2 on a trade table")
struct TradeConcentrationPassTests {
    /// CHN imports cobalt ore (260500) from COD 600 t / $6,000, from ZMB $3,000 without tonnes and
    /// from AUS 200 t / $1,000; and cobalt hydroxide (282200, contained share 0.3) from COD.
    /// KOR imports 260500 from COD only. GHA imports e-waste.
    static let table: BilateralTradeTable = {
        var builder = BilateralTradeTable.Builder()
        let ore = builder.product(TradeProduct(code: "260500", mineral: "cobalt", stage: .mining))
        let hydroxide = builder.product(TradeProduct(code: "282200", mineral: "cobalt", stage: .processing, containedShare: 0.3))
        let other = builder.product(TradeProduct(code: "710812"))
        let ewaste = builder.product(TradeProduct(code: "854911", mineral: "e-waste", stage: .waste))
        let (chn, cod, zmb, aus, kor, gha, usa) = (builder.country("CHN"), builder.country("COD"), builder.country("ZMB"),
                                                   builder.country("AUS"), builder.country("KOR"), builder.country("GHA"), builder.country("USA"))
        builder.add(exporter: cod, importer: chn, product: ore, valueUSD: 6_000, tonnes: 600)
        builder.add(exporter: zmb, importer: chn, product: ore, valueUSD: 3_000, tonnes: nil)
        builder.add(exporter: aus, importer: chn, product: ore, valueUSD: 1_000, tonnes: 200)
        builder.add(exporter: cod, importer: chn, product: hydroxide, valueUSD: 5_000, tonnes: 100)
        builder.add(exporter: aus, importer: chn, product: other, valueUSD: 0, tonnes: 0)
        builder.add(exporter: cod, importer: kor, product: ore, valueUSD: 10, tonnes: 1)
        builder.add(exporter: usa, importer: gha, product: ewaste, valueUSD: 50, tonnes: 20, isReexport: true)
        return builder.build(year: 2022)
    }()

    let result = TradeConcentrationPass().run(on: table)

    /// Chunks cut at importer boundaries and computed on several threads give the rows of one
    /// pass, in the same order.
    @Test func chunksOnThreadsGiveTheRowsOfOnePass() {
        var builder = BilateralTradeTable.Builder()
        let products = (0..<6).map { p in
            builder.product(TradeProduct(code: "26050\(p)", mineral: p % 2 == 0 ? "cobalt" : "nickel", stage: p < 3 ? .mining : .processing))
        }
        let countries = (0..<40).map { builder.country(CountryCode(rawValue: "C" + ($0 < 10 ? "0" : "") + String($0))) }
        var state: UInt64 = 3
        for (i, importer) in countries.enumerated() {
            for (k, product) in products.enumerated() where (i + k) % 4 != 0 {
                for (e, exporter) in countries.enumerated() where e != i && (e * 7 + i + k) % 3 != 0 {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    builder.add(exporter: exporter, importer: importer, product: product, valueUSD: Double(state >> 40) / 7,
                                tonnes: state % 5 == 0 ? nil : Double(state >> 44))
                }
            }
        }
        let table = builder.build(year: 2022)
        let onePass = TradeConcentrationPass().run(on: table, chunks: 1)
        #expect(onePass.byProduct.count > 150 && onePass.byMineral.count > 100)
        for chunks in [2, 7, 64] {
            #expect(TradeConcentrationPass().run(on: table, chunks: chunks) == onePass)
        }
    }

    func row(_ rows: [TradeConcentration], _ importer: CountryCode, _ key: String) throws -> TradeConcentration {
        try #require(rows.first { $0.importer == importer && ($0.productCode == key || "\($0.mineral?.rawValue ?? "")-\($0.stage?.rawValue ?? "")" == key) })
    }

    @Test func handCheckedProductIndex() throws {
        let ore = try row(result.byProduct, "CHN", "260500")
        // Value: 6,000 / 3,000 / 1,000 of 10,000 → 10,000 · (0.36 + 0.09 + 0.01) = 4,600.
        #expect(abs(ore.hhiValue! - 4_600) < 1e-9)
        // Tonnes: ZMB has none; 600 / 200 of 800 → 10,000 · (0.5625 + 0.0625) = 6,250.
        #expect(abs(ore.hhiTonnes! - 6_250) < 1e-9)
        #expect(ore.partnersWithoutTonnes == 1 && ore.partners == 3)
        #expect(ore.tonnes == 800 && ore.valueUSD == 10_000)
        #expect(ore.topPartner == "COD" && ore.topPartnerValueShare == 0.6)
        // The three largest by value, largest first: 6,000, 3,000 and 1,000 of 10,000.
        #expect(ore.topPartners.map(\.country) == ["COD", "ZMB", "AUS"])
        #expect(ore.topPartners.map(\.valueShare) == [0.6, 0.3, 0.1])
        #expect(ore.bandValue == .highlyConcentrated)
    }

    @Test func onePartnerIsTenThousandAndNoImportsNoRow() throws {
        #expect(try row(result.byProduct, "KOR", "260500").hhiValue == 10_000)
        #expect(!result.byProduct.contains { $0.importer == "COD" })
        #expect(!result.byProduct.contains { $0.importer == "KOR" && $0.productCode == "282200" })
    }

    @Test func zeroTotalIsUnavailableNotZero() throws {
        let other = try row(result.byProduct, "CHN", "710812")
        #expect(other.hhiValue == nil && other.valueUnavailable?.code == .noSupply)
        #expect(other.hhiTonnes == nil && other.tonnesUnavailable?.code == .noSupply)
        #expect(other.mineral == nil)
    }

    @Test func mineralLevelUsesContainedTonnesWhereKnown() throws {
        let processing = try row(result.byMineral, "CHN", "cobalt-processing")
        #expect(processing.tonnes == 30)
        #expect(processing.hhiValue == 10_000)
        let mining = try row(result.byMineral, "CHN", "cobalt-mining")
        #expect(abs(mining.hhiValue! - 4_600) < 1e-9)
        #expect(!result.byMineral.contains { $0.mineral == nil })
        let ewaste = try row(result.byMineral, "GHA", "e-waste-waste")
        #expect(ewaste.reexportValueUSD == 50)
    }

    @Test func missingTonnesEverywhereIsMissingTonnes() {
        var builder = BilateralTradeTable.Builder()
        let p = builder.product(TradeProduct(code: "260500", mineral: "cobalt", stage: .mining))
        builder.add(exporter: builder.country("COD"), importer: builder.country("CHN"), product: p, valueUSD: 5, tonnes: nil)
        let row = TradeConcentrationPass().run(on: builder.build(year: 2022)).byProduct[0]
        #expect(row.hhiTonnes == nil && row.tonnesUnavailable?.code == .missingTonnes)
        #expect(row.hhiValue == 10_000)
    }

    /// The mineral rows equal the graph pass on a graph with the same flows (one node per
    /// country and stage, as `import baci` builds it).
    @Test func mineralRowsMatchImportConcentrationPassOnTheEquivalentGraph() throws {
        let graph = SupplyGraph(
            name: "trade", year: 2022,
            nodes: [
                Node(id: "cod-mining", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt")]),
                Node(id: "zmb-mining", kind: .mine, country: "ZMB", outputs: [Output(mineral: "cobalt")]),
                Node(id: "aus-mining", kind: .mine, country: "AUS", outputs: [Output(mineral: "cobalt")]),
                Node(id: "cod-processing", kind: .processor, country: "COD", outputs: [Output(mineral: "cobalt")]),
                Node(id: "chn-processing", kind: .processor, country: "CHN"),
                Node(id: "chn-manufacturing", kind: .manufacturer, country: "CHN"),
                Node(id: "kor-processing", kind: .processor, country: "KOR"),
            ],
            flows: [
                Flow(from: "cod-mining", to: "chn-processing", mineral: "cobalt", tonnes: 600, valueUSD: 6_000),
                Flow(from: "zmb-mining", to: "chn-processing", mineral: "cobalt", valueUSD: 3_000),
                Flow(from: "aus-mining", to: "chn-processing", mineral: "cobalt", tonnes: 200, valueUSD: 1_000),
                Flow(from: "cod-processing", to: "chn-manufacturing", mineral: "cobalt", tonnes: 100, containedTonnes: 30, valueUSD: 5_000),
                Flow(from: "cod-mining", to: "kor-processing", mineral: "cobalt", tonnes: 1, valueUSD: 10),
            ])
        let graphRows = ImportConcentrationPass().run(on: graph).importers
        #expect(graphRows.count == 3)
        for graphRow in graphRows {
            let tradeRow = try row(result.byMineral, graphRow.importer, "\(graphRow.mineral)-\(graphRow.stage.rawValue)")
            #expect(tradeRow.hhiValue == graphRow.byValue.hhi)
            #expect(tradeRow.hhiTonnes == graphRow.byTonnes.hhi)
        }
    }
}
