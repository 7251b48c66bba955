import MineralGraphCore
import Testing

@testable import MineralGraphFormats

@Suite("Diagnostic renderer")
struct DiagnosticRendererTests {
    static func error(_ line: Int, _ column: Int, _ message: String = "bad", notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, "code", message, at: SourceLocation(file: "g.yaml", line: line, column: column), notes: notes)
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
        let warning = Diagnostic(.warning, "w", "looks odd", at: SourceLocation(file: "g.yaml", line: 1, column: 4))
        #expect(renderer.render(warning) == "g.yaml:1:4: warning: looks odd\na: 1\n   ^\n")
        let whole = Diagnostic(.error, "unreadable", "g.yaml: no such file", at: nil, notes: ["check the path"])
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
        let error = GraphFileError(diagnostics: [Self.error(1, 1), Self.error(2, 4, "worse")], text: text)
        #expect(error.description == "g.yaml:1:1: error: bad\na: 1\n^\ng.yaml:2:4: error: worse\nb: 2\n   ^\n")
        #expect(DiagnosticRenderer(text: text).render([]) == "")
    }
}
