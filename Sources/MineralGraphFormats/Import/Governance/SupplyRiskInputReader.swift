import Foundation
import MineralGraphCore

/// Reads the EU supply-risk inputs (`--risk-inputs FILE`): CSV with the columns
/// `mineral,importer,import_reliance,eol_rir,substitution_index[,source]`, one row per mineral
/// and importer (ISO alpha-3 or a country name). Shares are fractions 0…1; the substitution index
/// is positive (about 0.6…1). Every problem is a located error; a mineral and importer given twice
/// is an error naming both lines.
public struct SupplyRiskInputReader: Sendable {
    public static let columns = ["mineral", "importer", "import_reliance", "eol_rir", "substitution_index", "source"]

    public init() {}

    public func read(contentsOf path: String) throws(DiagnosticError) -> [SupplyRiskInput] {
        try parse(bytes: TradeTableReader.readAll(path), file: path)
    }

    public func parse(bytes: [UInt8], file: String) throws(DiagnosticError) -> [SupplyRiskInput] {
        let table = try CSVTable(bytes: bytes, file: file, what: "supply-risk inputs", expected: Self.columns)
        let (text, header, names) = (table.text, table.header, table.names)
        var diagnostics: [Diagnostic] = []
        func fail(_ message: String, _ line: Int, _ column: Int, notes: [String] = []) {
            diagnostics.append(Diagnostic(.error, .badRiskInput, message, at: SourceLocation(file: file, line: line, column: column), notes: notes))
        }
        for required in Self.columns.dropLast() where !names.contains(required) {
            fail("the supply-risk inputs have no '\(required)' column", header.line, 1, notes: ["columns: " + Self.columns.joined(separator: ",")])
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics: diagnostics, text: text) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var inputs: [SupplyRiskInput] = []
        var firstLine: [String: Int] = [:]
        for record in table.rows {
            func field(_ name: String) -> (text: String, column: Int) {
                guard let i = index[name], i < record.count else { return ("", 1) }
                return (record[i].trimmingCharacters(), record.position(of: i).column)
            }
            func fraction(_ name: String, upTo limit: Double?) -> Double? {
                let (text, column) = field(name)
                guard let value = Double(text), value.isFinite, value >= 0, limit.map({ value <= $0 }) ?? (value > 0) else {
                    fail("\(name) '\(text)' is not \(limit == nil ? "a positive number" : "a number from 0 to 1")", record.line, column)
                    return nil
                }
                return value
            }
            let mineralField = field("mineral"), importerField = field("importer")
            let mineral = MineralCatalog.resolve(mineralField.text)
            if mineral == nil {
                fail("unknown mineral '\(mineralField.text)'", record.line, mineralField.column,
                     notes: MineralCatalog.suggestions(for: mineralField.text).isEmpty ? [] : ["closest: " + MineralCatalog.suggestions(for: mineralField.text).map(\.rawValue).joined(separator: ", ")])
            }
            let country = CountryTable.resolve(importerField.text)
            if country == nil { fail("unknown country '\(importerField.text)'", record.line, importerField.column) }
            let ir = fraction("import_reliance", upTo: 1), eol = fraction("eol_rir", upTo: 1), si = fraction("substitution_index", upTo: nil)
            guard let mineral, let country, let ir, let eol, let si else { continue }
            let key = mineral.id.rawValue + " " + country.code.rawValue
            if let first = firstLine[key] {
                fail("\(mineral.id) for \(country.code) is given twice", record.line, mineralField.column, notes: ["first on line \(first)"])
                continue
            }
            firstLine[key] = record.line
            let source = field("source").text
            inputs.append(SupplyRiskInput(
                mineral: mineral.id, importer: country.code, importReliance: ir, endOfLifeRecyclingInputRate: eol,
                substitutionIndex: si, source: source.isEmpty ? nil : source))
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics: diagnostics, text: text) }
        return inputs
    }
}
