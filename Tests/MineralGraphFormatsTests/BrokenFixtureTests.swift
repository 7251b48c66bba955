import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// One expected diagnostic, written in the fixture itself as a comment line:
///
/// ```yaml
///     kind: refinery
/// #         ^ unknown-kind: unknown node kind 'refinery' | did you mean 'processor'?
/// ```
///
/// The caret marks the column on the nearest line above that is not a marker; the text after
/// the code must appear in the message, and the text after `|` in the notes. Positions the
/// caret cannot reach (column 1, or a line of its own) are written `# @LINE:COLUMN code: ...`.
/// Marker lines are YAML comments, so they change neither the graph nor any position.
struct ExpectedDiagnostic: Hashable, CustomStringConvertible {
    var line: Int
    var column: Int
    var code: String
    var message: String
    var note: String?

    var description: String { "\(line):\(column) \(code)" }

    static func parse(_ text: String) -> [ExpectedDiagnostic] {
        var expected: [ExpectedDiagnostic] = []
        var lastContentLine = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let scalars = Array(line.unicodeScalars)
            guard scalars.first == "#" else {
                lastContentLine = index + 1
                continue
            }
            let body = String(String.UnicodeScalarView(scalars.dropFirst())).trimmingCharacters(in: .whitespaces)
            let position: (line: Int, column: Int)
            let rest: Substring
            if body.hasPrefix("^ "), let caret = scalars.firstIndex(of: "^") {
                position = (lastContentLine, caret + 1)
                rest = body.dropFirst(2)
            } else if body.hasPrefix("@"), let space = body.firstIndex(of: " ") {
                let numbers = body[body.index(after: body.startIndex)..<space].split(separator: ":").compactMap { Int($0) }
                guard numbers.count == 2 else { continue }
                position = (numbers[0], numbers[1])
                rest = body[body.index(after: space)...]
            } else {
                lastContentLine = index + 1  // an ordinary comment
                continue
            }
            guard let colon = rest.firstIndex(of: ":") else { continue }
            let code = String(rest[..<colon])
            let parts = rest[rest.index(after: colon)...].components(separatedBy: " | ")
            expected.append(ExpectedDiagnostic(
                line: position.line, column: position.column, code: code,
                message: parts[0].trimmingCharacters(in: .whitespaces),
                note: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil))
        }
        return expected
    }
}

extension ExpectedDiagnostic {
    /// Checks that `diagnostics` are exactly the `expected` ones (no cascade of follow-on
    /// problems, nothing missing), each with its message, note, `severity`, and printed like a
    /// compiler's: `path:line:column`, the source line, a caret under the column.
    static func check(
        _ diagnostics: [Diagnostic], against expected: [ExpectedDiagnostic], in sourceText: String?, path: String, name: String,
        severity: Severity = .error, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let found = diagnostics.map { ExpectedDiagnostic(line: $0.location?.line ?? 0, column: $0.location?.column ?? 0, code: $0.code, message: "", note: nil) }
        let order = { (a: ExpectedDiagnostic, b: ExpectedDiagnostic) in (a.line, a.column, a.code) < (b.line, b.column, b.code) }
        #expect(found.sorted(by: order).map(\.description) == expected.sorted(by: order).map(\.description), "\(name)", sourceLocation: sourceLocation)

        for expectation in expected {
            guard let diagnostic = diagnostics.first(where: {
                $0.code == expectation.code && $0.location?.line == expectation.line && $0.location?.column == expectation.column
                    && $0.message.contains(expectation.message)
            }) else {
                Issue.record("\(name): no \(expectation) with a message containing '\(expectation.message)'", sourceLocation: sourceLocation)
                continue
            }
            #expect(diagnostic.severity == severity, "\(name): \(expectation)", sourceLocation: sourceLocation)
            #expect(diagnostic.location?.file == path, sourceLocation: sourceLocation)
            #expect(diagnostic.message.contains(expectation.message), "\(name): message '\(diagnostic.message)'", sourceLocation: sourceLocation)
            if let note = expectation.note {
                #expect(diagnostic.notes.contains { $0.description.contains(note) }, "\(name): notes \(diagnostic.notes)", sourceLocation: sourceLocation)
            }
            let rendered = DiagnosticRenderer(text: sourceText).render(diagnostic)
            #expect(rendered.hasPrefix("\(path):\(expectation.line):\(expectation.column): \(severity.rawValue): \(diagnostic.message)\n"),
                    sourceLocation: sourceLocation)
            let lines = sourceText?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
            if expectation.line <= lines.count {
                let caret = String(repeating: " ", count: expectation.column - 1) + "^"
                let sourceLine = lines[expectation.line - 1]
                if !sourceLine.contains("\t") {
                    #expect(rendered.contains("\n\(sourceLine)\n\(caret)\n"), "\(name):\n\(rendered)", sourceLocation: sourceLocation)
                }
            }
        }
    }
}

enum Fixtures {
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    /// The names of the files in `Fixtures/broken`, sorted.
    static let broken: [String] = {
        let url = directory.appendingPathComponent("broken")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// Every diagnostic for the file at `path`: read errors, else validation findings.
    static func diagnostics(at path: String) -> (diagnostics: [Diagnostic], text: String?) {
        do {
            let document = try GraphFileReader().read(contentsOf: path)
            return (document.validate(), document.text)
        } catch {
            return (error.diagnostics, error.text)
        }
    }
}

@Suite("Broken fixtures")
struct BrokenFixtureTests {
    /// One fixture per problem the foundation issue names, plus a few more.
    @Test func everyRequiredProblemHasAFixture() {
        let required = [
            "yaml-syntax", "tab-indentation", "duplicate-key", "unknown-key", "missing-name", "missing-year",
            "list-for-mapping", "quoted-number", "thousands-comma", "unknown-kind", "waste-without-fate",
            "fate-on-mine", "unknown-flow-type", "unknown-stage", "unsupported-unit", "unsupported-format",
            "unknown-country",
        ]
        let present = Set(Fixtures.broken.map { String($0.dropLast(".yaml".count)) })
        #expect(Set(required).subtracting(present).isEmpty, "missing: \(Set(required).subtracting(present).sorted())")
    }

    @Test(arguments: Fixtures.broken)
    func fixtureFailsWithTheMarkedLocatedErrors(_ name: String) throws {
        let path = Fixtures.path("broken/" + name)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = ExpectedDiagnostic.parse(text)
        try #require(!expected.isEmpty, "\(name) has no expectation marker")

        let (diagnostics, sourceText) = Fixtures.diagnostics(at: path)
        ExpectedDiagnostic.check(diagnostics, against: expected, in: sourceText, path: path, name: name)
    }

    @Test func markerParsing() {
        let text = """
            a: 1
              b: x
            #    ^ some-code: the message | a note
            # an ordinary comment
            # @1:1 other-code: at the start
            """
        #expect(ExpectedDiagnostic.parse(text) == [
            ExpectedDiagnostic(line: 2, column: 6, code: "some-code", message: "the message", note: "a note"),
            ExpectedDiagnostic(line: 1, column: 1, code: "other-code", message: "at the start", note: nil),
        ])
    }
}
