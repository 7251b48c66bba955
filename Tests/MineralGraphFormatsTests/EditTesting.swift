import Foundation
import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// Helpers for the edit tests: apply edit lines to graph text and compare texts by line.
enum EditTesting {
    /// The text of a fixture under `Fixtures/editing`.
    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: Fixtures.path("editing/" + name), encoding: .utf8)
    }

    static func document(_ text: String, file: String = "g.yaml") throws -> GraphDocument {
        try GraphFileReader().read(text: text, file: file)
    }

    /// `text` after `edits` (each one line, as on the command line).
    static func apply(_ edits: [String], to text: String) throws -> String {
        try outcome(edits, text).text
    }

    static func outcome(_ edits: [String], _ text: String) throws -> GraphFileEditor.Outcome {
        let scripts = try edits.enumerated().map { index, edit in try EditScript.parse(edit: edit, file: "<edit \(index + 1)>") }
        return try GraphFileEditor().apply(scripts, to: try document(text), editedName: "g.yaml (edited)")
    }

    /// The error of edits that must fail.
    static func failure(_ edits: [String], _ text: String) throws -> DiagnosticError {
        do {
            _ = try outcome(edits, text)
        } catch let error as DiagnosticError {
            return error
        }
        Issue.record("the edits \(edits) did not fail")
        return DiagnosticError(diagnostics: [], text: nil)
    }

    /// The lines of `old` that `new` removes and the lines it adds, as a diff shows them:
    /// `-` and `+` followed by the line.
    static func changes(_ old: String, _ new: String) -> [String] {
        LineDiff(old: old, new: new).lines.compactMap { line in
            switch line {
            case .same: nil
            case .removed(let text): "-" + text
            case .added(let text): "+" + text
            }
        }
    }
}
