import MineralGraphCore

/// A graph as read from a file: the graph, the comment block at the top of the file, and
/// where everything stands in the file.
public struct GraphDocument: Sendable {
    public var graph: SupplyGraph
    /// The `#` comment lines (and blank lines between them) before the first key, without
    /// trailing newlines; the canonical writer puts them back.
    public var headerComment: [String]
    public var sourceMap: SourceMap
    /// The text the graph was read from, for printing source lines under diagnostics.
    public var text: String

    public init(graph: SupplyGraph, headerComment: [String] = [], sourceMap: SourceMap, text: String) {
        self.graph = graph
        self.headerComment = headerComment
        self.sourceMap = sourceMap
        self.text = text
    }

    /// Validation findings as located diagnostics.
    public func validate(_ validator: GraphValidator = GraphValidator()) -> [Diagnostic] {
        validator.run(on: graph).map(sourceMap.diagnostic(for:))
    }
}
