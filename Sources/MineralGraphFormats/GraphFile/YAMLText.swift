/// Scalar spelling for the canonical writer: plain where YAML reads the text back as the
/// same string in every common resolver (YAML 1.1 and 1.2), double-quoted otherwise.
enum YAMLText {
    /// `text` as a YAML flow scalar.
    static func scalar(_ text: String) -> String {
        needsQuotes(text) ? doubleQuoted(text) : text
    }

    static func needsQuotes(_ text: String) -> Bool {
        if let ascii = text.utf8.withContiguousStorageIfAvailable(asciiNeedsQuotes), let ascii { return ascii }
        return scalarsNeedQuotes(text)
    }

    /// The rules of ``needsQuotes(_:)`` on the text's Unicode scalars (any text).
    static func scalarsNeedQuotes(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return true }
        if first == " " || last == " " { return true }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return true }
        if text.contains(": ") || text.contains(" #") || last == ":" { return true }
        if text.unicodeScalars.contains(where: isEscaped) { return true }
        return scalarsLookLikeNonString(text)
    }

    /// ``needsQuotes(_:)`` of text whose UTF-8 bytes are all ASCII, read byte by byte (the
    /// writer's hot path: every id, name and note); `nil` for other text. ASCII bytes are the
    /// text's scalars, and the only ASCII grapheme of two scalars (CR LF) holds an escaped
    /// scalar, so the answers are those of the scalar rules.
    private static func asciiNeedsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let first = bytes.first, let last = bytes.last else { return true }
        var previous: UInt8 = 0
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            if byte < 0x20 || byte == 0x7F { return true }
            // ": " and " #"
            if (previous == UInt8(ascii: ":") && byte == 0x20) || (previous == 0x20 && byte == UInt8(ascii: "#")) { return true }
            previous = byte
        }
        if first == 0x20 || last == 0x20 || last == UInt8(ascii: ":") { return true }
        if indicators.contains(first) { return true }
        return looksLikeNonString(bytes)
    }

    /// First characters that make a plain scalar something else.
    private static let indicators = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

    private static let reserved: Set<String> = [
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".nan", ".inf", "-.inf", "+.inf",
    ]

    /// Words and shapes that YAML resolvers read as null, booleans, numbers or dates.
    static func looksLikeNonString(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(looksLikeNonString) ?? scalarsLookLikeNonString(text)
    }

    /// ``looksLikeNonString(_:)`` on UTF-8 bytes. The reserved words are at most five ASCII
    /// letters, and numbers (including 0x.., 0o.., 1_000, 1e5, 1:30 sexagesimal) and dates start
    /// with a digit, or with a sign or point before one, and hold only ASCII.
    private static func looksLikeNonString(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count <= 5, reserved.contains(String(decoding: bytes, as: UTF8.self).lowercased()) { return true }
        guard let first = bytes.first else { return false }
        let start = (first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".")) ? 1 : 0
        guard start < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[start]) else { return false }
        return bytes.allSatisfy { numberBytes.contains($0) }
    }

    private static let numberBytes = Set("0123456789+-._:eExXoOabcdefABCDEF TZtz".utf8)

    /// The rules of ``looksLikeNonString(_:)`` on the text's Unicode scalars.
    static func scalarsLookLikeNonString(_ text: String) -> Bool {
        if reserved.contains(text.lowercased()) { return true }
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
        // Without a line-feed byte there is no "\n" character either: the common case, checked
        // on the bytes.
        guard text.utf8.contains(0x0A), text.contains("\n"), !text.hasSuffix("\n") else { return false }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, !first.isEmpty, first.first != " " else { return false }
        return lines.allSatisfy { line in
            line.last != " " && line.last != "\t"
                && !line.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F || isSpecialBreak($0) }
        }
    }
}
