import MineralGraphCore

/// Escaping of text for each output syntax, so that no name, note or number from a graph can
/// change the structure of a report: a country or node called `<script>`, `a|b`, `# x`,
/// `"quoted"` or one with a newline prints as that text and nothing else.
enum Escaping {
    // MARK: HTML and XML (SVG)

    /// Text for HTML element content and attribute values and for SVG (``MarkupEscaping``):
    /// `& < > " '` become entities; control characters other than tab and line breaks become
    /// U+FFFD.
    static func html(_ text: String) -> String {
        MarkupEscaping.escape(text)
    }

    /// HTML text where newlines become `<br>` (table cells).
    static func htmlLines(_ text: String) -> String {
        html(text).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
    }

    // MARK: Markdown (CommonMark / GitHub Flavored Markdown)

    /// Where Markdown text goes: table cells also escape `|` and turn newlines into `<br>`.
    enum MarkdownContext {
        case block, tableCell
    }

    /// Text that renders literally in Markdown: backslash-escapes the ASCII punctuation that
    /// starts emphasis, links, images, code, strikethrough, headings and table cells; `& < >`
    /// become entities (no raw HTML, no entity references); a leading list marker (`-`, `+`,
    /// `1.`, `1)`) is escaped and leading spaces dropped (no indented code); newlines become
    /// spaces (blocks) or `<br>` (table cells); other control characters become spaces.
    /// `atLineStart: false` for text that continues a line after other text.
    static func markdown(_ text: String, _ context: MarkdownContext = .block, atLineStart startsLine: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var atLineStart = startsLine
        /// Digits seen since the start of the line, while the line is only digits.
        var leadingDigits: Int? = startsLine ? 0 : nil
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\r", "\n", "\u{2028}", "\u{2029}":
                if scalar == "\r" && index < scalars.count && scalars[index] == "\n" { index += 1 }
                out += context == .tableCell ? "<br>" : " "
                atLineStart = true
                leadingDigits = 0
                continue
            case " ", "\t":
                if atLineStart { continue }
                out += " "
                continue
            case "_":
                // Between letters or digits an underscore cannot open or close emphasis
                // (CommonMark flanking rules), so "hhi_lo" stays readable.
                let before = index >= 2 ? scalars[index - 2] : nil
                let after = index < scalars.count ? scalars[index] : nil
                if !(isAlphanumeric(before) && isAlphanumeric(after)) { out += "\\" }
                out += "_"
            case "\\", "`", "*", "[", "]", "~", "|", "#", "!":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "-", "+", "=":
                if atLineStart { out += "\\" }
                out.unicodeScalars.append(scalar)
            case ".", ")":
                // "1. " or "1)" ending a line would start an ordered list.
                let next = index < scalars.count ? scalars[index] : nil
                let endsMarker = next == nil || next == " " || next == "\t" || next == "\n" || next == "\r"
                if let digits = leadingDigits, (1...9).contains(digits), endsMarker { out += "\\" }
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(MarkupEscaping.isControl(scalar) ? " " : scalar)
            }
            atLineStart = false
            if let digits = leadingDigits, ("0"..."9").contains(scalar) {
                leadingDigits = digits + 1
            } else {
                leadingDigits = nil
            }
        }
        return out
    }

    /// A URL for a Markdown link destination or an HTML `href`: `nil` unless http(s); spaces,
    /// quotes, angle brackets, parentheses, square and curly brackets, backslashes, pipes,
    /// backticks, control characters and non-ASCII bytes percent-encoded.
    static func url(_ text: String) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        let unsafe = Set("\"'<>()\\|`[]{}".utf8)
        var out = ""
        for byte in text.utf8 {
            if byte <= 0x20 || byte >= 0x7F || unsafe.contains(byte) {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }

    // MARK: CSV (RFC 4180)

    /// A CSV field (`CSVText/field(_:)`, shared with graph exports).
    static func csv(_ text: String) -> String {
        CSVText.field(text)
    }

    // MARK: Helpers

    static func isAlphanumeric(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    func trimmedOfSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    /// Every occurrence of `target` replaced (no Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
