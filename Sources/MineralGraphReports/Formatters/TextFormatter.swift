import MineralGraphCore

/// Plain text (`--format txt`) for pasting into a mail, a word processor or a terminal: headings
/// underlined, tables as aligned columns, no markup and no escapes (Markdown's `\[`, `\-`).
///
/// Names print as they are except for control characters (a space) and line breaks inside a
/// table cell (`; `), so that no name can break a table's alignment or drive a terminal.
/// Figures (SVG charts) are left out, as in Markdown; the tables carry the same numbers.
public struct TextFormatter: BlockFormatter {
    public init() {}

    public func blocks(_ blocks: [ReportDocument.Block]) -> [String] {
        var parts: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                let line = Self.clean(text)
                parts.append(level <= 2 ? line + "\n" + String(repeating: level == 1 ? "=" : "-", count: line.count) : line)
            case .paragraph(let inlines):
                parts.append(Self.inline(inlines))
            case .list(let items):
                guard !items.isEmpty else { continue }
                parts.append(items.map { "- " + Self.inline($0) }.joined(separator: "\n"))
            case .table(let table):
                parts.append(Self.table(table))
            case .figures:
                continue
            case .details(let summary, let inner):
                parts.append(Self.clean(summary) + ":")
                parts += self.blocks(inner)
            }
        }
        return parts
    }

    /// Columns padded to their widest cell, two spaces apart; right-aligned columns (numbers)
    /// padded on the left; a dashed rule under the header.
    static func table(_ table: ReportDocument.Table) -> String {
        let header = table.columns.map { clean($0.title) }
        let rows = table.rows.map { cells in table.columns.indices.map { i in i < cells.count ? inline(cells[i], cellBreak: "; ") : "" } }
        let widths = table.columns.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = table.columns.indices.map { i -> String in
                let gap = String(repeating: " ", count: widths[i] - cells[i].count)
                return table.columns[i].alignment == .right ? gap + cells[i] : cells[i] + gap
            }
            var text = padded.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// Runs as plain text; a link as `text (url)` unless the text is the URL.
    static func inline(_ inlines: [ReportDocument.Inline], cellBreak: String = " ") -> String {
        var out = ""
        for run in inlines {
            switch run {
            case .text(let text), .strong(let text), .emphasis(let text): out += clean(text, lineBreak: cellBreak)
            case .link(let text, let url): out += clean(text == url ? text : text + " (" + url + ")", lineBreak: cellBreak)
            }
        }
        return out
    }

    /// Line breaks as `lineBreak`, other control characters as spaces.
    static func clean(_ text: String, lineBreak: String = " ") -> String {
        var out = ""
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previousCR: break
            case "\r", "\n", "\u{2028}", "\u{2029}": out += lineBreak
            default: out.unicodeScalars.append(MarkupEscaping.isControl(scalar) || scalar == "\t" ? " " : scalar)
            }
            previousCR = scalar == "\r"
        }
        return out
    }
}

/// People-facing text in ASCII typography (`--ascii`): the minus sign U+2212 and the dashes as
/// `-`, arrows, `≥`, `×`, `·`, `…`, `§`, `²`, `³` and the like spelled in ASCII, so that a figure
/// pasted into a spreadsheet is a number. Names keep their letters (`Türkiye`).
public enum ASCIITypography {
    /// Each replaced character and its ASCII spelling.
    public static let replacements: [Character: String] = [
        "\u{2212}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2010}": "-", "\u{2011}": "-", "→": "->", "←": "<-", "↔": "<->",
        "≥": ">=", "≤": "<=", "≈": "~", "×": "x", "·": "-", "…": "...", "±": "+/-", "§": "section ", "²": "2", "³": "3",
        "₂": "2", "₃": "3", "‘": "'", "’": "'", "“": "\"", "”": "\"", "⚑": "(!)", "Δ": "delta ", "•": "-", "\u{00A0}": " ",
        "\u{202F}": " ", "√": "sqrt", "Σ": "sum ", "≠": "!=", "⁻": "-", "¹": "1", "⁰": "0",
        "⌊": "floor(", "⌋": ")", "⌈": "ceil(", "⌉": ")", "∞": "inf", "°": " deg", "µ": "u", "‰": " per mille", "÷": "/",
        "δ": "delta", "ε": "epsilon", "σ": "sigma", "μ": "mu",
    ]

    public static func apply(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if let replacement = replacements[character] { out += replacement } else { out.append(character) }
        }
        return out
    }
}
