/// Writing CSV fields (RFC 4180), shared by report tables and graph exports.
public enum CSVText {
    /// A CSV field: quoted when it contains a comma, quote, CR or LF or starts or ends with a
    /// space; quotes inside are doubled. Every other character is written as it is.
    public static func field(_ text: String) -> String {
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
