/// Markdown (CommonMark with GitHub tables) for people and for GitHub.
///
/// Every piece of text goes through `Escaping/markdown(_:_:)`, so names with `|`, `#`, `<`,
/// `*`, backslashes or newlines cannot break a table or start markup. Figures (SVG charts)
/// are HTML-only and left out; the tables carry the same numbers.
public struct MarkdownFormatter: BlockFormatter {
    public init() {}

    public func blocks(_ blocks: [ReportDocument.Block]) -> [String] {
        var parts: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                parts.append(String(repeating: "#", count: min(max(level, 1), 6)) + " " + Escaping.markdown(text))
            case .paragraph(let inlines):
                parts.append(inline(inlines, .block))
            case .list(let items):
                guard !items.isEmpty else { continue }
                parts.append(items.map { "- " + inline($0, .block) }.joined(separator: "\n"))
            case .table(let table):
                parts.append(self.table(table))
            case .figures:
                continue
            case .details(let summary, let inner):
                parts.append(inline([.strong(summary)], .block))
                parts += self.blocks(inner)
            }
        }
        return parts
    }

    func table(_ table: ReportDocument.Table) -> String {
        let header = "| " + table.columns.map { Escaping.markdown($0.title, .tableCell) }.joined(separator: " | ") + " |"
        let rule = "|" + table.columns.map { $0.alignment == .right ? "---:" : "---" }.joined(separator: "|") + "|"
        let rows = table.rows.map { cells in
            "| " + table.columns.indices.map { i in
                let text = i < cells.count ? inline(cells[i], .tableCell) : ""
                return text.isEmpty ? " " : text
            }.joined(separator: " | ") + " |"
        }
        return ([header, rule] + rows).joined(separator: "\n")
    }

    func inline(_ inlines: [ReportDocument.Inline], _ context: Escaping.MarkdownContext) -> String {
        var out = ""
        for (index, run) in inlines.enumerated() {
            // Only the first run can start a line; later runs continue it.
            func escape(_ text: String) -> String { Escaping.markdown(text, context, atLineStart: index == 0) }
            switch run {
            case .text(let text):
                out += escape(text)
            case .strong(let text):
                // Emphasis markers must touch the text: "**a **" is not bold.
                let escaped = escape(text.trimmedOfSpaces())
                out += escaped.isEmpty ? "" : "**" + escaped + "**"
            case .emphasis(let text):
                let escaped = escape(text.trimmedOfSpaces())
                out += escaped.isEmpty ? "" : "_" + escaped + "_"
            case .link(let text, let url):
                if let safe = Escaping.url(url) {
                    out += "[" + escape(text) + "](" + safe + ")"
                } else {
                    out += escape(text == url ? text : text + " (" + url + ")")
                }
            }
        }
        return out
    }
}
