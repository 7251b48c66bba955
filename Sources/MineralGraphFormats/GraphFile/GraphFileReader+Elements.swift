import MineralGraphCore

extension GraphFileReader {
    /// Reads one node written in YAML, usually a flow mapping such as
    /// `{id: mar-refinery, kind: processor, country: Morocco}`, with the checks and
    /// normalisations of a node in a graph file (country names become alpha-3 codes).
    /// Diagnostics count lines and columns in `yaml`.
    public func readNode(yaml: String, file: String) throws(DiagnosticError) -> MineralGraphCore.Node {
        try readElement(yaml, file: file) { decoding, root in decoding.node(root, index: 0) }
    }

    /// Reads one flow written in YAML, such as `{from: a, to: b, mineral: cobalt}`, with the
    /// checks and normalisations of a flow in a graph file.
    public func readFlow(yaml: String, file: String) throws(DiagnosticError) -> Flow {
        try readElement(yaml, file: file) { decoding, root in decoding.flow(root, index: 0) }
    }

    private func readElement<T>(
        _ yaml: String, file: String, _ decode: (inout Decoding, YAMLNode) -> T?
    ) throws(DiagnosticError) -> T {
        var decoding = Decoding(file: file)
        let root = try decoding.compose(yaml, kind: "graph files")
        guard let root, !decoding.isNull(root) else {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .empty, "expected a mapping such as {id: x, ...}", at: SourceLocation(file: file, line: 1, column: 1))],
                text: yaml)
        }
        let value = decode(&decoding, root)
        if let value, decoding.diagnostics.isEmpty { return value }
        throw DiagnosticError(diagnostics: decoding.sortedDiagnostics, text: yaml)
    }
}
