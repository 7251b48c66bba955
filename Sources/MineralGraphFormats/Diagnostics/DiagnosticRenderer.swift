import MineralGraphCore

/// Prints diagnostics in the format compilers use, so editors and CI annotate them:
///
/// ```text
/// graphs/cobalt.yaml:14:14: error: unknown country 'CDO'
///     country: CDO
///              ^
/// note: closest matches: COD (Congo, The Democratic Republic of the), ...
/// ```
///
/// Output stays bounded and safe for a terminal whatever the file holds: a long source line is
/// cut to ``excerptWidth`` columns around the caret (with `…` marks), a message or note longer
/// than ``maximumMessageLength`` characters is cut (it may quote a value from the file), at
/// most ``maximumDiagnostics`` are printed (then "… and N more errors"), and control characters
/// in messages and source lines are written as `\u{1B}`.
public struct DiagnosticRenderer: Sendable {
    /// The file's text; without it only the message lines are printed.
    public var text: String?

    /// The most diagnostics ``render(_:)-([Diagnostic])`` prints; the rest are counted.
    public static let maximumDiagnostics = 50
    /// The widest source excerpt, in characters.
    public static let excerptWidth = 120
    /// The longest message or note printed, in characters; longer ones end in
    /// "… (N more characters)".
    public static let maximumMessageLength = 400

    public init(text: String?) {
        self.text = text
    }

    /// The first ``maximumDiagnostics`` diagnostics, each followed by its source line, caret
    /// and notes, then a count of the others.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        let shown = diagnostics.prefix(Self.maximumDiagnostics)
        let lines = shown.contains { $0.location != nil } ? text.map(LineIndex.init) : nil
        var out = shown.map { render($0, lines: lines) }.joined()
        let rest = diagnostics.dropFirst(Self.maximumDiagnostics)
        if !rest.isEmpty {
            let errors = rest.filter { $0.severity == .error }.count
            let kind = errors == rest.count ? "error" : errors == 0 ? "warning" : "diagnostic"
            out += "… and \(rest.count) more \(kind)\(rest.count == 1 ? "" : "s")\n"
        }
        return out
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        render(diagnostic, lines: diagnostic.location == nil ? nil : text.map(LineIndex.init))
    }

    private func render(_ diagnostic: Diagnostic, lines: LineIndex?) -> String {
        var out = ""
        if let location = diagnostic.location {
            out += "\(location): ".escapingControlCharacters()
        }
        out += "\(diagnostic.severity.rawValue): \(Self.clipped(diagnostic.message).escapingControlCharacters())\n"
        if let location = diagnostic.location, let lines {
            out += lines.excerpt(line: location.line, column: location.column)
        }
        for note in diagnostic.notes {
            out += "note: \(Self.clipped(note).escapingControlCharacters())\n"
        }
        return out
    }

    /// `text` cut to ``maximumMessageLength`` characters (Unicode scalars).
    static func clipped(_ text: String) -> String {
        let count = text.unicodeScalars.count
        guard count > maximumMessageLength else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.prefix(maximumMessageLength))
        return String(out) + "… (\(count - maximumMessageLength) more characters)"
    }
}

/// Where the lines of a text start (as ``SourceLines`` breaks them), to print parts of them.
private struct LineIndex {
    let scalars: String.UnicodeScalarView
    let starts: [String.UnicodeScalarView.Index]

    init(_ text: String) {
        let scalars = text.unicodeScalars
        var starts = [scalars.startIndex]
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            scalars.formIndex(after: &index)
            if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" { scalars.formIndex(after: &index) }
            if SourceLines.isBreak(scalar) { starts.append(index) }
        }
        self.scalars = scalars
        self.starts = starts
    }

    /// Line `line` (at most ``DiagnosticRenderer/excerptWidth`` characters of it around
    /// `column`, with `…` where it is cut) and a caret under `column`; "" for no such line.
    func excerpt(line: Int, column: Int) -> String {
        guard line >= 1, line <= starts.count else { return "" }
        let width = DiagnosticRenderer.excerptWidth
        let caret = max(0, column - 1)
        // Enough of the line to place the window; the rest is only known to be there.
        let limit = max(caret + width / 2, width) + 1
        var head: [Unicode.Scalar] = []
        var index = starts[line - 1]
        while index < scalars.endIndex, head.count < limit, !SourceLines.isBreak(scalars[index]) {
            head.append(scalars[index])
            scalars.formIndex(after: &index)
        }
        let more = index < scalars.endIndex && !SourceLines.isBreak(scalars[index])
        let count = more ? Int.max : head.count
        let start = count > width ? max(0, min(caret - width / 2, count - width)) : 0
        let end = min(count, start + width)
        let opening = start > 0 ? "…" : "", closing = end < count ? "…" : ""
        var shown = "", padding = opening.isEmpty ? "" : " "
        for (offset, scalar) in zip(start..., head[start..<end]) {
            let cell = scalar.isControl ? scalar.escapedControl : String(scalar)
            shown += cell
            // Keep tabs so the caret lines up under the same column.
            if offset < caret { padding += scalar == "\t" ? "\t" : String(repeating: " ", count: cell.unicodeScalars.count) }
        }
        return opening + shown + closing + "\n" + padding + "^\n"
    }
}
