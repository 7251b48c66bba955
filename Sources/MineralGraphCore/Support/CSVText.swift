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
