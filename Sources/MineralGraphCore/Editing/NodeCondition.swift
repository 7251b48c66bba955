/// One filter of a node selector, such as `country=COD` or `kind=mine|processor`: a node
/// passes when it has one of the listed values (with `!=`, when it has none of them).
public indirect enum NodeCondition: Hashable, Sendable, CustomStringConvertible {
    case id([String])
    case country([CountryCode])
    /// Kind keywords; `waste` matches every waste destination, `waste/landfill` one fate.
    case kind([String])
    /// Minerals the node lists among its outputs.
    case mineral([MineralID])
    case fate([WasteFate])
    case stage([Stage])
    /// `KEY!=VALUE`: the node does not pass the condition.
    case not(NodeCondition)

    /// Whether `node` passes the filter.
    public func matches(_ node: Node) -> Bool {
        switch self {
        case .id(let ids): ids.contains(node.id)
        case .country(let codes): codes.contains(node.country)
        case .kind(let kinds):
            kinds.contains(node.kind.keyword)
                || node.kind.fate.map { kinds.contains("waste/" + $0.rawValue) } == true
        case .mineral(let minerals): minerals.contains { node.outputs($0) }
        case .fate(let fates): node.kind.fate.map(fates.contains) ?? false
        case .stage(let stages): stages.contains(node.stage)
        case .not(let condition): !condition.matches(node)
        }
    }

    /// The filter's key in selectors.
    public var key: String {
        switch self {
        case .id: "id"
        case .country: "country"
        case .kind: "kind"
        case .mineral: "mineral"
        case .fate: "fate"
        case .stage: "stage"
        case .not(let condition): condition.key
        }
    }

    /// The listed values, as written in selectors.
    public var values: [String] {
        switch self {
        case .id(let ids): ids
        case .country(let codes): codes.map(\.rawValue)
        case .kind(let kinds): kinds
        case .mineral(let minerals): minerals.map(\.rawValue)
        case .fate(let fates): fates.map(\.rawValue)
        case .stage(let stages): stages.map(\.rawValue)
        case .not(let condition): condition.values
        }
    }

    /// `key=value|value`, or `key!=value|value`.
    public var description: String {
        var negated = false
        if case .not = self { negated = true }
        return key + (negated ? "!=" : "=") + values.map { EditSpelling.quoted($0, ifContaining: ",]|=") }.joined(separator: "|")
    }
}
