import Foundation
import MineralGraphCore
import MineralGraphFormats
import Testing

@testable import MineralGraphReports

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that a string parses as XML (the inline SVG charts).
enum XMLCheck {
    final class Delegate: NSObject, XMLParserDelegate {
        var error: Error?
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
    }

    static func assertWellFormed(_ xml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let parser = XMLParser(data: Data(xml.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        let ok = parser.parse()
        #expect(ok && delegate.error == nil, "not well-formed XML: \(String(describing: delegate.error))", sourceLocation: sourceLocation)
    }
}

@Suite("Escaping")
struct EscapingTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("a|b", "a\\|b"),
        ("back\\slash", "back\\\\slash"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. list", "1\\. list"),
        ("12) list", "12\\) list"),
        ("1.5 t", "1.5 t"),
        ("a - b", "a - b"),
        ("**bold** _it_ `code` ~x~", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~x\\~"),
        ("hhi_lo snake_case _x a_ __", "hhi_lo snake_case \\_x a\\_ \\_\\_"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("![img](x)", "\\!\\[img\\](x)"),
        ("<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"),
        ("    indented", "indented"),
        ("Congo (Kinshasa)", "Congo (Kinshasa)"),
        ("tab\there", "tab here"),
        ("bell\u{7}", "bell "),
    ])
    func markdownBlockText(_ input: String, _ expected: String) {
        #expect(Escaping.markdown(input) == expected)
    }

    @Test func markdownNewlines() {
        #expect(Escaping.markdown("a\nb\r\nc\rd\u{2028}e") == "a b c d e")
        #expect(Escaping.markdown("a\n# b\n- c", .tableCell) == "a<br>\\# b<br>\\- c")
        #expect(Escaping.markdown("x|y\nz", .tableCell) == "x\\|y<br>z")
        #expect(Escaping.markdown("- not a list", .block, atLineStart: false) == "- not a list")
    }

    @Test func htmlText() {
        #expect(Escaping.html("<a href=\"x\">O'Brien & co</a>") == "&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;")
        #expect(Escaping.htmlLines("a\nb") == "a<br>b")
        // One control-character policy for HTML, SVG and Graphviz labels (MarkupEscaping).
        #expect(Escaping.html("nul\u{0}esc\u{1B}del\u{7F}c1\u{85}") == "nul\u{FFFD}esc\u{FFFD}del\u{FFFD}c1\u{FFFD}")
        #expect(Escaping.html("a\r\nb\rc\td") == "a\nb\nc\td")
    }

    @Test func urls() {
        #expect(Escaping.url("javascript:alert(1)") == nil)
        #expect(Escaping.url("data:text/html,x") == nil)
        #expect(Escaping.url("https://example.org/a b?q=\"x\"&r=<y>(z)|`") == "https://example.org/a%20b?q=%22x%22&r=%3Cy%3E%28z%29%7C%60")
        #expect(Escaping.url("HTTPS://ex.org/Côte") == "HTTPS://ex.org/C%C3%B4te")
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\r", "\"cr\r\""), (" lead", "\" lead\""), ("", ""),
    ])
    func csvFields(_ input: String, _ expected: String) {
        #expect(Escaping.csv(input) == expected)
    }
}

@Suite("Hostile names cannot break reports")
struct HostileReportTests {
    let report: Report

    init() throws {
        report = try ReportFixtures.report(ReportFixtures.hostileGraph, file: "evil|<name>.yaml")
    }

    @Test func markdownTablesKeepTheirColumnsAndNoMarkupLeaks() {
        let markdown = MarkdownFormatter().format(report)
        // Every table row has as many unescaped pipes as its header.
        var expectedPipes: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { expectedPipes = nil; continue }
            let pipes = Self.unescapedPipes(line)
            if let expectedPipes { #expect(pipes == expectedPipes, "row breaks its table: \(line)") } else { expectedPipes = pipes }
        }
        // Only the report's own headings start lines with '#'.
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings.allSatisfy { !$0.contains("Not a heading") })
        #expect(!markdown.contains("<script"))
        // Link syntax from the data stays escaped; the javascript: URL is never a link target.
        #expect(!markdown.replacingOccurrences(of: "\\]", with: "").contains("]("  + "javascript"))
        #expect(markdown.contains("\\[l\\](javascript:x)"))
        #expect(markdown.contains("(javascript:alert(1))")) // shown as text, not linked
        #expect(markdown.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'q' \\| \\# h"))
        // No line of hostile text starts a list or a block.
        #expect(!markdown.split(separator: "\n").contains { $0.hasPrefix("1. list") || $0.hasPrefix("- item") })
        #expect(markdown.contains("](https://example.org/a%20b?q=%22x%22&r=%3Cy%3E)"))
    }

    static func unescapedPipes(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count
    }

    @Test func htmlHasOnlyTheReportsOwnTags() throws {
        let html = HTMLFormatter().format(report)
        let allowed: Set<String> = [
            "!doctype", "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "ul", "li",
            "table", "thead", "tbody", "tr", "th", "td", "strong", "em", "a", "br", "div", "figure", "figcaption",
            "svg", "text", "rect", "details", "summary",
        ]
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            let close = try #require(html[open...].firstIndex(of: ">"))
            let tag = html[html.index(after: open)..<close]
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber || $0 == "!" }.lowercased()
            #expect(allowed.contains(name), "unexpected tag <\(tag)>")
            if name == "a" && !tag.hasPrefix("/") {
                // Outside links are http(s) only; a figure's "full size" link targets its own id.
                let ownFigure = tag.hasPrefix("a class=\"full\" href=\"#figure-") && tag.allSatisfy { $0.isASCII && !"<>'".contains($0) }
                #expect(tag.hasPrefix("a href=\"https://") || tag.hasPrefix("a href=\"http://") || ownFigure, "unsafe link <\(tag)>")
            }
            index = html.index(after: close)
        }
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
        #expect(!html.contains("javascript:alert(1)\""))
        #expect(html.contains("<title>Supply-chain report: &lt;script&gt;"))
        for svg in Self.svgs(in: html) { try XMLCheck.assertWellFormed(svg) }
        #expect(!Self.svgs(in: html).isEmpty)
    }

    static func svgs(in html: String) -> [String] {
        html.components(separatedBy: "<svg").dropFirst().map { "<svg" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }

    @Test func csvFieldsRoundTripThroughAParser() throws {
        let csv = CSVFormatter().format(report)
        let records = try CSVParser.records(in: Array(csv.utf8)).map(\.fields)
        #expect(records.allSatisfy { $0.count == CSVFormatter.columns.count })
        let missing = CSVFormatter.columns.firstIndex(of: "missing")!
        #expect(records[1][missing] == "USA evil,\"id\"\nx|y")
    }

    @Test func jsonStaysValid() throws {
        let text = try JSONFormatter().format(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["graph"] as? [String: Any])?["name"] as? String == ReportFixtures.hostile)
    }
}
