/// Scalar spelling for the canonical writer: plain where YAML reads the text back as the
/// same string in every common resolver (YAML 1.1 and 1.2), double-quoted otherwise.
enum YAMLText {
    /// `text` as a YAML flow scalar.
    static func scalar(_ text: String) -> String {
        needsQuotes(text) ? doubleQuoted(text) : text
    }

    static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return true }
        if first == " " || last == " " { return true }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return true }
        if text.contains(": ") || text.contains(" #") || last == ":" { return true }
        if text.unicodeScalars.contains(where: isEscaped) { return true }
        return looksLikeNonString(text)
    }

    /// Words and shapes that YAML resolvers read as null, booleans, numbers or dates.
    static func looksLikeNonString(_ text: String) -> Bool {
        let reserved: Set<String> = [
            "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".nan", ".inf", "-.inf", "+.inf",
        ]
        if reserved.contains(text.lowercased()) { return true }
        // Numbers (including 0x.., 0o.., 1_000, 1e5, 1:30 sexagesimal) and dates start with
        // a digit, or with a sign or point before one.
        let scalars = Array(text.unicodeScalars)
        let start = (scalars.first == "+" || scalars.first == "-" || scalars.first == ".") ? 1 : 0
        guard start < scalars.count, ("0"..."9").contains(scalars[start]) else { return false }
        return scalars.allSatisfy { ("0"..."9").contains($0) || "+-._:eExXoOabcdefABCDEF TZtz".unicodeScalars.contains($0) }
    }

    static func isSpecialBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
    }

    /// Scalars written as `\uXXXX`: C0 controls, DEL, C1 controls (libyaml refuses them raw,
    /// NEL aside, which would end the line), the line breaks NEL, LS and PS, the byte-order
    /// mark, and the non-characters U+FFFE and U+FFFF (also refused raw).
    static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isSpecialBreak(scalar)
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if isEscaped(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether multi-line `text` can be written as a `|-` literal block and read back unchanged.
    static func fitsLiteralBlock(_ text: String) -> Bool {
        guard text.contains("\n"), !text.hasSuffix("\n") else { return false }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, !first.isEmpty, first.first != " " else { return false }
        return lines.allSatisfy { line in
            line.last != " " && line.last != "\t"
                && !line.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F || isSpecialBreak($0) }
        }
    }
}
