/// Edits that cannot be carried out, and why: located diagnostics, each group printed with the
/// text its locations refer to (an edit script, a command-line edit, or the edited graph).
public struct EditFailure: Error, Sendable, CustomStringConvertible {
    /// Diagnostics about one text.
    public struct Section: Sendable {
        public var diagnostics: [Diagnostic]
        /// The text the locations point into, for printing source lines and carets.
        public var text: String?

        public init(diagnostics: [Diagnostic], text: String?) {
            self.diagnostics = diagnostics
            self.text = text
        }
    }

    public var sections: [Section]

    public init(sections: [Section]) {
        self.sections = sections
    }

    public init(_ diagnostics: [Diagnostic], text: String?) {
        self.sections = [Section(diagnostics: diagnostics, text: text)]
    }

    /// Every diagnostic, in order.
    public var diagnostics: [Diagnostic] { sections.flatMap(\.diagnostics) }

    /// The diagnostics as a compiler prints them, with source lines and carets.
    public var description: String {
        sections.map { DiagnosticRenderer(text: $0.text).render($0.diagnostics) }.joined()
    }
}
