/// One filter of a flow selector, such as `mineral=cobalt` or `from.country=IDN`: a flow
/// passes when it has one of the listed values (with `!=`, when it has none of them).
public indirect enum FlowCondition: Hashable, Sendable, CustomStringConvertible {
    /// A condition on the source node: `from=ID` (``NodeCondition/id(_:)``) or `from.country=...`.
    case from(NodeCondition)
    /// A condition on the destination node: `to=ID` or `to.kind=...`.
    case to(NodeCondition)
    case mineral([MineralID])
    case type([FlowType])
    case product([String])
    /// `KEY!=VALUE` for a flow key (`mineral!=cobalt`); node keys negate inside ``from(_:)``
    /// and ``to(_:)`` (`to.country!=IDN` is `.to(.not(.country(["IDN"])))`).
    case not(FlowCondition)

    /// Whether `flow` passes; `nodes` finds the flow's end nodes by id.
    public func matches(_ flow: Flow, nodes: [String: Node]) -> Bool {
        switch self {
        case .from(let condition): Self.end(flow.from, condition, nodes)
        case .to(let condition): Self.end(flow.to, condition, nodes)
        case .mineral(let minerals): minerals.contains(flow.mineral)
        case .type(let types): types.contains(flow.type)
        case .product(let products): flow.product.map(products.contains) ?? false
        case .not(let condition): !condition.matches(flow, nodes: nodes)
        }
    }

    /// Ids compare with the flow's text, so that a flow to a missing node can still be picked;
    /// other conditions need the node.
    private static func end(_ id: String, _ condition: NodeCondition, _ nodes: [String: Node]) -> Bool {
        switch condition {
        case .id(let ids): ids.contains(id)
        case .not(let inner): !end(id, inner, nodes)
        default: nodes[id].map(condition.matches) ?? false
        }
    }

    /// `key=value|value`, with `from.`/`to.` before node keys other than `id`.
    public var description: String {
        func list(_ values: [String]) -> String {
            values.map { EditSpelling.quoted($0, ifContaining: ",]|=") }.joined(separator: "|")
        }
        switch self {
        case .from(.id(let ids)): return "from=" + list(ids)
        case .to(.id(let ids)): return "to=" + list(ids)
        case .from(.not(.id(let ids))): return "from!=" + list(ids)
        case .to(.not(.id(let ids))): return "to!=" + list(ids)
        case .from(let condition): return "from." + condition.description
        case .to(let condition): return "to." + condition.description
        case .mineral(let minerals): return "mineral=" + list(minerals.map(\.rawValue))
        case .type(let types): return "type=" + list(types.map(\.rawValue))
        case .product(let products): return "product=" + list(products)
        case .not(let condition): return condition.description.replacingFirst("=", with: "!=")
        }
    }
}

extension String {
    /// The string with its first `target` replaced.
    fileprivate func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let index = firstIndex(of: target) else { return self }
        return String(self[..<index]) + replacement + String(self[self.index(after: index)...])
    }
}
