/// A graph after edits, with where each of its elements came from and what each edit did.
public struct GraphEditResult: Hashable, Sendable {
    /// What one edit did.
    public struct Report: Hashable, Sendable {
        /// How many nodes or flows the edit selected, added or renamed.
        public var elementCount: Int
        /// Things worth telling the user: flows removed with a node, values left missing.
        public var notes: [String]

        public init(elementCount: Int = 0, notes: [String] = []) {
            self.elementCount = elementCount
            self.notes = notes
        }
    }

    public var graph: SupplyGraph
    /// For each node of ``graph``, its index in the graph before the edits; `nil` for added nodes.
    public var nodeOrigins: [Int?]
    /// For each flow of ``graph``, its index in the graph before the edits; `nil` for added flows.
    public var flowOrigins: [Int?]
    /// One report per edit applied, in order.
    public var reports: [Report]

    /// The state before any edit: every element is its own origin.
    public init(original graph: SupplyGraph) {
        self.graph = graph
        self.nodeOrigins = graph.nodes.indices.map { $0 }
        self.flowOrigins = graph.flows.indices.map { $0 }
        self.reports = []
    }
}
