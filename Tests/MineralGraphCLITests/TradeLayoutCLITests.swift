import Foundation
import MineralGraphTestSupport
import Testing

/// The real trade files in `../shared/data/` (baci/, comtrade/); absent from a fresh clone,
/// where the tests that read them are skipped, saying so.
enum SharedTradeFiles {
    static func path(_ name: String) -> String {
        TestPaths.sharedData.appendingPathComponent(name).path
    }

    static let available = ["baci", "comtrade"].allSatisfy { FileManager.default.fileExists(atPath: path($0)) }
    static let skipped: Comment = "../shared/data (BACI and Comtrade files) is absent: the real-file check is skipped"

    static let legacyAPI = path("comtrade/legacy-api-germany-imports-2606-2015.csv")
    static let legacyBulk = path("comtrade/legacy-bulk-indonesia-exports-2014-2021.csv")
    static let baciSample = path("baci/BACI_HS92_Y2023_V202501-sample-randomised-values.csv")
}

@Suite("Command line: real trade layouts, headings, duplicates")
struct TradeLayoutCLITests {
    @Test(.enabled(if: SharedTradeFiles.available, SharedTradeFiles.skipped))
    func bothComtradeFilesImportAndRunThroughTradeHHI() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Legacy API names (ptCode, ptTitle, TradeQuantity) mixed with legacy bulk names.
        let api = try CLI.run(["import", "comtrade", SharedTradeFiles.legacyAPI, "-o", dir.path("api.yaml")])
        #expect(api.status == 0, "\(api.stderr)")
        #expect(api.stderr.contains("UN Comtrade 2015: 25 rows read, 24 kept, importer-reported."))
        #expect(try CLI.run(["validate", dir.path("api.yaml")]).status == 0)
        #expect(try dir.read("api.yaml").contains("rows valid in HS 2012 (the file's revision)"))
        let apiHHI = try CLI.run(["trade-hhi", SharedTradeFiles.legacyAPI])
        #expect(apiHHI.status == 0, "\(apiHHI.stderr)")
        #expect(apiHHI.stdout.contains("\nproduct,DEU,HS2606,aluminium,mining,2015,24,"))
        #expect(apiHHI.stdout.contains("\nmineral-stage,DEU,,aluminium,mining,2015,24,"))
        // Legacy bulk: two years, then every row of 2021 is a World total.
        for command in [["import", "comtrade"], ["trade-hhi"]] {
            let years = try CLI.run(command + [SharedTradeFiles.legacyBulk, "--side", "exporter", "-o", dir.path("bulk.out")])
            #expect(years.status == 1)
            if command == ["trade-hhi"] {
                // trade-hhi reads every year, but one product map needs one HS revision (H4, H5).
                #expect(years.stderr.contains(":574:1: error: the row is in HS revision 'H5' but the file's first rows are in 'H4'"), "\(years.stderr)")
                #expect(years.stderr.components(separatedBy: "error:").count == 2)
            } else {
                #expect(years.stderr.contains("error: the file has rows for 2 years (2014, 2021); a graph describes one"))
            }
            let world = try CLI.run(command + [SharedTradeFiles.legacyBulk, "--side", "exporter", "--year", "2021", "-o", dir.path("bulk.out")])
            #expect(world.status == 1)
            #expect(world.stderr.contains("all 4,403 rows of 2021 have partner World (code 0): the file holds each reporter's totals, not bilateral trade"))
            #expect(!world.stderr.contains("product map"))
            #expect(!world.stderr.contains(" 0:"))
            #expect(!FileManager.default.fileExists(atPath: dir.path("bulk.out")))
        }
    }

    @Test(.enabled(if: SharedTradeFiles.available, SharedTradeFiles.skipped))
    func bothBACICountryTablesWork() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let current = try CLI.run(["import", "baci", SharedTradeFiles.baciSample, "--countries", SharedTradeFiles.path("baci/country_codes_V202401b.csv"),
                                   "--products", SharedTradeFiles.path("baci/product_codes_HS92_V202401b.csv"), "-o", dir.path("current.yaml")])
        #expect(current.status == 0, "\(current.stderr)")
        #expect(current.stderr.contains("CEPII BACI HS92 V202501 2023: 10,837 rows read, 10,837 kept."))
        #expect(current.stderr.contains("rows had an HS code with an odd number of digits; its lost leading zero was restored"))
        #expect(try CLI.run(["validate", dir.path("current.yaml")]).status == 0)
        let older = try CLI.run(["trade-hhi", SharedTradeFiles.baciSample, "--countries", SharedTradeFiles.path("baci/country_codes_V202201.csv"), "-o", dir.path("hhi.csv")])
        #expect(older.status == 0, "\(older.stderr)")
        #expect(older.stderr.contains("country code not in the country table country_codes_V202201.csv."))
        #expect(older.stderr.contains("Country codes not in country_codes_V202201.csv: 380 ("))
        #expect(older.stderr.contains("The country table is release V202201 and the data V202501"))
        #expect(!older.stderr.contains("pass --countries") && !older.stderr.contains("(pass the release"))
        #expect(try dir.read("hhi.csv").hasPrefix("level,importer,hs_code"))
    }

    @Test func headingsDroppedPerPairAreInTheSummaryAndTheHeader() throws {
        let text = "t,i,j,k,v,q\n2022,156,842,2504,600,6000\n2022,484,842,250410,200,1000\n2022,484,842,2504,50,300\n"
        let result = try CLI.run(["import", "baci", "-"], stdin: text)
        #expect(result.status == 0, "\(result.stderr)")
        let line = "HS headings dropped where the same exporter and importer also report their subheadings: 2504 (1 row, USD 50,000); the headings' rows of other pairs are kept."
        #expect(result.stderr.contains(line))
        #expect(result.stdout.contains("# " + line))
        #expect(result.stdout.contains("from: chn-mining\n    to: usa-processing"))
    }

    @Test func duplicateRowsAndNegativeValuesWriteNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let duplicate = try dir.write("dup.csv", "t,i,j,k,v,q\n2022,180,156,260500,5,1\n2022,180,156,260500,7,2\n")
        let result = try CLI.run(["import", "baci", duplicate, "-o", dir.path("out.yaml"), "--hhi-out", dir.path("hhi.csv")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("dup.csv:3:6: error: a second row for COD → CHN, HS 260500 in 2022; the first is on line 2\n2022,180,156,260500,7,2\n     ^\n"))
        let negative = try dir.write("neg.csv", "t,i,j,k,v,q\n2022,180,156,260500,5,-1\n")
        let failed = try CLI.run(["trade-hhi", negative, "-o", dir.path("hhi.csv")])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("neg.csv:2:23: error: quantity -1 is negative"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("out.yaml")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("hhi.csv")))
    }
}
