import MineralGraphCore

/// The companion tables of a trade release: BACI's `country_codes_V*.csv` and
/// `product_codes_HS*_V*.csv` (or tables of the same shape).
public enum TradeReferenceTables {
    static let countryCodeColumns = ["country_code", "code", "i"]
    static let countryISOColumns = ["country_iso3", "iso_3digit_alpha", "iso3"]
    static let countryNameColumns = ["country_name", "country_name_full", "country_name_abbreviation", "name_english", "name"]
    static let productCodeColumns = ["code", "k", "hs6", "hs_code"]
    static let productNameColumns = ["description", "name", "product"]

    /// Numeric code → area from a country table (`country_code,country_name,country_iso2,country_iso3`
    /// from V202401 on, `country_code,country_name_abbreviation,country_name_full,iso_2digit_alpha,
    /// iso_3digit_alpha` before). The alpha-3 code decides; where it is not an ISO 3166-1 code
    /// (BACI writes `S19` for "Other Asia, nes"), the built-in exceptions and then the name are
    /// tried; codes still unresolved are left out, and rows with them are counted as unknown.
    public static func countries(contentsOf path: String) throws(DiagnosticError) -> [Int: TradeArea] {
        try countries(bytes: TradeTableReader.readAll(path), file: path)
    }

    public static func countries(bytes: [UInt8], file: String) throws(DiagnosticError) -> [Int: TradeArea] {
        let (records, columns) = try table(bytes, file: file, required: [("country_code", countryCodeColumns)])
        let codeColumn = TradeColumns.find(countryCodeColumns, in: columns)!
        let isoColumn = TradeColumns.find(countryISOColumns, in: columns)
        let nameColumn = TradeColumns.find(countryNameColumns, in: columns)
        var result: [Int: TradeArea] = [:]
        var diagnostics: [Diagnostic] = []
        for record in records.dropFirst() where codeColumn < record.count {
            guard let number = record.withFieldBytes(codeColumn, { TradeNumber.integer($0) }) else {
                let position = record.position(of: codeColumn)
                diagnostics.append(Diagnostic(.error, .badNumber, "country code '\(record[codeColumn])' is not a whole number",
                                              at: SourceLocation(file: file, line: position.line, column: position.column)))
                continue
            }
            let iso = isoColumn.flatMap { $0 < record.count ? record[$0].trimmingCharacters().uppercased() : nil } ?? ""
            let name = nameColumn.flatMap { $0 < record.count ? record[$0].trimmingCharacters() : nil } ?? ""
            if iso.count == 3, let country = CountryTable.country(CountryCode(iso)) {
                let builtIn = TradeAreaCodes.area(number)
                if case .country(let code, let note) = builtIn, code == country.code, note != nil {
                    result[number] = builtIn
                } else {
                    result[number] = .country(country.code, note: nil)
                }
            } else if let builtIn = TradeAreaCodes.area(number) {
                result[number] = builtIn
            } else if let country = CountryTable.resolve(name) {
                result[number] = .country(country.code, note: "\(file) names code \(number) '\(name)'")
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics: diagnostics, text: String(decoding: bytes, as: UTF8.self)) }
        return result
    }

    /// HS code → name from a product table (`code,description`). Codes with an odd number of
    /// digits get their lost leading zero back.
    public static func productNames(contentsOf path: String) throws(DiagnosticError) -> [String: String] {
        try productNames(bytes: TradeTableReader.readAll(path), file: path)
    }

    public static func productNames(bytes: [UInt8], file: String) throws(DiagnosticError) -> [String: String] {
        let (records, columns) = try table(bytes, file: file, required: [("code", productCodeColumns), ("description", productNameColumns)])
        let codeColumn = TradeColumns.find(productCodeColumns, in: columns)!
        let nameColumn = TradeColumns.find(productNameColumns, in: columns)!
        var result: [String: String] = [:]
        for record in records.dropFirst() where max(codeColumn, nameColumn) < record.count {
            var code = record[codeColumn].trimmingCharacters()
            guard !code.isEmpty, code.allSatisfy(\.isASCIIDigit) else { continue }
            if code.count % 2 == 1 { code = "0" + code }
            result[code] = record[nameColumn].trimmingCharacters()
        }
        return result
    }

    private static func table(_ bytes: [UInt8], file: String, required: [(String, [String])]) throws(DiagnosticError) -> ([CSVRecord], [String: Int]) {
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: bytes)
        } catch {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .csvSyntax, error.message, at: SourceLocation(file: file, line: error.line, column: error.column))],
                              text: String(decoding: bytes, as: UTF8.self))
        }
        guard let header = records.first else {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .emptyTable, "the table is empty", at: SourceLocation(file: file, line: 1, column: 1))], text: nil)
        }
        let columns = TradeColumns.index(header)
        let missing = required.filter { TradeColumns.find($0.1, in: columns) == nil }.map(\.0)
        if !missing.isEmpty {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .missingColumns, "the table lacks the column\(missing.count == 1 ? "" : "s") " + missing.joined(separator: ", "),
                                         at: SourceLocation(file: file, line: header.line, column: 1))],
                text: String(decoding: bytes, as: UTF8.self))
        }
        return (records, columns)
    }
}
