import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// Helpers for the trade fixtures in `Fixtures/trade`.
enum TradeFixtures {
    static func path(_ name: String) -> String {
        Fixtures.directory.appendingPathComponent("trade").appendingPathComponent(name).path
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    static let map: HSProductMap = (try? HSProductMap.builtIn()) ?? HSProductMap()

    static func read(_ name: String, _ configure: (inout TradeTableReader) -> Void = { _ in }) throws -> TradeImport {
        var reader = TradeTableReader(productMap: map)
        configure(&reader)
        return try reader.read(contentsOf: path(name))
    }
}

extension BilateralTradeTable {
    /// Entries as `EXP>IMP code value tonnes` lines, for readable comparisons.
    var lines: [String] {
        entries.map { entry in
            "\(countries[Int(entry.exporter)])>\(countries[Int(entry.importer)]) \(products[Int(entry.product)].code) "
                + NumberFormatting.plain(entry.valueUSD) + " " + (entry.tonnes.map(NumberFormatting.plain) ?? "-")
                + (entry.isReexport ? " RX" : "")
        }
    }
}

@Suite("HS product map")
struct HSProductMapTests {
    @Test func builtInMapCoversTheChainsProductsByPrefix() throws {
        // Ores, concentrates, intermediates, refined forms, scrap and the manufactured goods that
        // carry the minerals (issue 13), as HS 2022 codes.
        let map = try HSProductMap.builtIn()
        let expected: [(String, MineralID, Stage)] = [
            ("850760", "lithium", .manufacturing), ("850511", "rare-earths", .manufacturing), ("750400", "nickel", .processing),
            ("284690", "rare-earths", .processing), ("280530", "rare-earths", .processing), ("261100", "tungsten", .mining),
            ("810194", "tungsten", .processing), ("261590", "tantalum", .mining), ("810320", "tantalum", .processing),
            ("282530", "vanadium", .processing), ("720292", "vanadium", .processing), ("261400", "titanium", .mining),
            ("810820", "titanium", .processing), ("261710", "antimony", .mining), ("811010", "antimony", .processing),
            ("260200", "manganese", .mining), ("811100", "manganese", .processing), ("811292", "gallium", .processing),
            ("280461", "silicon", .processing), ("280469", "silicon", .processing), ("711011", "platinum", .processing),
            ("711021", "palladium", .processing), ("260500", "cobalt", .mining), ("282200", "cobalt", .processing),
            ("810520", "cobalt", .processing), ("260400", "nickel", .mining), ("750110", "nickel", .processing),
            ("750210", "nickel", .processing), ("260300", "copper", .mining), ("740311", "copper", .processing),
            ("740400", "copper", .waste), ("250410", "graphite", .mining), ("250490", "graphite", .mining),
            ("380110", "graphite", .processing), ("253090", "lithium", .mining), ("282520", "lithium", .processing),
            ("283691", "lithium", .processing), ("260600", "aluminium", .mining), ("281820", "aluminium", .processing),
            ("810530", "cobalt", .waste), ("854911", "e-waste", .waste), ("854931", "e-waste", .waste), ("854999", "e-waste", .waste),
        ]
        for (code, mineral, stage) in expected {
            let entry = try #require(map.entry(for: code, revision: .hs22), "\(code)")
            #expect(entry.mineral == mineral && entry.stage == stage, "\(code)")
        }
        #expect(map.entry(for: "253010") == nil)
        #expect(map.entry(for: "999999") == nil)
        // EU critical raw materials the catalogue names: chromium ore, magnesium and its scrap.
        #expect(map.entry(for: "261000")?.mineral == "chromium" && map.entry(for: "261000")?.stage == .mining)
        #expect(map.entry(for: "810411")?.mineral == "magnesium" && map.entry(for: "810411")?.stage == .processing)
        #expect(map.entry(for: "810420")?.stage == .waste)
        #expect(map.entry(for: "283691")?.containedShare == 1)
    }

    @Test func longestPrefixWinsAndAFileOverrides() throws {
        let base = try HSProductMap.builtIn()
        #expect(base.entry(for: "810530")?.stage == .waste)
        #expect(base.entry(for: "810520")?.stage == .processing)
        let override = try HSProductMap.parse(bytes: TradeFixtures.bytes("product-map-override.csv"), file: "override.csv")
        let map = base.overridden(by: override)
        let excluded = try #require(map.entry(for: "253090"))
        #expect(excluded.mineral == nil)
        #expect(map.entry(for: "999999")?.mineral == "gallium")
        #expect(map.entry(for: "260500")?.mineral == "cobalt")
    }

    @Test func badMapRowsAreLocatedErrors() {
        let text = "hs_code,mineral,stage,contained_share\n26O5,cobalt,mining,\n2605,cobalt,mining,\n2605,cobalt,mining,\n2846,unobtainium,processing,\n2847,lithium,refinery,\n2848,lithium,processing,0.5\n"
        #expect {
            try HSProductMap.parse(bytes: Array(text.utf8), file: "map.csv")
        } throws: { error in
            let messages = (error as? DiagnosticError)?.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" } ?? []
            return messages == ["2:1 bad-hs-code", "4:1 duplicate-hs-code", "5:6 unknown-mineral", "6:14 unknown-stage", "7:25 share-without-source"]
        }
    }
}

@Suite("BACI import")
struct BACIImportTests {
    @Test func readsThePublishedLayoutWithItsMess() throws {
        let imported = try TradeFixtures.read("BACI_HS22_Y2022_V202401b-sample.csv")
        let summary = imported.summary
        #expect(summary.source == .baci)
        #expect(summary.release == "HS22 V202401b")
        #expect(summary.year == 2022)
        #expect(summary.dataRows == 17)
        #expect(summary.keptRows == 16)
        // NA, "  NA " and an empty q are missing quantities, kept with their value.
        #expect(summary.keptRowsWithoutTonnes == 5)
        #expect(summary.paddedCodes == 1)
        #expect(summary.skipped[.unknownCountry] == TradeTally(rows: 1, valueUSD: 5_000))
        #expect(summary.unknownCountryCodes["999"]?.rows == 1)
        #expect(summary.unmappedProducts.keys.sorted() == ["030110", "710812", "999999"])
        #expect(summary.unmappedProducts["710812"] == TradeTally(rows: 1, valueUSD: 1_000_000))
        let lines = imported.table.lines
        // v is thousand USD; quoted fields read as plain ones; BACI's own codes resolve.
        #expect(lines.contains("COD>CHN 260500 600000 1000"))
        #expect(lines.contains("ZMB>CHN 260500 300000 -"))
        #expect(lines.contains("FRA>TWN 810520 12500 0.001"))
        #expect(lines.contains("COD>IND 282200 1 -"))
        #expect(lines.contains("CHE>USA 740311 50000 5"))
        #expect(lines.contains("NOR>JPN 750210 80000 -"))
        #expect(lines.contains("CHN>JPN 282520 1000000 -"))
        #expect(lines.contains("ARG>CHN 030110 3000 2"))
        #expect(summary.countryNotes.keys.sorted() == ["CHE", "FRA", "IND", "NOR", "TWN", "USA"])
    }

    @Test func byteOrderMarkAndCRLFReadTheSame() throws {
        let plain = try TradeFixtures.read("BACI_HS22_Y2022_V202401b-sample.csv")
        let marked = try TradeFixtures.read("BACI-bom-crlf.csv")
        #expect(try TradeFixtures.bytes("BACI-bom-crlf.csv").starts(with: [0xEF, 0xBB, 0xBF, UInt8(ascii: "t")]))
        #expect(marked.table.lines == plain.table.lines)
        #expect(marked.summary.keptRowsWithoutTonnes == plain.summary.keptRowsWithoutTonnes)
    }

    @Test func countryTableFromTheReleaseResolvesS19() throws {
        let codes = try TradeReferenceTables.countries(contentsOf: TradeFixtures.path("country_codes_V202401b.csv"))
        #expect(codes[490] == .country("TWN", note: "BACI/Comtrade 490 'Other Asia, nes' is Taiwan"))
        #expect(codes[180] == .country("COD", note: nil))
        #expect(codes[842] == .country("USA", note: "BACI/Comtrade 842 is the USA including Puerto Rico and the US Virgin Islands"))
        // With the table, a code it lacks is unknown even if ISO knows it.
        let imported = try TradeFixtures.read("BACI_HS22_Y2022_V202401b-sample.csv") { $0.countryCodes = codes }
        #expect(imported.summary.unknownCountryCodes.keys.sorted() == ["999"])
    }

    @Test func productNamesComeFromTheProductTable() throws {
        let names = try TradeReferenceTables.productNames(contentsOf: TradeFixtures.path("product_codes_HS22_V202401b.csv"))
        #expect(names["030110"] == "Fish; live, ornamental fish")
        let imported = try TradeFixtures.read("BACI_HS22_Y2022_V202401b-sample.csv") { $0.productNames = names }
        #expect(imported.table.products.first { $0.code == "260500" }?.name == "Cobalt ores and concentrates")
        #expect(imported.table.products.first { $0.code == "282200" }?.name == "Cobalt oxides and hydroxides; commercial cobalt oxides")
    }

    @Test func malformedValueIsAnErrorAtItsLineAndColumn() {
        #expect {
            try TradeFixtures.read("baci-malformed.csv")
        } throws: { error in
            guard let error = error as? DiagnosticError, let first = error.diagnostics.first, let location = first.location else { return false }
            return location.line == 3 && location.column == 21 && first.message == "value '3O0' is not a number"
                && error.description.contains("2022,894,156,260500,3O0,NA\n                    ^")
        }
    }

    @Test func otherMalformedRows() {
        let cases: [(String, String)] = [
            ("t,i,j,k,v,q\n2022,180,156,260500,-5,1\n", "2:21 negative-number"),
            ("t,i,j,k,v,q\n2022,180,156,2605OO,5,1\n", "2:14 bad-hs-code"),
            ("t,i,j,k,v,q\n2022,180,156,260500,5\n", "2:21 field-count"),
            ("t,i,j,k,v,q\n2022,180,156,260500,,1\n", "2:21 missing-number"),
            ("t,i,j,k,v,q\n2022,180,156,\"260500,5,1\n", "2:14 csv-syntax"),
            ("a,b,c\n1,2,3\n", "1:1 unknown-format"),
            ("t,i,j,v,q\n2022,180,156,5,1\n", "1:1 missing-columns"),
            ("t,i,j,k,v,q\n2021,180,156,260500,5,1\n2022,180,156,260500,5,1\n", "3:1 several-years"),
        ]
        for (text, expected) in cases {
            #expect {
                try TradeTableReader(productMap: TradeFixtures.map).read(bytes: Array(text.utf8), file: "x.csv")
            } throws: { error in
                let found = (error as? DiagnosticError)?.diagnostics.first.map { "\($0.location!.line):\($0.location!.column) \($0.code)" }
                return found == expected
            }
        }
    }

    @Test func yearOptionPicksOneYearAndCountsTheRest() throws {
        let text = "t,i,j,k,v,q\n2021,180,156,260500,5,1\n2022,180,156,260500,7,1\n"
        let imported = try TradeTableReader(productMap: TradeFixtures.map, year: 2022).read(bytes: Array(text.utf8), file: "x.csv")
        #expect(imported.table.lines == ["COD>CHN 260500 7000 1"])
        #expect(imported.summary.skipped[.otherYear] == TradeTally(rows: 1, valueUSD: 5_000))
    }

    @Test func duplicateRowsAreLocatedErrors() {
        // The same exporter, importer, product and year twice: each repeat is an error at its
        // line and the exporter's column, naming the first row; the table is not built.
        let text = "t,i,j,k,v,q\n2022,180,156,260500,5,1\n2022,36,156,260500,1,1\n2022,180,156,260500,7,2\n2022, 36,156,260500,1,NA\n"
        #expect {
            try TradeTableReader(productMap: TradeFixtures.map).read(bytes: Array(text.utf8), file: "x.csv")
        } throws: { error in
            let diagnostics = (error as? DiagnosticError)?.diagnostics ?? []
            return diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" } == ["4:6 duplicate-row", "5:6 duplicate-row"]
                && diagnostics[0].message == "a second row for COD → CHN, HS 260500 in 2022; the first is on line 2"
                && diagnostics[1].message == "a second row for AUS → CHN, HS 260500 in 2022; the first is on line 3"
        }
        // A re-export is another flow than the export of the same product (Comtrade X and RX).
        let comtrade = "refYear,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,netWgt\n2022,528,276,X,810520,20000,4000\n2022,528,276,RX,810520,5000,1000\n"
        let imported = try? TradeTableReader(productMap: TradeFixtures.map, side: .exporter).read(bytes: Array(comtrade.utf8), file: "y.csv")
        #expect(imported?.table.lines == ["NLD>DEU 810520 20000 4", "NLD>DEU 810520 5000 1 RX"])
    }

    @Test func decimalsAreReadExactly() {
        for text in ["0.001", "1234.567", "600", "12.5", "0.1", "99999999999.999", "1e-05", "  3.25 ", "+2"] {
            #expect(TradeNumber.decimal(ArraySlice(text.utf8)) == .value(Double(text.trimmingCharacters(in: .whitespaces))!), "\(text)")
        }
        for text in ["NA", "  NA ", "", "   ", "nan", "N/A"] {
            #expect(TradeNumber.decimal(ArraySlice(text.utf8)) == .missing, "\(text)")
        }
        for text in ["3O0", "1,5", ".", "-", "12abc"] {
            #expect(TradeNumber.decimal(ArraySlice(text.utf8)) == .invalid, "\(text)")
        }
    }
}

@Suite("Comtrade import")
struct ComtradeImportTests {
    @Test func importerSideSkipsWorldAggregatesOtherSideReimportsAndBreakdowns() throws {
        let imported = try TradeFixtures.read("comtrade-sample.csv")
        let summary = imported.summary
        #expect(summary.source == .comtrade)
        #expect(summary.side == .importer)
        #expect(summary.dataRows == 12)
        #expect(imported.table.lines == [
            "AUS>CHN 260500 100000 -",  // netWgt 0 with a value: not reported
            "COD>CHN 260500 600000 5000",  // netWgt kg ÷ 1,000
            "ZMB>CHN 260500 300000 300",  // netWgt empty: qty in kg
            "CHL>KOR 283691 2000000.5 100",
            "COD>TWN 282200 250000 20",  // reporter 490, Other Asia nes
        ])
        #expect(summary.zeroWeightRows == 1)
        #expect(summary.skipped[.worldPartner] == TradeTally(rows: 1, valueUSD: 1_000_000))
        #expect(summary.skipped[.aggregatePartner]?.rows == 1)
        #expect(summary.skipped[.otherSide]?.rows == 3)
        #expect(summary.skipped[.reimport]?.rows == 1)
        #expect(summary.skipped[.breakdown] == TradeTally(rows: 1, valueUSD: 400_000))
        #expect(imported.table.products.first { $0.code == "283691" }?.name == "Carbonates; lithium carbonate, of lithium")
    }

    @Test func exporterSideKeepsReexportsFlagged() throws {
        let imported = try TradeFixtures.read("comtrade-sample.csv") { $0.side = .exporter }
        #expect(imported.table.lines == ["COD>CHN 260500 650000 5100", "NLD>DEU 810520 20000 4", "NLD>DEU 810520 5000 1 RX"])
        #expect(imported.summary.reexportRows == 1)
        let (graph, _) = TradeGraphBuilder(productMap: TradeFixtures.map, command: "import comtrade").build(imported)
        let reexport = try #require(graph.flows.first { $0.valueUSD == 5_000 })
        #expect(reexport.notes?.contains("Re-export") == true)
    }

    @Test func parentHeadingsWithTheirSubheadingsInTheFileAreDropped() throws {
        let text = """
            refYear,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,netWgt
            2022,156,180,M,2605,1000,10
            2022,156,180,M,260500,1000,10
            2022,156,36,M,8105,50,
            """
        let imported = try TradeTableReader(productMap: TradeFixtures.map).read(bytes: Array(text.utf8), file: "x.csv")
        #expect(imported.table.lines == ["COD>CHN 260500 1000 0.01", "AUS>CHN 8105 50 -"])
        #expect(imported.summary.skipped[.parentProduct] == TradeTally(rows: 1, valueUSD: 1_000))
        #expect(imported.summary.keptRows == 2)
    }

    @Test func legacyBulkHeaderIsRecognised() throws {
        let text = """
            Classification,Year,Period,Trade Flow Code,Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,Netweight (kg),Trade Value (US$)
            H5,2021,2021,1,Import,156,China,CHN,180,Dem. Rep. of the Congo,COD,260500,Cobalt ores,8,Weight in kilograms,2000,2000,3000
            H5,2021,2021,2,Export,156,China,CHN,410,Rep. of Korea,KOR,282200,Cobalt oxides,8,Weight in kilograms,10,10,500
            """
        let imported = try TradeTableReader(productMap: TradeFixtures.map).read(bytes: Array(text.utf8), file: "legacy.csv")
        #expect(imported.table.lines == ["COD>CHN 260500 3000 2"])
        #expect(imported.summary.year == 2021)
    }
}

@Suite("Trade graph")
struct TradeGraphBuilderTests {
    @Test func oneNodePerCountryAndStageAndFlowsToTheUsingStage() throws {
        let imported = try TradeFixtures.read("BACI_HS22_Y2022_V202401b-sample.csv")
        let (graph, header) = TradeGraphBuilder(productMap: TradeFixtures.map, command: "import baci").build(imported)
        #expect(graph.year == 2022)
        #expect(graph.name == "BACI_HS22_Y2022_V202401b-sample")
        #expect(graph.sources.map(\.id) == ["cepii-baci", "hs-mineral-map"])
        #expect(graph.sources[0].title == "CEPII BACI HS22 V202401b")
        let ore = try #require(graph.flows.first { $0.from == "cod-mining" && $0.to == "chn-processing" })
        #expect(ore.valueUSD == 600_000 && ore.tonnes == 1_000 && ore.mineral == "cobalt" && ore.type == .product)
        #expect(ore.product == "HS 260500 Cobalt ores and concentrates")
        let carbonate = try #require(graph.flows.first { $0.from == "chl-processing" && $0.to == "kor-manufacturing" })
        #expect(carbonate.containedTonnes == 100)
        let hydroxide = try #require(graph.flows.first { $0.from == "chn-processing" && $0.to == "kor-manufacturing" })
        #expect(hydroxide.containedTonnes == 44)
        let ewaste = try #require(graph.flows.first { $0.from == "usa-use" && $0.to == "nga-waste" })
        #expect(ewaste.type == .waste && ewaste.mineral == "e-waste")
        #expect(graph.node(id: "nga-waste")?.kind == .wasteDestination(.recycling))
        #expect(graph.node(id: "cod-mining")?.outputs == [Output(mineral: "cobalt")])
        #expect(graph.node(id: "twn-manufacturing")?.notes?.contains("490") == true)
        // Unmapped codes are not in the graph, but the header says how many.
        #expect(!graph.flows.contains { $0.product?.hasPrefix("HS 999999") == true })
        #expect(header.contains { $0.contains("3 HS codes not in the product map") })
        #expect(GraphValidator().run(on: graph).filter { $0.severity == .error }.isEmpty)
        let text = GraphFileWriter().write(graph, headerComment: header)
        let reread = try GraphFileReader().read(text: text, file: "round-trip.yaml")
        #expect(reread.graph == graph)
    }
}
