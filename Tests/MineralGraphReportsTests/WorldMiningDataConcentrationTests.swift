import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphTestSupport
import Testing

/// Issue 11, "done when": every World Mining Data table in `../shared/data/world-mining-data/`
/// (as published) imports with no row refused, and for every mineral, stage and year the C1 pass
/// gives the HHI, its bounds, CR1 and CR3 that an independent computation gets straight from
/// the CSV numbers (METHODS §1.1–1.4). Skipped, saying so, when `../shared` is absent.
@Suite("World Mining Data: import and concentration against an independent computation")
struct WorldMiningDataConcentrationTests {
    static let directory = TestPaths.sharedData.appendingPathComponent("world-mining-data")
    /// Lookup tables of the repository the files come from, not production tables.
    static let lookupTables: Set<String> = ["HS_Code_Map.csv", "Country_ISO.csv"]

    static var tables: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") && !lookupTables.contains($0) }.sorted().map { directory.appendingPathComponent($0) }
    }

    static let available = !tables.isEmpty

    // MARK: The independent computation (no importer, no analysis code)

    /// Splits one CSV line with double-quoted fields (the tables have no line breaks in fields).
    static func fields(_ line: Substring) -> [String] {
        var result: [String] = []
        var field = ""
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if quoted {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex && line[next] == "\"" { field.append("\""); index = next } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                result.append(field)
                field = ""
            } else if character != "\r" {
                field.append(character)
            }
            index = line.index(after: index)
        }
        result.append(field)
        return result
    }

    struct Expected {
        var hhiLo: Double, hhiHi: Double, cr1: Double, cr3: Double
    }

    /// For one table: per year, the measures of METHODS §1.4 from the listed rows, with the
    /// residual = Total − listed rows where a Total row exceeds them by more than 0.5 %
    /// (`nil` where the year has no supply); and the number of country rows.
    static func expected(_ url: URL) throws -> (years: [Int: Expected?], countryRows: Int) {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).filter { !$0.isEmpty }
        let header = fields(lines[0])
        let yearColumns = header.enumerated().compactMap { index, name in Int(name).map { (index, $0) } }
        var listed: [Int: [Double]] = [:]
        var totals: [Int: Double] = [:]
        var countryRows = 0
        for line in lines.dropFirst() {
            let row = fields(line)
            let isTotal = row[0] == "Total"
            if !isTotal { countryRows += 1 }
            for (index, year) in yearColumns {
                guard let value = Double(row[index]) else { continue } // blank: no figure
                if isTotal { totals[year] = value } else { listed[year, default: []].append(value) }
            }
        }
        var result: [Int: Expected?] = [:]
        for (_, year) in yearColumns {
            let quantities = (listed[year] ?? []).filter { $0 > 0 }
            let sum = quantities.reduce(0, +)
            var residual = 0.0
            if let total = totals[year], total - sum > 0.005 * total { residual = total - sum }
            let market = sum + residual
            guard market > 0, !quantities.isEmpty else { result[year] = .some(nil); continue }
            let shares = quantities.map { $0 / market }.sorted(by: >)
            let lo = 10_000 * shares.reduce(0) { $0 + $1 * $1 }
            var hi = lo
            if residual > 0 {
                let smallest = shares.last!, other = residual / market
                let q = (other / smallest).rounded(.down), r = other - q * smallest
                hi = lo + 10_000 * (q * smallest * smallest + r * r)
            }
            result[year] = Expected(hhiLo: lo, hhiHi: hi, cr1: shares[0], cr3: shares.prefix(3).reduce(0, +))
        }
        return (result, countryRows)
    }

    @Test(.enabled(if: available, "../shared/data/world-mining-data is absent: the World Mining Data check is skipped"))
    func everyTableImportsAndItsConcentrationMatches() throws {
        var markets = 0
        var figures = 0
        var files = 0
        for url in Self.tables {
            let name = url.lastPathComponent
            // Natural gas is printed in Mio m3: any stated density gives the same shares.
            let importer = ProductionTableImporter(density: 0.8)
            let result: ProductionTableImport
            do {
                result = try importer.read(contentsOf: url.path)
            } catch {
                Issue.record("\(name) was refused:\n\(error.description.prefix(2_000))")
                continue
            }
            files += 1
            let (expected, countryRows) = try Self.expected(url)
            let graph = result.graph
            // No row refused: every country row gives one output per year.
            let outputs = graph.nodes.reduce(0) { $0 + $1.outputs.count }
            #expect(outputs == countryRows * expected.count, "\(name): \(outputs) outputs for \(countryRows) rows × \(expected.count) years")
            figures += outputs
            let pass = StageConcentrationPass(stages: [.mining]).run(on: graph)
            let minerals = Set(pass.markets.map(\.mineral))
            #expect(minerals.count == 1, "\(name): minerals \(minerals)")
            guard let mineral = minerals.first else { continue }
            for (year, measures) in expected.sorted(by: { $0.key < $1.key }) {
                let market = try #require(pass.market(mineral, .mining, year: year), "\(name) \(year): no market")
                markets += 1
                guard let measures else {
                    #expect(market.measures == nil, "\(name) \(year): expected no supply")
                    continue
                }
                let got = try #require(market.measures, "\(name) \(year): \(market.unavailable?.reason ?? "no measures")")
                #expect(approx(got.hhiLo, measures.hhiLo, tolerance: 1e-6), "\(name) \(year) HHI lo \(got.hhiLo) vs \(measures.hhiLo)")
                #expect(approx(got.hhiHi, measures.hhiHi, tolerance: 1e-6), "\(name) \(year) HHI hi \(got.hhiHi) vs \(measures.hhiHi)")
                #expect(approx(got.hhi, measures.hhiHi, tolerance: 1e-6), "\(name) \(year) HHI \(got.hhi) vs \(measures.hhiHi)")
                #expect(approx(got.cr1, measures.cr1, tolerance: 1e-6), "\(name) \(year) CR1 \(got.cr1) vs \(measures.cr1)")
                #expect(approx(got.cr3, measures.cr3, tolerance: 1e-6), "\(name) \(year) CR3 \(got.cr3) vs \(measures.cr3)")
            }
        }
        #expect(files == Self.tables.count)
        // The counts, for the record (64 tables, 2018–2022).
        print("World Mining Data: \(files) of \(Self.tables.count) tables imported, \(figures) figures, \(markets) markets compared")
    }
}
