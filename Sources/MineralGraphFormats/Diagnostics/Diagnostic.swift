import MineralGraphCore

/// A position in a text file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A message about a file, printed like a compiler's:
/// `graphs/x.yaml:12:7: error: unknown country 'CDO'`, then the line and a caret.
public struct Diagnostic: Hashable, Sendable, Error {
    public var severity: Severity
    /// Stable code, e.g. `unknown-key` (a ``DiagnosticCode``) or a `ValidationCode`.
    public var code: String
    public var message: String
    /// Where; `nil` for a message about the file as a whole (it cannot be read).
    public var location: SourceLocation?
    public var notes: [Note]

    /// More about a diagnostic, printed under it: advice, or a related place in a file
    /// ("first given here"), printed `file:3:1: note: …` like a compiler's.
    public struct Note: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
        public var message: String
        /// The related place, if the note points at one.
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }

        public init(stringLiteral value: String) {
            self.init(value)
        }

        public init(stringInterpolation: DefaultStringInterpolation) {
            self.init(String(stringInterpolation: stringInterpolation))
        }

        public var description: String { location.map { "\($0): \(message)" } ?? message }
    }

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
        notes: [Note] = []
    ) {
        self.init(severity, code: code.rawValue, message, at: location, notes: notes)
    }

    /// A validation finding's diagnostic.
    public init(
        _ severity: Severity, _ code: ValidationCode, _ message: String, at location: SourceLocation?,
        notes: [Note] = []
    ) {
        self.init(severity, code: code.rawValue, message, at: location, notes: notes)
    }

    /// A diagnostic whose notes are plain text.
    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, notes: [String]
    ) {
        self.init(severity, code: code.rawValue, message, at: location, notes: notes.map { Note($0) })
    }

    /// A validation finding's diagnostic whose notes are plain text.
    public init(
        _ severity: Severity, _ code: ValidationCode, _ message: String, at location: SourceLocation?, notes: [String]
    ) {
        self.init(severity, code: code.rawValue, message, at: location, notes: notes.map { Note($0) })
    }

    private init(_ severity: Severity, code: String, _ message: String, at location: SourceLocation?, notes: [Note]) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }
}

/// Reading, importing, editing or merging files failed: every problem found, in file order,
/// each printed under the lines of its own file.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    /// Errors, and the warnings found before the work gave up.
    public var diagnostics: [Diagnostic]
    /// The text of each file by its name in diagnostics' locations, for printing source lines.
    public var texts: [String: String]
    /// The text of a diagnostic whose file is not in `texts` (the file read, when only one is).
    public var text: String?

    public init(diagnostics: [Diagnostic], text: String?, texts: [String: String] = [:]) {
        self.diagnostics = diagnostics
        self.text = text
        self.texts = texts
    }

    /// The diagnostics as a compiler prints them, with source lines and carets.
    public var description: String { DiagnosticRenderer.render(diagnostics, texts: texts, fallback: text) }
}

extension Array where Element == Diagnostic {
    /// The diagnostics by line and column (stable: equal positions keep their order); those
    /// about the whole file first.
    public func inFileOrder() -> [Diagnostic] {
        enumerated().sorted {
            ($0.element.location?.line ?? 0, $0.element.location?.column ?? 0, $0.offset)
                < ($1.element.location?.line ?? 0, $1.element.location?.column ?? 0, $1.offset)
        }.map(\.element)
    }
}
