/// Which nodes an edit applies to: `node[ID]` (exactly one) or `nodes[FILTERS]` (one or more,
/// every filter must pass). A trailing `?` lets the selection be empty.
public struct NodeSelector: Hashable, Sendable, CustomStringConvertible {
    /// Every condition must hold; an empty list selects every node.
    public var conditions: [NodeCondition]
    /// `node[ID]`: the selection must be exactly one node.
    public var isSingle: Bool
    /// `?`: selecting nothing is not an error (the edit then does nothing).
    public var allowsEmpty: Bool

    public init(conditions: [NodeCondition], isSingle: Bool = false, allowsEmpty: Bool = false) {
        self.conditions = conditions
        self.isSingle = isSingle
        self.allowsEmpty = allowsEmpty
    }

    /// `node[ID]`.
    public static func id(_ id: String, allowsEmpty: Bool = false) -> NodeSelector {
        NodeSelector(conditions: [.id([id])], isSingle: true, allowsEmpty: allowsEmpty)
    }

    /// Whether `node` passes every condition.
    public func matches(_ node: Node) -> Bool {
        conditions.allSatisfy { $0.matches(node) }
    }

    /// The selector as written in an edit.
    public var description: String {
        let suffix = allowsEmpty ? "?" : ""
        if isSingle, conditions.count == 1, case .id(let ids) = conditions[0], ids.count == 1 {
            return "node[" + EditSpelling.quoted(ids[0], ifContaining: "]") + "]" + suffix
        }
        return "nodes[" + conditions.map(\.description).joined(separator: ",") + "]" + suffix
    }
}
