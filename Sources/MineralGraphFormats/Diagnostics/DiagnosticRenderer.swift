import MineralGraphCore

/// Prints diagnostics in the format compilers use, so editors and CI annotate them:
///
/// ```text
/// graphs/cobalt.yaml:14:14: error: unknown country 'CDO'
///     country: CDO
///              ^
/// note: closest matches: COD (Congo, The Democratic Republic of the), ...
/// ```
public struct DiagnosticRenderer: Sendable {
    /// The file's text; without it only the message lines are printed.
    public var text: String?
    private let lines: [Substring]

    public init(text: String?) {
        self.text = text
        // "\r\n" is one Character in Swift, so split on it as well as on "\n".
        self.lines = text.map { $0.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) } ?? []
    }

    /// All diagnostics, each followed by its source line, caret and notes.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        if let location = diagnostic.location {
            out += "\(location): "
        }
        out += "\(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        if let location = diagnostic.location, location.line >= 1, location.line <= lines.count {
            var line = String(lines[location.line - 1])
            if line.hasSuffix("\r") { line.removeLast() }
            out += line + "\n"
            // Keep tabs so the caret lines up under the same column.
            let prefix = line.unicodeScalars.prefix(max(0, location.column - 1))
            out += String(String.UnicodeScalarView(prefix.map { $0 == "\t" ? "\t" : " " })) + "^\n"
        }
        for note in diagnostic.notes {
            out += "note: \(note)\n"
        }
        return out
    }
}
