import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// The real trade files in `../shared/data/` (baci/, comtrade/), present on the development
/// machines and absent from a fresh clone: tests that read them are skipped, saying so.
enum SharedTradeData {
    static let directory = TestPaths.sharedData

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static let baciSample = path("baci/BACI_HS92_Y2023_V202501-sample-randomised-values.csv")
    static let currentCountries = path("baci/country_codes_V202401b.csv")
    static let olderCountries = path("baci/country_codes_V202201.csv")
    static let products = path("baci/product_codes_HS92_V202401b.csv")
    static let legacyAPI = path("comtrade/legacy-api-germany-imports-2606-2015.csv")
    static let legacyBulk = path("comtrade/legacy-bulk-indonesia-exports-2014-2021.csv")

    static let available = [baciSample, currentCountries, olderCountries, products, legacyAPI, legacyBulk]
        .allSatisfy { FileManager.default.fileExists(atPath: $0) }
    static let skipped: Comment = "../shared/data (BACI and Comtrade files) is absent: the real-file check is skipped"
}

@Suite("Trade layouts")
struct TradeLayoutTests {
    static func read(_ text: String, file: String = "x.csv", _ configure: (inout TradeTableReader) -> Void = { _ in }) throws -> TradeImport {
        var reader = TradeTableReader(productMap: TradeFixtures.map)
        configure(&reader)
        return try reader.read(bytes: Array(text.utf8), file: file)
    }

    static func diagnostics(_ body: () throws -> TradeImport) -> [String] {
        do {
            _ = try body()
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column) " } ?? "")\($0.code): \($0.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    @Test func legacyAPINamesAreRead() throws {
        let text = """
            pfCode,yr,rgCode,rtCode,rtTitle,rt3ISO,ptCode,ptTitle,pt3ISO,cmdCode,cmdDescE,qtCode,TradeQuantity,NetWeight,TradeValue
            H4,2015,1,276,Germany,DEU,324,Guinea,GIN,2606,Aluminium ores and concentrates,8,2000000,2000000,110000
            H4,2015,1,276,Germany,DEU,0,World,WLD,2606,Aluminium ores and concentrates,8,2200000,2200000,150000
            H4,2015,1,276,Germany,DEU,76,Brazil,BRA,2606,Aluminium ores and concentrates,8,200000,,40000
            H4,2015,2,276,Germany,DEU,40,Austria,AUT,2606,Aluminium ores and concentrates,8,1000,1000,500
            """
        let imported = try Self.read(text)
        #expect(imported.summary.source == .comtrade)
        #expect(imported.summary.year == 2015)
        #expect(imported.summary.revision == .hs12)
        // NetWeight kg ÷ 1,000; an empty NetWeight falls back to TradeQuantity in kg (qtCode 8).
        #expect(imported.table.lines == ["BRA>DEU 2606 40000 200", "GIN>DEU 2606 110000 2000"])
        #expect(imported.summary.skipped[.worldPartner]?.rows == 1)
        #expect(imported.summary.skipped[.otherSide]?.rows == 1)
        #expect(imported.table.products.first?.name == "Aluminium ores and concentrates")
    }

    @Test func olderCountryTableLayoutResolvesItsCodes() throws {
        // V202201 and earlier: country_name_abbreviation, iso_3digit_alpha, "N/A" for 490; a
        // byte-order mark before the header.
        let table = "\u{FEFF}country_code,country_name_abbreviation,country_name_full,iso_2digit_alpha,iso_3digit_alpha\n"
            + "156,China,China,CN,CHN\n180,Dem. Rep. of the Congo,Democratic Republic of the Congo,CD,COD\n"
            + "381,Italy,Italy,IT,ITA\n490,\"Other Asia, nes\",\"Other Asia, not elsewhere specified\",N/A,N/A\n"
            + "697,\"Europe EFTA, nes\",\"Europe EFTA, not elsewhere specified\",N/A,N/A\n"
        let codes = try TradeReferenceTables.countries(bytes: Array(table.utf8), file: "country_codes_V202201.csv")
        #expect(codes[490] == .country("TWN", note: "BACI/Comtrade 490 'Other Asia, nes' is Taiwan"))
        #expect(codes[381] == .country("ITA", note: "BACI/Comtrade 381 is Italy including San Marino and the Holy See"))
        #expect(codes[180] == .country("COD", note: nil))
        #expect(codes[697] == .aggregate("Europe EFTA, nes"))
        // Data of a later release uses 380 for Italy, which this table lacks: the summary names
        // the table and the codes, never "pass --countries".
        let data = "t,i,j,k,v,q\n2023,180,156,260500,5,1\n2023,380,156,260500,2,1\n2023,380,490,260500,1,1\n"
        let imported = try Self.read(data, file: "BACI_HS92_Y2023_V202501.csv") {
            $0.countryCodes = codes
            $0.countryTableFile = "data/country_codes_V202201.csv"
        }
        #expect(imported.table.lines == ["COD>CHN 260500 5000 1"])
        let lines = imported.summary.lines()
        #expect(lines.contains("Skipped 2 rows (USD 3,000): country code not in the country table country_codes_V202201.csv."))
        #expect(lines.contains("Country codes not in country_codes_V202201.csv: 380 (2 rows; ITA in ISO 3166-1)."))
        #expect(lines.contains("The country table is release V202201 and the data V202501: use the table of the data's release."))
        #expect(!lines.joined().contains("pass"))
        // Without a table the built-in codes know 380.
        #expect(try Self.read(data).table.lines == ["COD>CHN 260500 5000 1", "ITA>CHN 260500 2000 1", "ITA>TWN 260500 1000 1"])
    }

    @Test func fiveDigitCodesAreCheckedAgainstTheProductTable() throws {
        let data = "t,i,j,k,v,q\n2023,180,156,30110,5,1\n2023,180,156,81059,2,1\n"
        let imported = try Self.read(data, file: "BACI_HS92_Y2023_V202501.csv") {
            $0.productNames = ["030110": "Fish: live, ornamental", "810590": "Cobalt: articles n.e.s. in heading no. 8105"]
        }
        #expect(imported.summary.paddedCodes == 2)
        #expect(imported.table.products.map(\.code) == ["030110", "081059"])
        #expect(imported.summary.paddedCodesNotInProductTable == ["81059": "810590"])
        #expect(imported.summary.lines().contains("Five-digit codes whose restored zero gives a code the product table lacks: 81059 → 081059 (810590?)."))
        // The restored code is not mapped by the trailing-zero reading: it stays unmapped and listed.
        #expect(imported.summary.unmappedProducts.keys.sorted() == ["030110", "081059"])
    }

    @Test func worldAggregatesOnlySaySo() throws {
        let text = """
            Classification,Year,Trade Flow Code,Reporter Code,Reporter ISO,Partner Code,Partner ISO,Commodity Code,Netweight (kg),Trade Value (US$)
            H5,2021,2,360,IDN,0,WLD,260400,1000,500
            H5,2021,2,360,IDN,0,WLD,750110,2000,900
            H4,2014,2,360,IDN,0,WLD,260400,1000,400
            """
        let imported = try Self.read(text) { $0.side = .exporter; $0.year = 2021 }
        #expect(imported.summary.keptRows == 0)
        #expect(imported.summary.year == 2021)
        #expect(imported.summary.revision == .hs17)
        #expect(imported.summary.nothingKept
            == "all 2 rows of 2021 have partner World (code 0): the file holds each reporter's totals, not bilateral trade; download it with the partners listed one by one")
        #expect(imported.summary.lines()[0] == "UN Comtrade 2021: 3 rows read, 0 kept, exporter-reported.")
        // The importer side of an exporter's file: the other side, named.
        let other = try Self.read(text) { $0.year = 2014 }
        #expect(other.summary.nothingKept == "the one row of 2014 is reported by the other side of the trade; import the exporter side instead")
        #expect(other.summary.revision == .hs12)
    }

    @Test func yearsAreNamedAndNeverZero() {
        let two = "refYear,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n2021,156,180,M,260500,5\n2022,156,180,M,260500,6\n"
        #expect(Self.diagnostics { try Self.read(two) }
            == ["3:1 several-years: the file has rows for 2 years (2021, 2022); a graph describes one"])
        #expect(Self.diagnostics { try Self.read(two) { $0.year = 2019 } }
            == ["1:1 no-rows-of-year: the file has no rows for 2019; it has 2021, 2022"])
        // Rows skipped before anything else (other side) still set the year.
        let exports = "refYear,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n2022,156,180,X,260500,5\n"
        #expect((try? Self.read(exports))?.summary.year == 2022)
    }

    @Test func negativeFiguresAreLocatedErrors() {
        let text = "refYear,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,netWgt\n2022,156,180,M,260500,5,-10\n2022,156,36,M,260500,-5,10\n"
        #expect(Self.diagnostics { try Self.read(text) }
            == ["2:25 negative-number: netWgt -10 is negative", "3:22 negative-number: primaryValue -5 is negative"])
    }

    @Test func aHeadingAndAnotherExportersSubheadingAreBothKept() throws {
        // US imports of natural graphite: China reports the heading 2504, Mexico and Canada the
        // subheadings. Mexico also reports the heading: only Mexico's heading row counts twice.
        let text = """
            t,i,j,k,v,q
            2022,156,842,2504,600,6000
            2022,484,842,250410,200,1000
            2022,484,842,2504,50,300
            2022,124,842,250490,200,1000
            2022,156,392,250410,100,500
            """
        let imported = try Self.read(text)
        #expect(imported.table.lines == [
            "CHN>JPN 250410 100000 500", "CHN>USA 2504 600000 6000", "MEX>USA 250410 200000 1000", "CAN>USA 250490 200000 1000",
        ])
        #expect(imported.summary.droppedHeadings == ["2504": TradeTally(rows: 1, valueUSD: 50_000)])
        #expect(imported.summary.skipped[.parentProduct] == TradeTally(rows: 1, valueUSD: 50_000))
        #expect(imported.summary.keptRows == 4)
        let dropped = "HS headings dropped where the same exporter and importer also report their subheadings: 2504 (1 row, USD 50,000); the headings' rows of other pairs are kept."
        #expect(imported.summary.lines().contains(dropped))
        // China stays in the US graphite market: value shares 0.6, 0.2, 0.2 → HHI 4,400.
        let (graph, header) = TradeGraphBuilder(productMap: TradeFixtures.map, command: "import baci").build(imported)
        #expect(header.contains("# " + dropped))
        let usImports = graph.flows.filter { $0.to == "usa-processing" && $0.mineral == "graphite" }
        let total = usImports.reduce(0) { $0 + $1.valueUSD! }
        let hhi = usImports.reduce(0) { $0 + 10_000 * ($1.valueUSD! / total) * ($1.valueUSD! / total) }
        #expect(Set(usImports.map(\.from)) == ["chn-mining", "mex-mining", "can-mining"])
        #expect(abs(hhi - 4_400) < 1e-9)
    }

    @Test func productMapColumnsRevisionsAndContents() throws {
        let map = try HSProductMap.builtIn()
        // Lithium-ion accumulators: HS 2012 on; before, in "other accumulators" 850780.
        #expect(map.entry(for: "850760", revision: .hs22)?.mineral == "lithium")
        #expect(map.entry(for: "850780", revision: .hs07)?.mineral == "lithium")
        #expect(map.entry(for: "850780", revision: .hs22) == nil)
        #expect(map.entry(for: "850780", revision: nil)?.mineral == "lithium")
        // Cobalt scrap has its own code from HS 2002; before, 810510 held it with the metal.
        #expect(map.entry(for: "810530", revision: .hs02)?.stage == .waste)
        #expect(map.entry(for: "810510", revision: .hs92)?.stage == .processing)
        // Battery waste: 854810 until HS 2017, heading 8549 from HS 2022.
        #expect(map.entry(for: "854810", revision: .hs17)?.mineral == "e-waste")
        #expect(map.entry(for: "854810", revision: .hs22) == nil)
        let cells = try #require(map.entry(for: "850760"))
        #expect(cells.alsoContains == ["cobalt", "nickel", "manganese", "graphite", "copper", "aluminium"])
        #expect(cells.receivingStage == .use)
        #expect(cells.note?.contains("IEA") == true)
        #expect(map.entry(for: "750110")?.receivingStage == .processing)
        #expect(map.entry(for: "750110")?.alsoContains == ["cobalt"])
    }

    @Test func everyRowOfTheBuiltInMapIsComplete() throws {
        let map = try HSProductMap.builtIn()
        for entry in map.entries.values {
            // Every row of the built-in map says where its code is valid; minerals exist (the
            // parser refuses others); products carrying several minerals say so with a source.
            #expect(entry.revisions != nil, "\(entry.code)")
            if let mineral = entry.mineral { #expect(MineralCatalog.info(mineral) != nil, "\(entry.code)") }
            for other in entry.alsoContains { #expect(MineralCatalog.info(other) != nil, "\(entry.code)") }
            if !entry.alsoContains.isEmpty { #expect(entry.note?.contains("(") == true, "\(entry.code) cites no source") }
        }
    }

    @Test func badNewMapColumnsAreLocatedErrors() {
        let text = """
            hs_code,hs_revisions,mineral,stage,to_stage,also_contains,note
            2605,HS93-HS22,cobalt,mining,,,
            2606,HS92-HS22,aluminium,mining,mining,,
            850760,HS12-HS22,lithium,manufacturing,use,cobalt;unobtainium,Cells (IEA 2021)
            850750,HS12-HS22,nickel,manufacturing,use,cobalt,
            8105,HS92-HS22,cobalt,processing,,cobalt,Matte (HS text)
            """
        #expect {
            try HSProductMap.parse(bytes: Array(text.utf8), file: "map.csv")
        } throws: { error in
            let found = (error as? DiagnosticError)?.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" } ?? []
            return found == ["2:6 bad-hs-revisions", "3:33 unknown-stage", "4:44 unknown-mineral", "5:43 contents-without-note", "6:35 repeated-mineral"]
        }
    }

    @Test(.enabled(if: SharedTradeData.available, SharedTradeData.skipped))
    func mapCodesAgainstTheHS92ProductTable() throws {
        // Every row valid in HS 1992 names a code of BACI's HS92 table (or a heading with codes
        // under it); rows valid only in later revisions name codes HS 1992 does not have.
        let names = try TradeReferenceTables.productNames(contentsOf: SharedTradeData.products)
        let map = try HSProductMap.builtIn()
        for entry in map.entries.values.sorted(by: { $0.code < $1.code }) {
            let exists = entry.code.count == 6 ? names[entry.code] != nil : names.keys.contains { $0.hasPrefix(entry.code) }
            #expect(exists == entry.isValid(in: .hs92), "\(entry.code) \(entry.revisions!)")
        }
    }

    @Test(.enabled(if: SharedTradeData.available, SharedTradeData.skipped))
    func sharedComtradeFilesImport() throws {
        // Legacy API names mixed with legacy bulk names: Germany's 2015 bauxite imports.
        let api = try TradeTableReader(productMap: TradeFixtures.map).read(contentsOf: SharedTradeData.legacyAPI)
        #expect(api.summary.year == 2015 && api.summary.revision == .hs12)
        #expect(api.summary.dataRows == 25 && api.summary.keptRows == 24)
        #expect(api.summary.skipped[.worldPartner]?.rows == 1)
        #expect(Set(api.table.entries.map { api.table.countries[Int($0.importer)] }) == ["DEU"])
        #expect(api.table.products.map(\.code) == ["2606"] && Set(api.table.entries.map(\.exporter)).count == 24)
        // Legacy bulk: Indonesia's exports to World in 2014 and 2021.
        #expect(Self.diagnostics { try TradeTableReader(productMap: TradeFixtures.map).read(contentsOf: SharedTradeData.legacyBulk) }
            .first?.hasPrefix("574:2 several-years: the file has rows for 2 years (2014, 2021)") == true)
        let bulk = try TradeTableReader(productMap: TradeFixtures.map, year: 2021, side: .exporter).read(contentsOf: SharedTradeData.legacyBulk)
        #expect(bulk.summary.revision == .hs17)
        #expect(bulk.summary.nothingKept?.hasPrefix("all 4,403 rows of 2021 have partner World (code 0)") == true)
    }

    @Test(.enabled(if: SharedTradeData.available, SharedTradeData.skipped))
    func sharedBACISampleWithBothCountryTables() throws {
        let names = try TradeReferenceTables.productNames(contentsOf: SharedTradeData.products)
        let current = try TradeReferenceTables.countries(contentsOf: SharedTradeData.currentCountries)
        let older = try TradeReferenceTables.countries(contentsOf: SharedTradeData.olderCountries)
        #expect(current[490] == older[490] && current[490] == .country("TWN", note: "BACI/Comtrade 490 'Other Asia, nes' is Taiwan"))
        let withCurrent = try TradeTableReader(productMap: TradeFixtures.map, countryCodes: current, countryTableFile: SharedTradeData.currentCountries,
                                               productNames: names).read(contentsOf: SharedTradeData.baciSample)
        #expect(withCurrent.summary.revision == .hs92 && withCurrent.summary.year == 2023)
        #expect(withCurrent.summary.keptRows == withCurrent.summary.dataRows)
        #expect(withCurrent.summary.unknownCountryCodes.isEmpty)
        // Five-digit codes: every restored code is one of the HS92 table.
        #expect(withCurrent.summary.paddedCodes > 0 && withCurrent.summary.paddedCodesNotInProductTable.isEmpty)
        // The older table lacks 380, the code Italy has in later releases: named, with the release mismatch.
        let withOlder = try TradeTableReader(productMap: TradeFixtures.map, countryCodes: older, countryTableFile: SharedTradeData.olderCountries,
                                             productNames: names).read(contentsOf: SharedTradeData.baciSample)
        #expect(withOlder.summary.unknownCountryCodes.keys.sorted() == ["380"])
        #expect(withOlder.summary.lines().contains { $0.hasPrefix("Country codes not in country_codes_V202201.csv: 380 (") && $0.hasSuffix("ITA in ISO 3166-1).") })
        #expect(withOlder.summary.lines().contains("The country table is release V202201 and the data V202501: use the table of the data's release."))
    }
}
