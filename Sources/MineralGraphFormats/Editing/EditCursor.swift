/// A position in an edit's text, read left to right, for ``EditParser``.
struct EditCursor {
    /// A value as written: its text (unquoted), whether it was quoted, and its column.
    struct Value {
        var text: String
        var quoted: Bool
        var column: Int
    }

    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var column: Int { index + 1 }
    var atEnd: Bool { index >= scalars.count }

    /// A few characters from here, for messages.
    var peekText: String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[index..<min(index + 12, scalars.count)])
        return String(view)
    }

    mutating func skipSpaces() {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    }

    /// Consumes `literal` if the text continues with it.
    mutating func take(_ literal: String) -> Bool {
        let wanted = Array(literal.unicodeScalars)
        guard index + wanted.count <= scalars.count, Array(scalars[index..<index + wanted.count]) == wanted else { return false }
        index += wanted.count
        return true
    }

    /// Consumes `keyword` if a space or the end follows it.
    mutating func takeKeyword(_ keyword: String) -> Bool {
        let saved = index
        guard take(keyword) else { return false }
        if atEnd || scalars[index] == " " || scalars[index] == "\t" { return true }
        index = saved
        return false
    }

    /// Letters, digits and `_` (and the scalars in `extra`).
    mutating func word(extra: String = "") -> String {
        var out = String.UnicodeScalarView()
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || extra.unicodeScalars.contains(scalar) else { break }
            out.append(scalar)
            index += 1
        }
        return String(out)
    }

    /// The rest of the text, without trailing spaces.
    mutating func rest() -> String {
        var end = scalars.count
        while end > index, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[index..<end])
        index = scalars.count
        return String(view)
    }

    /// A value inside a selector: quoted, or plain up to one of `stops` (and `->` when
    /// `stopAtArrow`), without surrounding spaces.
    mutating func value(stops: String, stopAtArrow: Bool = false) throws(EditSyntaxError) -> Value {
        skipSpaces()
        let start = column
        if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
            let text = try quoted()
            skipSpaces()
            return Value(text: text, quoted: true, column: start)
        }
        var out = String.UnicodeScalarView()
        while index < scalars.count {
            let scalar = scalars[index]
            if stops.unicodeScalars.contains(scalar) { break }
            if stopAtArrow, scalar == "-", index + 1 < scalars.count, scalars[index + 1] == ">" { break }
            out.append(scalar)
            index += 1
        }
        while let last = out.last, last == " " || last == "\t" { out.removeLast() }
        guard !out.isEmpty else {
            throw EditSyntaxError("expected a value", column: start, notes: atEnd ? ["the edit ends here"] : ["found '\(peekText)'"])
        }
        return Value(text: String(out), quoted: false, column: start)
    }

    /// The rest of the edit as a value: quoted (and nothing after it), or the plain text
    /// without surrounding spaces.
    mutating func restValue() throws(EditSyntaxError) -> Value {
        skipSpaces()
        let start = column
        if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
            let text = try quoted()
            skipSpaces()
            guard atEnd else {
                throw EditSyntaxError("unexpected text after the quoted value", column: column,
                                      notes: ["quote the whole value, escaping \\\" inside double quotes"])
            }
            return Value(text: text, quoted: true, column: start)
        }
        return Value(text: rest(), quoted: false, column: start)
    }

    /// A `"double-quoted"` string (escapes `\"`, `\\`, `\n`, `\t`, `\r`, `\uXXXX`) or a
    /// `'single-quoted'` one (`''` is a quote).
    mutating func quoted() throws(EditSyntaxError) -> String {
        let start = column
        let quote = scalars[index]
        index += 1
        var out = String.UnicodeScalarView()
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == quote {
                if quote == "'", index + 1 < scalars.count, scalars[index + 1] == "'" {
                    out.append("'")
                    index += 2
                    continue
                }
                index += 1
                return String(out)
            }
            if quote == "\"", scalar == "\\" {
                guard index + 1 < scalars.count else { break }
                let escaped = scalars[index + 1]
                index += 2
                switch escaped {
                case "\"", "\\", "/": out.append(escaped)
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "u":
                    let hex = scalars[index..<min(index + 4, scalars.count)].map(Character.init)
                    guard hex.count == 4, let value = UInt32(String(hex), radix: 16), let decoded = Unicode.Scalar(value) else {
                        throw EditSyntaxError("expected four hex digits after \\u", column: index + 1)
                    }
                    out.append(decoded)
                    index += 4
                default:
                    throw EditSyntaxError("unknown escape '\\\(escaped)'", column: index - 1,
                                          notes: ["escapes: \\\" \\\\ \\n \\t \\r \\uXXXX"])
                }
                continue
            }
            out.append(scalar)
            index += 1
        }
        throw EditSyntaxError("the quote opened here is not closed", column: start)
    }
}
