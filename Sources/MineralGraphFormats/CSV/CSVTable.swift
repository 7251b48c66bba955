import MineralGraphCore

/// A small CSV lookup table as importers read it: the header record and the data records, blank
/// lines (and, where asked, `#` comment lines) left out; a syntax error or an empty file is an
/// ``DiagnosticError`` at its position.
struct CSVTable {
    let text: String
    let header: CSVRecord
    let rows: ArraySlice<CSVRecord>
    /// Lower-cased, trimmed column names.
    let names: [String]

    init(bytes: [UInt8], file: String, what: String, comments: Bool = false, expected: [String] = []) throws(DiagnosticError) {
        text = String(decoding: bytes, as: UTF8.self)
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: bytes).filter { record in
                !(record.count == 1 && record[0].trimmingCharacters().isEmpty) && !(comments && record[0].hasPrefix("#"))
            }
        } catch {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .csvSyntax, error.message, at: SourceLocation(file: file, line: error.line, column: error.column))], text: text)
        }
        guard let header = records.first else {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .emptyTable, "the \(what) is empty", at: SourceLocation(file: file, line: 1, column: 1),
                                         notes: expected.isEmpty ? [] : ["columns: \(expected.joined(separator: ","))"])],
                text: text)
        }
        self.header = header
        rows = records.dropFirst()
        names = header.fields.map { $0.trimmingCharacters().lowercased() }
    }
}
