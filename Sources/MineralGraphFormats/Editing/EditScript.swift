/// Edits read from one text: a script file with one edit per line, or one edit given on the
/// command line.
///
/// In a script, blank lines and lines whose first non-space character is `#` are skipped.
/// Every line that does not parse is reported (`script.txt:LINE:COLUMN: error: ...`), not
/// only the first. Scripts and edits are refused beyond ``InputLimits/maximumDocumentBytes``
/// and lines beyond ``InputLimits/maximumLineBytes``.
public struct EditScript: Sendable {
    /// The name locations use: a path, `<stdin>`, or `<edit N>` for a command-line edit.
    public var file: String
    public var text: String
    public var edits: [ParsedEdit]

    public init(file: String, text: String, edits: [ParsedEdit]) {
        self.file = file
        self.text = text
        self.edits = edits
    }

    /// Reads a script: one edit per line.
    public static func parse(script text: String, file: String) throws(DiagnosticError) -> EditScript {
        if let problem = InputLimits.tooLarge(text.utf8.count, limit: InputLimits.maximumDocumentBytes, file: file, what: "edit scripts") {
            throw DiagnosticError(diagnostics: [problem], text: nil)
        }
        if let problem = InputLimits.longLine(in: text, file: file, yamlBreaks: false) {
            throw DiagnosticError(diagnostics: [problem], text: text)
        }
        let parser = EditParser()
        var edits: [ParsedEdit] = []
        var diagnostics: [Diagnostic] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                var edit = try parser.parse(line)
                edit.line = index + 1
                edits.append(edit)
            } catch {
                diagnostics.append(Diagnostic(
                    .error, .editSyntax, error.message,
                    at: SourceLocation(file: file, line: index + 1, column: error.column), notes: error.notes))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics: diagnostics, text: text) }
        return EditScript(file: file, text: text, edits: edits)
    }

    /// Reads one edit, such as a command-line argument; `file` names it in messages.
    public static func parse(edit text: String, file: String) throws(DiagnosticError) -> EditScript {
        if let problem = InputLimits.longLine(in: text, file: file, yamlBreaks: false) {
            throw DiagnosticError(diagnostics: [problem], text: text)
        }
        if text.contains(where: { $0 == "\n" || $0 == "\r\n" }) {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .editSyntax, "an edit is one line; put several in an edit script, one per line",
                            at: SourceLocation(file: file, line: 1, column: 1))],
                text: text)
        }
        do {
            return EditScript(file: file, text: text, edits: [try EditParser().parse(text)])
        } catch {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .editSyntax, error.message, at: SourceLocation(file: file, line: 1, column: error.column), notes: error.notes)],
                text: text)
        }
    }

    /// `value` as an edit writes it (a selector's id, a value after `=`, a field of `add`):
    /// bare when it is a plain word of letters, digits, `-` and `_`, else double-quoted with
    /// YAML's escapes (`\"`, `\\`, `\n`, `\u001B` …), which the edit language reads too.
    public static func quote(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        return plain ? value : YAMLText.doubleQuoted(value)
    }
}
