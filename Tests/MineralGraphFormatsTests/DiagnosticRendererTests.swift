import MineralGraphCore
import Testing

@testable import MineralGraphFormats

@Suite("Diagnostic renderer")
struct DiagnosticRendererTests {
    static func error(_ line: Int, _ column: Int, _ message: String = "bad", notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, .unknownKey, message, at: SourceLocation(file: "g.yaml", line: line, column: column), notes: notes)
    }

    @Test func printsLocationMessageSourceLineCaretAndNotes() {
        let text = "name: x\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country: CDO\n"
        let rendered = DiagnosticRenderer(text: text).render(
            Self.error(6, 14, "unknown country 'CDO'", notes: ["closest matches: COD (DR Congo)", "second note"]))
        #expect(rendered == """
            g.yaml:6:14: error: unknown country 'CDO'
                country: CDO
                         ^
            note: closest matches: COD (DR Congo)
            note: second note

            """)
    }

    @Test func warningsAndFileLevelMessages() {
        let renderer = DiagnosticRenderer(text: "a: 1\n")
        let warning = Diagnostic(.warning, .unknownKey, "looks odd", at: SourceLocation(file: "g.yaml", line: 1, column: 4))
        #expect(renderer.render(warning) == "g.yaml:1:4: warning: looks odd\na: 1\n   ^\n")
        let whole = Diagnostic(.error, .unreadable, "g.yaml: no such file", at: nil, notes: ["check the path"])
        #expect(renderer.render(whole) == "error: g.yaml: no such file\nnote: check the path\n")
    }

    @Test func caretCountsUnicodeScalarsLikeTheParser() throws {
        // Non-ASCII characters before the column: one column each, as libyaml counts them.
        let text = "name: Côte d’Ivoire — Ghana\nyear: 2023\nnodes:\n  - {id: é, name: Türkiye mine, kind: mine, country: CDO}\n"
        let diagnostics = try GraphFileReader().read(text: text, file: "g.yaml").validate()
        let location = try #require(diagnostics.first?.location)
        #expect(location.line == 4)
        #expect(location.column == 54)
        let rendered = DiagnosticRenderer(text: text).render(diagnostics[0])
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "  - {id: é, name: Türkiye mine, kind: mine, country: CDO}")
        #expect(lines[2] == String(repeating: " ", count: 53) + "^")
        // The caret sits under the 'C' of CDO when each character takes one cell.
        let caretOffset = lines[2].count - 1
        #expect(Array(lines[1])[caretOffset] == "C")
    }

    @Test func tabsBeforeTheColumnAreKeptSoTheCaretLinesUp() throws {
        // A tab is allowed as separation after the colon (not as indentation).
        let text = "name: x\nyear: 2023\nnodes:\n  - id: a\n    kind: mine\n    country:\tCDO\n"
        let diagnostics = try GraphFileReader().read(text: text, file: "g.yaml").validate()
        let location = try #require(diagnostics.first?.location)
        #expect((location.line, location.column) == (6, 14))
        let rendered = DiagnosticRenderer(text: text).render(diagnostics[0])
        #expect(rendered.contains("\n    country:\tCDO\n" + String(repeating: " ", count: 12) + "\t^\n"))
    }

    @Test func crlfLinesAreShownWithoutCarriageReturns() {
        let rendered = DiagnosticRenderer(text: "a: 1\r\nbb: 2\r\n").render(Self.error(2, 5))
        #expect(rendered == "g.yaml:2:5: error: bad\nbb: 2\n    ^\n")
    }

    @Test func outOfRangeLocationsPrintNoSourceLine() {
        let renderer = DiagnosticRenderer(text: "a: 1\n")
        #expect(renderer.render(Self.error(9, 1)) == "g.yaml:9:1: error: bad\n")
        #expect(renderer.render(Self.error(0, 1)) == "g.yaml:0:1: error: bad\n")
        #expect(DiagnosticRenderer(text: nil).render(Self.error(1, 1)) == "g.yaml:1:1: error: bad\n")
        // A column past the end of the line puts the caret just after it.
        #expect(renderer.render(Self.error(1, 6)) == "g.yaml:1:6: error: bad\na: 1\n    ^\n")
    }

    @Test func severalDiagnosticsAndTheErrorDescription() {
        let text = "a: 1\nb: 2\n"
        let error = DiagnosticError(diagnostics: [Self.error(1, 1), Self.error(2, 4, "worse")], text: text)
        #expect(error.description == "g.yaml:1:1: error: bad\na: 1\n^\ng.yaml:2:4: error: worse\nb: 2\n   ^\n")
        #expect(DiagnosticRenderer(text: text).render([]) == "")
    }

    /// The source line and caret line of `rendered` (its second and third lines).
    static func excerpt(_ rendered: String) -> (line: String, caret: String) {
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (lines[1], lines[2])
    }

    @Test func longLinesShowAWindowAroundTheColumn() {
        let line = String(repeating: "a", count: 499) + "X" + String(repeating: "b", count: 500)
        let renderer = DiagnosticRenderer(text: "first\n" + line + "\nlast\n")
        let middle = Self.excerpt(renderer.render(Self.error(2, 500)))
        #expect(middle.line == "…" + String(repeating: "a", count: 60) + "X" + String(repeating: "b", count: 59) + "…")
        #expect(middle.caret == String(repeating: " ", count: 61) + "^")
        let start = Self.excerpt(renderer.render(Self.error(2, 3)))
        #expect(start.line == String(repeating: "a", count: 120) + "…")
        #expect(start.caret == "  ^")
        let end = Self.excerpt(renderer.render(Self.error(2, 1000)))
        #expect(end.line == "…" + String(repeating: "b", count: 120))
        #expect(end.caret == " " + String(repeating: " ", count: 119) + "^")
        // Past the end of the line, the caret follows it.
        #expect(Self.excerpt(renderer.render(Self.error(2, 1001))).caret == String(repeating: " ", count: 121) + "^")
        // Exactly as wide as the window: the whole line, no marks.
        let exact = String(repeating: "c", count: 120)
        #expect(Self.excerpt(DiagnosticRenderer(text: exact).render(Self.error(1, 120))).line == exact)
        let wider = exact + "d"
        #expect(Self.excerpt(DiagnosticRenderer(text: wider).render(Self.error(1, 121))).line == "…" + String(wider.dropFirst()))
    }

    @Test func atMostFiftyDiagnosticsThenACount() {
        let renderer = DiagnosticRenderer(text: "a: 1\n")
        let errors = (0..<120).map { _ in Self.error(1, 1) }
        let rendered = renderer.render(errors)
        #expect(rendered.components(separatedBy: "error: bad").count - 1 == 50)
        #expect(rendered.hasSuffix("a: 1\n^\n… and 70 more errors\n"))
        let warning = Diagnostic(.warning, .unknownKey, "odd", at: nil)
        #expect(renderer.render(Array(errors.prefix(50)) + [warning]).hasSuffix("… and 1 more warning\n"))
        #expect(renderer.render(Array(errors.prefix(51)) + [warning]).hasSuffix("… and 2 more diagnostics\n"))
        #expect(renderer.render(Array(errors.prefix(51))).hasSuffix("… and 1 more error\n"))
        #expect(!renderer.render(Array(errors.prefix(50))).contains("more"))
    }

    @Test func controlCharactersAreEscapedAndTheCaretStillLinesUp() {
        let text = "name: a\u{1B}[31mred\u{7}\u{0}\u{9B}x: CDO\n"
        let diagnostic = Diagnostic(
            .error, .unknownKey, "unknown country 'a\u{1B}[31m'", at: SourceLocation(file: "g\u{1B}.yaml", line: 1, column: 22),
            notes: ["bell \u{7}", "line\nfeed"])
        let rendered = DiagnosticRenderer(text: text).render(diagnostic)
        #expect(rendered == """
            g\\u{1B}.yaml:1:22: error: unknown country 'a\\u{1B}[31m'
            name: a\\u{1B}[31mred\\u{7}\\u{0}\\u{9B}x: CDO
            \(String(repeating: " ", count: 39))^
            note: bell \\u{7}
            note: line\\u{A}feed

            """)
        let (line, caret) = Self.excerpt(rendered)
        #expect(Array(line)[caret.count - 1] == "C")
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect("tab\tstays".escapingControlCharacters() == "tab\tstays")
        #expect("a\nb\u{7F}".escapingControlCharacters(keepingLineFeeds: true) == "a\nb\\u{7F}")
    }

    @Test func linesEndWhereTheYAMLParserEndsThem() {
        for newline in ["\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"] {
            let text = ["a: 1", "bb: 2", "ccc: 3"].joined(separator: newline)
            #expect(DiagnosticRenderer(text: text).render(Self.error(2, 5)) == "g.yaml:2:5: error: bad\nbb: 2\n    ^\n")
        }
    }
}
