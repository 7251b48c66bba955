import Foundation
/// One self-contained HTML file: inline CSS, inline SVG charts, no scripts and no network
/// (a Content-Security-Policy forbids loading anything).
///
/// Every piece of text and every attribute value goes through `Escaping/html(_:)`; links
/// are kept only for http(s) URLs.
public struct HTMLFormatter: ReportFormatter {
    /// The graph's supply-chain diagram as SVG text (from `mineral-graph render`), embedded
    /// after the reading. Reports do not depend on Graphviz: the caller renders it.
    public var diagramSVG: String?
    /// World maps of the country shares (from `mineral-graph map`), embedded after the diagram.
    public var maps: [ReportDocument.Figure]
    /// The graph's concentration over its years (a graph with several years), drawn as the
    /// `trend` command's line charts after the maps.
    public var trend: TrendReport?

    public init(diagramSVG: String? = nil, maps: [ReportDocument.Figure] = [], trend: TrendReport? = nil) {
        self.diagramSVG = diagramSVG
        self.maps = maps
        self.trend = trend
    }

    public func format(_ report: Report) -> String {
        var document = ReportDocument(report)
        var figures: [ReportDocument.Block] = []
        if let diagramSVG {
            figures += [
                .heading(level: 2, text: "Supply-chain diagram"),
                .figures([ReportDocument.Figure(
                    svg: diagramSVG,
                    caption: "Stages left to right; line width proportional to contained tonnes; fill by country group; "
                        + "waste flows dashed, recycling and recovered fractions in green. Hover a node or flow for its figures.")]),
            ]
        }
        if !maps.isEmpty {
            figures += [.heading(level: 2, text: "Where supply sits: maps"), .figures(maps)]
        }
        let charts = trend.map(ReportDocument.trendCharts) ?? []
        if !charts.isEmpty {
            figures += [.heading(level: 2, text: "Concentration over the years"), .figures(charts)]
        }
        // After the title block and the reading, before the first table section.
        let readingEnd = document.blocks.indices.dropFirst().first { i in
            if case .heading(2, let text) = document.blocks[i] { return !text.hasPrefix("Reading") }
            return false
        } ?? document.blocks.endIndex
        document.blocks.insert(contentsOf: figures, at: readingEnd)
        return render(document)
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24;line-height:1.45}
        h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}h3{font-size:1.1rem;margin-top:1.6rem}
        table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left}
        th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .figures{display:flex;flex-wrap:wrap;gap:1rem}details{margin:.8rem 0}summary{cursor:pointer;font-weight:600}figure{margin:.5rem 0}figcaption{font-size:.85rem;color:#57606a}
        p,li,figcaption,td,th{overflow-wrap:break-word}.figures>figure{min-width:0;max-width:100%}svg{max-width:100%;height:auto}
        table{display:block;max-width:100%;overflow-x:auto}td.num,th.num{white-space:nowrap}
        @media (max-width:40rem){body{margin:1rem auto;padding:0 .6rem}h1{font-size:1.35rem}table{font-size:.8rem}th,td{padding:.25rem .35rem}}
        figure:target{max-width:none;overflow-x:auto}figure:target svg{max-width:none}a.full{font-size:.8rem;white-space:nowrap}
        @media print{body{max-width:none;margin:0;padding:0;font-size:10pt;color:#000}a{color:inherit}table{display:table;overflow:visible}table,figure{break-inside:avoid}h2,h3{break-after:avoid}summary{list-style:none}a.full{display:none}}
        """

    public func render(_ document: ReportDocument) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Escaping.html(Self.oneLine(document.title)))</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            <main>

            """
        out += Self.numberingFigures(blocks(document.blocks))
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// Marks where a figure's id goes: `\0figure:SLUG\0`, once for the figure and once for its link.
    static func figurePlaceholder(_ caption: String) -> String {
        let slug = caption.lowercased().unicodeScalars.prefix(48).map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" }
        return "\u{0}figure:" + String(slug).split(separator: "-").joined(separator: "-") + "\u{0}"
    }

    /// Gives each figure the id `figure-SLUG` (from its caption; `-2`, `-3` … for repeated
    /// captions) that its "full size" link targets (CSS `:target` lifts the width cap: no script
    /// is needed). Ids depend on the captions, not on how many figures come before.
    static func numberingFigures(_ html: String) -> String {
        let parts = html.components(separatedBy: "\u{0}figure:")
        var out = parts[0]
        var seen: [Substring: Int] = [:]
        var current = ""
        for (i, part) in parts.dropFirst().enumerated() {
            guard let end = part.firstIndex(of: "\u{0}") else { out += part; continue }
            let slug = part[..<end]
            if i % 2 == 0 {
                let n = seen[slug, default: 0] + 1
                seen[slug] = n
                current = "figure-" + slug + (n > 1 ? "-\(n)" : "")
            }
            out += current + part[part.index(after: end)...]
        }
        return out
    }

    func blocks(_ blocks: [ReportDocument.Block]) -> String {
        var out = ""
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                let tag = "h\(min(max(level, 1), 6))"
                out += "<\(tag)>\(Escaping.html(Self.oneLine(text)))</\(tag)>\n"
            case .paragraph(let inlines):
                // A paragraph reflows: its single line breaks (a YAML description's) are spaces,
                // a blank line keeps a break.
                out += "<p>" + inline(inlines.map(Self.reflowed)) + "</p>\n"
            case .list(let items):
                guard !items.isEmpty else { continue }
                out += "<ul>\n" + items.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n"
            case .table(let table):
                out += self.table(table)
            case .figures(let figures):
                guard !figures.isEmpty else { continue }
                out += "<div class=\"figures\">\n"
                for figure in figures {
                    // The id twice: the figure's and its link's (numbered by ``numberingFigures(_:)``).
                    let id = Self.figurePlaceholder(figure.caption)
                    out += "<figure id=\"\(id)\">\n" + Self.svgElement(figure.svg) + "\n<figcaption>"
                        + Escaping.htmlLines(figure.caption) + " <a class=\"full\" href=\"#\(id)\">Full size</a>"
                        + "</figcaption>\n</figure>\n"
                }
                out += "</div>\n"
            case .details(let summary, let inner):
                out += "<details>\n<summary>" + Escaping.html(Self.oneLine(summary)) + "</summary>\n"
                out += self.blocks(inner) + "</details>\n"
            }
        }
        return out
    }

    func table(_ table: ReportDocument.Table) -> String {
        func cellClass(_ i: Int) -> String { table.columns[i].alignment == .right ? " class=\"num\"" : "" }
        var out = "<table>\n<thead><tr>"
        for (i, column) in table.columns.enumerated() {
            out += "<th\(cellClass(i))>" + Escaping.htmlLines(column.title) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for cells in table.rows {
            out += "<tr>"
            for i in table.columns.indices {
                out += "<td\(cellClass(i))>" + (i < cells.count ? inline(cells[i]) : "") + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// `text` with single line breaks as spaces and blank lines as one line break.
    static func reflowed(_ run: ReportDocument.Inline) -> ReportDocument.Inline {
        func reflow(_ text: String) -> String {
            text.components(separatedBy: "\n\n").map { $0.replacingAll("\n", with: " ") }.joined(separator: "\n")
        }
        switch run {
        case .text(let text): return .text(reflow(text))
        case .strong(let text): return .strong(reflow(text))
        case .emphasis(let text): return .emphasis(reflow(text))
        case .link: return run
        }
    }

    func inline(_ inlines: [ReportDocument.Inline]) -> String {
        inlines.map { run in
            switch run {
            case .text(let text): Escaping.htmlLines(text)
            case .strong(let text): "<strong>" + Escaping.htmlLines(text) + "</strong>"
            case .emphasis(let text): "<em>" + Escaping.htmlLines(text) + "</em>"
            case .link(let text, let url):
                if let safe = Escaping.url(url) {
                    "<a href=\"" + Escaping.html(safe) + "\">" + Escaping.htmlLines(text) + "</a>"
                } else {
                    Escaping.htmlLines(text == url ? text : text + " (" + url + ")")
                }
            }
        }.joined()
    }

    /// The `<svg>` element of `svg`, without an XML declaration, DOCTYPE or comments before it.
    static func svgElement(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        var element = String(svg[start.lowerBound...])
        while element.last?.isWhitespace == true { element.removeLast() }
        return element
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
