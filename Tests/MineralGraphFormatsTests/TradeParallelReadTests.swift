import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// A synthetic file in BACI's layout (`t,i,j,k,v,q`), deterministic: every exporter–importer–
/// product combination of a few real codes appears at most once per year (BACI has no
/// duplicates), with aggregate and unknown partners, five-digit codes (lost leading zero), NA,
/// blank and padded quantities, as the real files have them.
enum SyntheticBACI {
    static let countries = [4, 36, 76, 124, 152, 156, 180, 251, 276, 360, 392, 410, 490, 579, 699, 710, 757, 842, 894, 0, 899, 998]
    static let products = ["260500", "282200", "810520", "250410", "380110", "283691", "853400", "81059", "740311", "261710", "854911", "999999"]

    static func csv(years: [Int], rows: Int, seed: UInt64 = 7, header: String = "t,i,j,k,v,q") -> String {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var out = header + "\n"
        var emitted = 0, combination = 0
        let perYear = countries.count * countries.count * products.count
        while emitted < rows && combination < perYear * years.count {
            // Combinations in a scrambled order, each at most once.
            let c = (combination &* 7919) % (perYear * years.count)
            combination += 1
            guard next() % 3 != 0 else { continue }
            let year = years[c / perYear]
            let rest = c % perYear
            let exporter = countries[rest / (countries.count * products.count)]
            let importer = countries[(rest / products.count) % countries.count]
            let product = products[rest % products.count]
            let value = Double(next() % 9_999_999 + 1) / 1000
            let quantity: String = switch next() % 10 {
            case 0: "NA"
            case 1: ""
            case 2: "  NA "
            default: String(Double(next() % 999_999) / 1000)
            }
            out += "\(year),\(exporter),\(importer),\(product),\(value),\(quantity)\n"
            emitted += 1
        }
        return out
    }
}

@Suite("Trade import: every year, every core")
struct TradeParallelReadTests {
    static let map: HSProductMap = TradeFixtures.map

    static func read(_ path: String, _ configure: (inout TradeTableReader) -> Void) throws -> TradeImport {
        var reader = TradeTableReader(productMap: map)
        configure(&reader)
        return try reader.read(contentsOf: path)
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Rows of the two years interleaved give, with `everyYear`, one table per year equal to the
    /// table of each year read alone (and to `year` picking it).
    @Test func everyYearGivesTheTablesOfTheSingleYears() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let both = SyntheticBACI.csv(years: [2021, 2022], rows: 3000)
        let lines = both.split(separator: "\n").dropFirst()
        let single = { (year: Int) in "t,i,j,k,v,q\n" + lines.filter { $0.hasPrefix("\(year),") }.joined(separator: "\n") + "\n" }
        let path = try Self.write(both, "BACI_HS92_Y2021-2022.csv", in: dir)
        let everyYear = try Self.read(path) { $0.everyYear = true }
        #expect(everyYear.tables.map(\.year) == [2021, 2022])
        #expect(everyYear.summary.everyYear == [2021, 2022])
        #expect(everyYear.summary.lines()[0].hasPrefix("CEPII BACI HS92 2021, 2022: 3,000 rows read"))
        for (t, year) in [2021, 2022].enumerated() {
            let alone = try Self.read(try Self.write(single(year), "BACI_HS92_Y\(year).csv", in: dir)) { _ in }
            #expect(alone.tables.count == 1)
            #expect(everyYear.tables[t].lines == alone.table.lines)
            #expect(everyYear.tables[t].lines.count > 500)
            let picked = try Self.read(path) { $0.year = year; $0.everyYear = true }
            #expect(picked.tables.count == 1 && picked.table.lines == alone.table.lines)
        }
        // Without everyYear, two years stay an error.
        #expect(throws: DiagnosticError.self) { try Self.read(path) { _ in } }
    }

    /// A repeated row is an error in the year it repeats, not across years.
    @Test func everyYearReportsDuplicatesPerYear() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "t,i,j,k,v,q\n2021,180,156,260500,5,1\n2022,180,156,260500,5,1\n2022,180,156,260500,6,1\n"
        let path = try Self.write(text, "two.csv", in: dir)
        do {
            _ = try Self.read(path) { $0.everyYear = true }
            Issue.record("a duplicate row in 2022 was accepted")
        } catch let error as DiagnosticError {
            #expect(error.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" } == ["4:6 duplicate-row"])
            #expect(error.diagnostics[0].message.contains("in 2022; the first is on line 3"))
        }
    }

    /// Parts read on several threads give the table of one pass, the same bytes whatever the
    /// number of threads; the summary does not depend on the number of threads either.
    @Test(arguments: [[2022], [2021, 2022]])
    func partsOnThreadsGiveTheOnePassTable(years: [Int]) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write(SyntheticBACI.csv(years: years, rows: 6000), "BACI_HS92_Y2022_V202401b.csv", in: dir)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let onePass = try Self.read(path) { $0.threads = 1; $0.everyYear = true }
        var summaries: [[String]] = []
        for threads in [2, 3, 8] {
            let parts = try Self.read(path) { $0.threads = threads; $0.partBytes = size / 13; $0.everyYear = true }
            #expect(parts.parts > 1 && onePass.parts == 1, "\(parts.parts) parts")
            #expect(parts.tables.map(\.lines) == onePass.tables.map(\.lines))
            #expect(parts.tables.map(\.countries) == onePass.tables.map(\.countries))
            #expect(parts.tables.map { $0.products.map(\.code) } == onePass.tables.map { $0.products.map(\.code) })
            #expect(parts.summary.dataRows == onePass.summary.dataRows && parts.summary.keptRows == onePass.summary.keptRows)
            #expect(parts.summary.skipped.mapValues(\.rows) == onePass.summary.skipped.mapValues(\.rows))
            #expect(parts.summary.unknownCountryCodes.mapValues(\.rows) == onePass.summary.unknownCountryCodes.mapValues(\.rows))
            #expect(parts.summary.paddedCodes == onePass.summary.paddedCodes && parts.summary.paddedCodes > 0)
            #expect(parts.summary.unmappedProducts.mapValues(\.rows) == onePass.summary.unmappedProducts.mapValues(\.rows))
            summaries.append(parts.summary.lines())
        }
        #expect(summaries.allSatisfy { $0 == summaries[0] })
    }

    /// Where parts cannot be read apart the file is read in one pass: an error row far down
    /// gives the one-pass diagnostics (line and column), a quoted field with a line break over
    /// a part's end and CRLF line ends give the one-pass table.
    @Test func partsFallBackToOnePass() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = SyntheticBACI.csv(years: [2022], rows: 4000)
        text += "2022,4,36,260500,-1,2\n"
        let bad = try Self.write(text, "bad.csv", in: dir)
        func diagnostics(_ threads: Int) -> [String] {
            do {
                _ = try Self.read(bad) { $0.threads = threads; $0.partBytes = 4096 }
                return []
            } catch let error as DiagnosticError {
                return error.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "") \($0.code) \($0.message)" }
            } catch {
                return ["\(error)"]
            }
        }
        let badLine = text.split(separator: "\n").count
        #expect(diagnostics(1) == ["\(badLine):18 negative-number value -1 is negative"])
        #expect(diagnostics(4) == diagnostics(1))

        // A quoted product code with a line break in the middle of the file (the general parser
        // reads it as one field: an error either way, the same one).
        let rows = SyntheticBACI.csv(years: [2022], rows: 4000).split(separator: "\n", omittingEmptySubsequences: false)
        var quoted = rows
        quoted[2000] = "2022,4,36,\"2605\n00\",1,2"
        let quotedPath = try Self.write(quoted.joined(separator: "\n"), "quoted.csv", in: dir)
        let onePassError = #expect(throws: DiagnosticError.self) { try Self.read(quotedPath) { $0.threads = 1 } }
        let partsError = #expect(throws: DiagnosticError.self) { try Self.read(quotedPath) { $0.threads = 4; $0.partBytes = 4096 } }
        #expect(partsError?.description == onePassError?.description)
        #expect(onePassError?.diagnostics.first?.code == "bad-hs-code")

        let crlf = try Self.write(rows.joined(separator: "\r\n"), "crlf.csv", in: dir)
        let onePass = try Self.read(crlf) { $0.threads = 1 }
        let parts = try Self.read(crlf) { $0.threads = 4; $0.partBytes = 4096 }
        #expect(parts.parts > 1 && parts.table.lines == onePass.table.lines && parts.table.lines.count > 1000)
    }
}
