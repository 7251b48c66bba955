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
    /// The texts of several files by name: a diagnostic or note located in one of them is
    /// printed with that file's lines, others with `text`.
    public var texts: [String: String]

    /// The most diagnostics ``render(_:)-([Diagnostic])`` prints; the rest are counted.
    public static let maximumDiagnostics = 50
    /// The widest source excerpt, in characters.
    public static let excerptWidth = 120
    /// The longest message or note printed, in characters; longer ones end in
    /// "… (N more characters)".
    public static let maximumMessageLength = 400

    public init(text: String?, texts: [String: String] = [:]) {
        self.text = text
        self.texts = texts
    }

    /// Renders diagnostics of several files, each under the lines of its own file.
    public static func render(_ diagnostics: [Diagnostic], texts: [String: String], fallback: String?) -> String {
        DiagnosticRenderer(text: fallback, texts: texts).render(diagnostics)
    }

    /// The first ``maximumDiagnostics`` diagnostics, each followed by its source line, caret
    /// and notes, then a count of the others.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var lines = LineIndexes(renderer: self)
        var out = diagnostics.prefix(Self.maximumDiagnostics).map { render($0, lines: &lines) }.joined()
        let rest = diagnostics.dropFirst(Self.maximumDiagnostics)
        if !rest.isEmpty {
            let errors = rest.filter { $0.severity == .error }.count
            let kind = errors == rest.count ? "error" : errors == 0 ? "warning" : "diagnostic"
            out += "… and \(rest.count) more \(kind)\(rest.count == 1 ? "" : "s")\n"
        }
        return out
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var lines = LineIndexes(renderer: self)
        return render(diagnostic, lines: &lines)
    }

    private func render(_ diagnostic: Diagnostic, lines: inout LineIndexes) -> String {
        var out = line(diagnostic.severity.rawValue, diagnostic.message, at: diagnostic.location, lines: &lines)
        for note in diagnostic.notes {
            out += line("note", note.message, at: note.location, lines: &lines)
        }
        return out
    }

    /// `file:line:column: kind: message`, then the source line and a caret when the file's text
    /// is known.
    private func line(_ kind: String, _ message: String, at location: SourceLocation?, lines: inout LineIndexes) -> String {
        var out = location.map { "\($0): ".escapingControlCharacters() } ?? ""
        out += "\(kind): \(Self.clipped(message).escapingControlCharacters())\n"
        if let location, let index = lines[location.file] {
            out += index.excerpt(line: location.line, column: location.column)
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

/// The line indexes of the texts a renderer knows, built when first needed.
private struct LineIndexes {
    let renderer: DiagnosticRenderer
    private var built: [String: LineIndex?] = [:]

    init(renderer: DiagnosticRenderer) {
        self.renderer = renderer
    }

    subscript(file: String) -> LineIndex? {
        mutating get {
            if let index = built[file] { return index }
            let index = (renderer.texts[file] ?? renderer.text).map(LineIndex.init)
            built[file] = index
            return index
        }
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
