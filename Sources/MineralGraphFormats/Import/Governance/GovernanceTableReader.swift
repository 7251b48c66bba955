import Foundation
import MineralGraphCore

/// Reads World Bank Worldwide Governance Indicators tables into a `GovernanceTable`.
///
/// Layouts, recognised by their header (column names are case-insensitive):
/// - **long**, as mineral-graph bundles it: `code,series,year,estimate` (`#` lines are comments);
/// - **wide by year**, one indicator per file as the WGI tables are redistributed:
///   `Country/Territory,Code,1996,1998,…,2022` — the indicator comes from a `Series Code` column,
///   else from `indicator` (default political stability, PV.EST);
/// - **World Bank DataBank export**: `Country Name,Country Code,Series Name,Series Code,
///   1996 [YR1996],…` with one row per country and indicator (all six dimensions in one file).
/// Missing estimates are blank, `..`, `nan` or `#N/A`. Countries are ISO alpha-3 codes (the World
/// Bank's `XKX` for Kosovo). Errors carry `file:line:column`.
public struct GovernanceTableReader: Sendable {
    /// The indicator of a wide table without a series column.
    public var indicator: GovernanceIndicator

    public init(indicator: GovernanceIndicator = .politicalStability) {
        self.indicator = indicator
    }

    /// The political-stability estimates 1996–2022 shipped with mineral-graph (World Bank WGI,
    /// 2023 update, CC BY 4.0; written by `scripts/gen-wgi.py`).
    public static func bundledPoliticalStability() throws(DiagnosticError) -> GovernanceTable {
        let name = "wgi-political-stability.csv"
        guard let url = Bundle.module.url(forResource: "wgi-political-stability", withExtension: "csv"),
              let data = try? Data(contentsOf: url)
        else {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .missingResource, "the bundled governance table (\(name)) is missing from the installation", at: nil)],
                text: nil)
        }
        return try GovernanceTableReader().parse(bytes: [UInt8](data), file: name, source: bundledSource)
    }

    public static let bundledSource =
        "World Bank, Worldwide Governance Indicators, 2023 update (www.govindicators.org), CC BY 4.0"

    /// Reads a table file (`--governance FILE`).
    public func read(contentsOf path: String) throws(DiagnosticError) -> GovernanceTable {
        try parse(bytes: TradeTableReader.readAll(path), file: path, source: "WGI table \((path as NSString).lastPathComponent)")
    }

    public func parse(bytes: [UInt8], file: String, source: String) throws(DiagnosticError) -> GovernanceTable {
        let table = try CSVTable(bytes: bytes, file: file, what: "governance table", comments: true)
        let (text, header, records, names) = (table.text, table.header, table.rows, table.names)
        var diagnostics: [Diagnostic] = []
        func fail(_ code: DiagnosticCode, _ message: String, _ line: Int, _ column: Int, notes: [String] = []) {
            diagnostics.append(Diagnostic(.error, code, message, at: SourceLocation(file: file, line: line, column: column), notes: notes))
        }
        func column(_ candidates: String...) -> Int? { names.firstIndex { candidates.contains($0) } }
        var result = GovernanceTable(source: source)

        func value(_ text: String) -> Double? {
            let trimmed = text.trimmingCharacters()
            if ["", "..", "nan", "#n/a", "na"].contains(trimmed.lowercased()) { return nil }
            return Double(trimmed)
        }
        func parseIndicator(_ record: CSVRecord, _ i: Int) -> GovernanceIndicator? {
            let code = record[i].trimmingCharacters().uppercased()
            if let found = GovernanceIndicator(rawValue: code) { return found }
            fail(.unknownIndicator, "unknown WGI series '\(record[i])'", record.line, record.position(of: i).column,
                 notes: ["series: " + GovernanceIndicator.allCases.map(\.rawValue).joined(separator: ", ")])
            return nil
        }
        func country(_ record: CSVRecord, _ i: Int) -> CountryCode? {
            let code = record[i].trimmingCharacters().uppercased()
            // ISO alpha-3, or a three-character area code of the source (R20 "Europe EFTA, nes").
            guard code.count == 3, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                fail(.badCountryCode, "'\(record[i])' is not a three-character country code", record.line, record.position(of: i).column)
                return nil
            }
            return CountryCode(code)
        }

        if let codeColumn = column("code"), let seriesColumn = column("series"), let yearColumn = column("year"),
           let estimateColumn = column("estimate")
        {
            // Long layout.
            for record in records where record.count > max(codeColumn, seriesColumn, yearColumn, estimateColumn) {
                guard let country = country(record, codeColumn), let series = parseIndicator(record, seriesColumn) else { continue }
                guard let year = Int(record[yearColumn].trimmingCharacters()) else {
                    fail(.badYear, "year '\(record[yearColumn])' is not a whole number", record.line, record.position(of: yearColumn).column)
                    continue
                }
                guard let estimate = value(record[estimateColumn]) else { continue }
                result.set(series, country, year: year, estimate)
            }
        } else if let codeColumn = column("code", "country code") {
            // Wide by year: "1996" or DataBank's "1996 [YR1996]".
            let years: [(index: Int, year: Int)] = names.enumerated().compactMap { i, name in
                let digits = name.prefix { $0.isNumber }
                guard digits.count == 4, let year = Int(digits), name == String(digits) || name.hasPrefix(digits + " [yr") else { return nil }
                return (i, year)
            }
            if years.isEmpty {
                fail(.noYearColumns, "the governance table has neither a 'year' column nor year columns (1996, 1996 [YR1996] …)", header.line, 1)
            }
            let seriesColumn = column("series code")
            var firstLine: [String: Int] = [:]
            for record in records where record.count > codeColumn {
                let code = record[codeColumn].trimmingCharacters()
                if code.isEmpty { continue }  // DataBank's footer lines
                guard let country = country(record, codeColumn) else { continue }
                let series = seriesColumn.map { $0 < record.count ? parseIndicator(record, $0) : nil } ?? self.indicator
                guard let series else { continue }
                if let first = firstLine[country.rawValue + " " + series.rawValue] {
                    fail(.duplicateCountry, "\(country.rawValue) has a second row of \(series.rawValue)", record.line, record.position(of: codeColumn).column,
                         notes: ["first on line \(first); a table with two rows for one country cannot say which is right"])
                    continue
                }
                firstLine[country.rawValue + " " + series.rawValue] = record.line
                for (i, year) in years where i < record.count {
                    if let estimate = value(record[i]) {
                        result.set(series, country, year: year, estimate)
                    } else if !["", "..", "nan", "#n/a", "na"].contains(record[i].trimmingCharacters().lowercased()) {
                        fail(.badNumber, "'\(record[i])' is not a number", record.line, record.position(of: i).column)
                    }
                }
            }
        } else {
            fail(.missingColumn, "the governance table has no country code column", header.line, 1,
                 notes: ["expected 'code,series,year,estimate', a 'Code' column with year columns, or a World Bank DataBank export ('Country Code', 'Series Code', '1996 [YR1996]' …)"])
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics: diagnostics, text: text) }
        return result
    }
}
