/// Which flows an edit applies to: `flow[FROM->TO]` or `flow[FROM->TO:MINERAL]` (exactly one)
/// or `flows[FILTERS]` (one or more, every filter must pass). A trailing `?` lets the
/// selection be empty.
public struct FlowSelector: Hashable, Sendable, CustomStringConvertible {
    /// Every condition must hold; an empty list selects every flow.
    public var conditions: [FlowCondition]
    /// `flow[...]`: the selection must be exactly one flow.
    public var isSingle: Bool
    /// `?`: selecting nothing is not an error (the edit then does nothing).
    public var allowsEmpty: Bool

    public init(conditions: [FlowCondition], isSingle: Bool = false, allowsEmpty: Bool = false) {
        self.conditions = conditions
        self.isSingle = isSingle
        self.allowsEmpty = allowsEmpty
    }

    /// `flow[FROM->TO]` or `flow[FROM->TO:MINERAL]`.
    public static func between(
        _ from: String, _ to: String, mineral: MineralID? = nil, allowsEmpty: Bool = false
    ) -> FlowSelector {
        FlowSelector(
            conditions: [.from(.id([from])), .to(.id([to]))] + (mineral.map { [.mineral([$0])] } ?? []),
            isSingle: true, allowsEmpty: allowsEmpty)
    }

    /// Whether `flow` passes every condition; `nodes` finds its end nodes by id.
    public func matches(_ flow: Flow, nodes: [String: Node]) -> Bool {
        conditions.allSatisfy { $0.matches(flow, nodes: nodes) }
    }

    /// The selector as written in an edit.
    public var description: String {
        let suffix = allowsEmpty ? "?" : ""
        if isSingle, let (from, to, mineral) = endpoints {
            let quote = { EditSpelling.quoted($0, ifContaining: "]:->") }
            return "flow[" + quote(from) + "->" + quote(to) + (mineral.map { ":" + $0.rawValue } ?? "") + "]" + suffix
        }
        return "flows[" + conditions.map(\.description).joined(separator: ",") + "]" + suffix
    }

    /// The ends and mineral of a `flow[FROM->TO:MINERAL]` selector.
    private var endpoints: (String, String, MineralID?)? {
        guard conditions.count == 2 || conditions.count == 3,
            case .from(.id(let from)) = conditions[0], from.count == 1,
            case .to(.id(let to)) = conditions[1], to.count == 1
        else { return nil }
        if conditions.count == 2 { return (from[0], to[0], nil) }
        guard case .mineral(let minerals) = conditions[2], minerals.count == 1 else { return nil }
        return (from[0], to[0], minerals[0])
    }
}
