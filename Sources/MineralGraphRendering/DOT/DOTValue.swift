import MineralGraphCore

/// The value of a DOT attribute, with the quoting rule its kind of text needs.
///
/// DOT has two layers of escaping. The DOT parser turns `\"` into `"`, keeps the pair `\\` as
/// two characters and leaves every other backslash alone. Attributes of Graphviz type
/// `escString` (`label`, `tooltip`, `xlabel` ...) are then scanned again: `\n` breaks a line,
/// `\N` stands for the node name, `\\` is one backslash. Text a user wrote must survive both
/// layers, so it is ``text(_:)``; identifiers, colours and numbers are ``plain(_:)``;
/// HTML-like labels are ``html(_:)``.
///
/// See https://graphviz.org/doc/info/lang.html and https://graphviz.org/docs/attr-types/escString/.
public enum DOTValue: Hashable, Sendable {
    /// Text shown to a reader (an `escString` attribute): every character, including
    /// backslashes, quotes, `<`, `>` and non-ASCII letters, appears as written; line breaks
    /// in the text become `\n` line breaks.
    case text(String)
    /// A value used as is: an identifier, number, colour, shape or keyword.
    case plain(String)
    /// An HTML-like label (https://graphviz.org/doc/info/shapes.html#html), written between
    /// `<` and `>`. Build it with ``HTMLLabel`` so that its text is escaped.
    case html(HTMLLabel)

    /// A number in the fixed form the DOT writer uses (at most 3 decimals, no exponent).
    public static func number(_ value: Double) -> DOTValue {
        .plain(DOTValue.format(value))
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The value as it appears in DOT source, quoted and escaped.
    public var source: String {
        switch self {
        case .text(let text): DOTValue.quotedText(text)
        case .plain(let value): DOTValue.quotedID(value)
        case .html(let label): "<" + label.markup + ">"
        }
    }

    /// Quotes display text for an `escString` attribute: `\` → `\\`, `"` → `\"`, and line
    /// breaks (LF, CR LF, CR) → `\n`; other control characters (`isControl(_:)`) → U+FFFD.
    public static func quotedText(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            default: out.unicodeScalars.append(DOTValue.isControl(scalar) ? "\u{FFFD}" : scalar)
            }
            previousWasCR = scalar == "\r"
        }
        return out + "\""
    }

    /// Quotes an identifier so that Graphviz reads back exactly `id` (node names appear
    /// verbatim in SVG `<title>` elements).
    ///
    /// Only `"` needs escaping. A run of backslashes is read back unchanged unless it is odd
    /// and stands before a quote, a line break or the end of the string, where DOT cannot
    /// spell it: such a run gains one backslash. No graph id in practice contains one.
    public static func quotedID(_ id: String) -> String {
        var out = "\""
        out.reserveCapacity(id.utf8.count + 2)
        var backslashes = 0
        func flush(beforeSpecial: Bool) {
            guard backslashes > 0 else { return }
            let count = beforeSpecial && backslashes % 2 == 1 ? backslashes + 1 : backslashes
            out += String(repeating: "\\", count: count)
            backslashes = 0
        }
        for scalar in id.unicodeScalars {
            switch scalar {
            case "\\":
                backslashes += 1
            case "\"":
                flush(beforeSpecial: true)
                out += "\\\""
            case "\n", "\r":
                flush(beforeSpecial: true)
                out.unicodeScalars.append(scalar)
            default:
                flush(beforeSpecial: false)
                out.unicodeScalars.append(DOTValue.isControl(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        flush(beforeSpecial: true)
        return out + "\""
    }

    /// Control characters Graphviz cannot carry into its output: C0 but tab, LF and CR (NUL
    /// ends a C string; the others are not allowed in SVG's XML), DEL and C1. The writers
    /// replace them with U+FFFD; the validator refuses them in graph files, so only graphs
    /// built in code can bring them.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        MarkupEscaping.isControl(scalar)
    }
}
