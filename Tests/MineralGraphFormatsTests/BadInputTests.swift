import Testing

@testable import MineralGraphFormats

/// Hostile input must give a located error quickly, never a crash, hang or memory blow-up.
@Suite("Bad input")
struct BadInputTests {
    /// The first error of reading `text` as a graph file, or as a scenario file.
    static func firstError(_ text: String, scenario: Bool = false) -> Diagnostic? {
        do {
            if scenario {
                _ = try ScenarioFileReader().read(text: text, file: "bad.yaml")
            } else {
                _ = try GraphFileReader().read(text: text, file: "bad.yaml")
            }
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    /// A quoted value whose continuation line is not indented within its block (libyaml takes
    /// it; YAML 1.2 does not): once `flows:` in column 0 inside a quoted note read as part of the
    /// note, and `edit` took it for the next key and inserted a section inside the string (a
    /// finding of the edit-roundtrip fuzzer, kept in Fixtures/fuzz/edit-roundtrip/).
    @Test(arguments: [
        ("name: t\nyear: 2022\nsources:\n  - id: a\n    title: T\n    notes: \"x\nflows:\n  y\"\n", 7, 1),
        ("name: t\nyear: 2022\nsources:\n  - id: a\n    title: T\n    notes: 'x\n  y'\n", 7, 3),
        ("name: t\ndescription: \"a\nb\"\nyear: 2022\n", 3, 1),
    ])
    func quotedValuesContinueInsideTheirBlock(_ text: String, _ line: Int, _ column: Int) throws {
        for error in [Self.firstError(text), Self.firstError(text, scenario: true)] {
            let error = try #require(error)
            #expect(error.code == "yaml-syntax")
            #expect(error.location == SourceLocation(file: "bad.yaml", line: line, column: column))
            #expect(error.message == "YAML syntax: a quoted value continues on this line outside its block")
        }
        // Indented within the block, the same values read.
        let indented = "name: t\nyear: 2022\nsources:\n  - id: a\n    title: T\n    notes: \"x\n      flows:\n      y\"\n"
        #expect(try GraphFileReader().read(text: indented, file: "ok.yaml").graph.sources.first?.notes == "x flows: y")
    }

    /// libyaml ends lines at a lone CR, NEL, LS and PS too; locations count lines its way.
    @Test(arguments: ["\r", "\r\n", "\n", "\u{85}", "\u{2028}", "\u{2029}"])
    func duplicateKeysAreLocatedWhateverTheLineBreaks(_ newline: String) throws {
        // Once a trap ("Range requires lowerBound <= upperBound"): lone CRs and a repeated key.
        let text = ["x:", "  a: 1", "  a: 2", ""].joined(separator: newline)
        for error in [Self.firstError(text), Self.firstError(text, scenario: true)] {
            let error = try #require(error)
            #expect(error.code == "duplicate-key")
            #expect(error.location == SourceLocation(file: "bad.yaml", line: 3, column: 3))
            #expect(error.notes.first?.description == "bad.yaml:2:3: first given here")
        }
    }

    @Test func billionLaughsIsRefusedAtTheAlias() throws {
        var lines = ["name: bomb", "year: 2023", #"a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        for i in 1..<10 {
            lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]")
        }
        lines.append("nodes: *a9")
        let clock = ContinuousClock()
        var diagnostic: Diagnostic?
        let elapsed = clock.measure { diagnostic = Self.firstError(lines.joined(separator: "\n")) }
        let error = try #require(diagnostic)
        #expect(error.code == "yaml-alias")
        #expect(error.location == SourceLocation(file: "bad.yaml", line: 4, column: 10))  // the first alias, `*a0`
        #expect(elapsed < .seconds(2))
    }

    @Test func aliasAsListItemIsRefused() throws {
        let error = try #require(Self.firstError("name: x\nyear: 2023\nsources:\n  - &s {id: a, title: b}\n  - *s\n"))
        #expect(error.code == "yaml-alias")
        #expect(error.location == SourceLocation(file: "bad.yaml", line: 5, column: 5))
    }

    @Test func aliasAsMappingValueIsRefused() throws {
        let error = try #require(Self.firstError("name: &n x\nyear: 2023\ndescription: *n\n"))
        #expect(error.code == "yaml-alias")
        #expect(error.location?.line == 3)
    }

    @Test func oversizedTextIsRefusedBeforeParsing() throws {
        let reader = GraphFileReader(maximumBytes: 1 << 20)
        let text = "name: big\nyear: 2023\ndescription: \"" + String(repeating: "x", count: reader.maximumBytes) + "\"\n"
        #expect(throws: DiagnosticError.self) { try reader.read(text: text, file: "bad.yaml") }
        do {
            _ = try reader.read(text: text, file: "bad.yaml")
        } catch {
            #expect(error.diagnostics.first?.code == "file-too-large")
        }
    }

    @Test(arguments: [
        ("name: [unclosed\nyear: 2023\n", "yaml-syntax", 2),
        ("name: x\n\tyear: 2023\n", "yaml-syntax", 2),
        ("- just\n- a list\n", "expected-mapping", 1),
        ("name: x\n", "missing-key", 1),
        ("name: x\nyear: twenty\n", "expected-number", 2),
        ("", "empty-file", 1),
    ])
    func malformedInputGivesLocatedError(_ text: String, _ code: String, _ line: Int) throws {
        let error = try #require(Self.firstError(text))
        #expect(error.code == code)
        #expect(error.location?.line == line)
    }
}
