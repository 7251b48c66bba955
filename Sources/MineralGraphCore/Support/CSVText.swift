/// Writing CSV fields (RFC 4180), shared by report tables and graph exports.
public enum CSVText {
    /// A CSV field: text a spreadsheet would run as a formula guarded (``guarded(_:)``), then
    /// quoted when it contains a comma, quote, CR or LF or starts or ends with a space; quotes
    /// inside are doubled. Every other character is written as it is.
    public static func field(_ text: String) -> String {
        let text = guarded(text)
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// One record: the fields escaped, joined by commas, ended by LF.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// A text cell that a spreadsheet would take for a formula (it starts with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return) with a `'` in front, so that Excel, LibreOffice and
    /// Google Sheets show it as text instead of running it (OWASP, "CSV Injection");
    /// `=HYPERLINK("http://x","y")` becomes `'=HYPERLINK("http://x","y")`. Numbers are not text:
    /// a cell that is a finite decimal number (`-3.5`, `+2`, `-1e-6`) stays as it is, and so
    /// does every other cell.
    public static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first), !isDecimalNumber(text) else { return text }
        return "'" + text
    }

    /// Whether `text` is a finite number in decimal notation (digits, one sign, a point, an
    /// exponent): what the report and export tables write for numbers.
    static func isDecimalNumber(_ text: String) -> Bool {
        guard text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }),
              let value = Double(text) else { return false }
        return value.isFinite
    }

    /// The first characters that make a spreadsheet read a cell as a formula.
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The UTF-8 byte-order mark Excel needs to read a CSV file as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// A CSV text for Excel (`--excel`): a UTF-8 byte-order mark first and CRLF line ends
    /// (RFC 4180), so that Excel on Windows shows "Türkiye" and not "TÃ¼rkiye". Only the
    /// record ends change: a line break inside a quoted field is kept as it is. A text that
    /// already starts with the mark or has CRLF record ends is not changed twice.
    public static func excel(_ csv: String) -> String {
        var out = csv.hasPrefix(byteOrderMark) ? "" : byteOrderMark
        out.reserveCapacity(csv.utf8.count + csv.utf8.count / 16 + 3)
        var inQuotes = false
        var previous: Unicode.Scalar?
        for scalar in csv.unicodeScalars {
            if scalar == "\"" { inQuotes.toggle() }
            if scalar == "\n" && !inQuotes && previous != "\r" { out.unicodeScalars.append("\r") }
            out.unicodeScalars.append(scalar)
            previous = scalar
        }
        return out
    }
}

extension CSVText {
    /// A CSV syntax error at a 1-based line.
    struct SyntaxError: Error, Equatable {
        let line: Int
        let message: String
    }

    /// One record of a CSV text with the line it starts on.
    struct Record: Equatable {
        let line: Int
        let fields: [String]
    }

    /// Reads RFC 4180 records for the data files Core ships: fields separated by commas,
    /// quoted with `"` where they hold commas, quotes (doubled) or line breaks; LF or CRLF line
    /// ends; a leading byte-order mark ignored; blank lines skipped.
    static func records(in text: String) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if inQuotes {
                if scalar == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                        if i + 1 < scalars.count, !([",", "\n", "\r"] as [Unicode.Scalar]).contains(scalars[i + 1]) {
                            throw SyntaxError(line: line, message: "text after the closing quote of a field")
                        }
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
            } else {
                switch scalar {
                case "\"":
                    guard field.isEmpty else { throw SyntaxError(line: line, message: "a quote inside an unquoted field") }
                    inQuotes = true
                    fieldWasQuoted = true
                case ",":
                    fields.append(field)
                    field = ""
                    fieldWasQuoted = false
                case "\r":
                    break
                case "\n":
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    field.unicodeScalars.append(scalar)
                }
            }
            i += 1
        }
        if inQuotes { throw SyntaxError(line: recordLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}
