import MineralGraphCore

/// Where each element and field of a graph stands in the file it was read from.
public struct SourceMap: Sendable {
    public let file: String
    private var positions: [GraphLocation: SourceLocation] = [:]
    private var layouts: [GraphLocation: ValueLayout] = [:]

    public init(file: String) {
        self.file = file
    }

    mutating func record(_ location: GraphLocation, line: Int, column: Int) {
        positions[location] = SourceLocation(file: file, line: line, column: column)
    }

    mutating func record(_ location: GraphLocation, layout: ValueLayout) {
        positions[location] = layout.value
        layouts[location] = layout
    }

    /// How the element or field at exactly `location` is written (its key, its value's start
    /// and style); `nil` when the file does not have it. Fields of a node's `water` block are
    /// `.node(index:field:)` locations with fields such as `"water.aware_cf"`.
    public func layout(of location: GraphLocation) -> ValueLayout? {
        layouts[location]
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
