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
    /// Stable code, e.g. `unknown-key` (a ``DiagnosticCode``) or a ``ValidationCode``.
    public var code: String
    public var message: String
    /// Where; `nil` for a message about the file as a whole (it cannot be read).
    public var location: SourceLocation?
    public var notes: [String]

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation?,
        notes: [String] = []
    ) {
        self.init(severity, code: code.rawValue, message, at: location, notes: notes)
    }

    /// A validation finding's diagnostic.
    public init(
        _ severity: Severity, _ code: ValidationCode, _ message: String, at location: SourceLocation?,
        notes: [String] = []
    ) {
        self.init(severity, code: code.rawValue, message, at: location, notes: notes)
    }

    private init(_ severity: Severity, code: String, _ message: String, at location: SourceLocation?, notes: [String]) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }
}

/// Reading a graph or scenario file failed; every problem found is listed, in file order.
public struct GraphFileError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// The file's text, for rendering source lines under the messages.
    public var text: String?

    public init(diagnostics: [Diagnostic], text: String?) {
        self.diagnostics = diagnostics
        self.text = text
    }

    public var description: String {
        DiagnosticRenderer(text: text).render(diagnostics)
    }
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
