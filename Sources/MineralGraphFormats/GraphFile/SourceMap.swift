import MineralGraphCore

/// Where each element and field of a graph stands in the file it was read from.
public struct SourceMap: Sendable {
    public let file: String
    private var positions: [GraphLocation: SourceLocation] = [:]

    public init(file: String) {
        self.file = file
    }

    mutating func record(_ location: GraphLocation, line: Int, column: Int) {
        positions[location] = SourceLocation(file: file, line: line, column: column)
    }

    /// The position of a field, else of its element, else of the graph's start.
    public func location(of location: GraphLocation) -> SourceLocation {
        positions[location] ?? positions[location.element]
            ?? positions[.graph(field: nil)] ?? SourceLocation(file: file, line: 1, column: 1)
    }

    /// A validation finding as a located diagnostic.
    public func diagnostic(for issue: ValidationIssue) -> Diagnostic {
        Diagnostic(issue.severity, issue.code, issue.message, at: location(of: issue.location), notes: issue.notes)
    }
}
