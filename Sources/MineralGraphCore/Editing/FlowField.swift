/// A field of a flow that an edit can change, named as in graph files.
public enum FlowField: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case from
    case to
    case mineral
    case product
    case tonnes
    case containedTonnes = "contained_tonnes"
    case valueUSD = "value_usd"
    case type
    case source
    case notes
    /// Shorthand for scaling: tonnes, contained tonnes and value together.
    case quantity

    /// Whether `*=` can scale the field.
    public var isScalable: Bool {
        switch self {
        case .tonnes, .containedTonnes, .valueUSD, .quantity: true
        default: false
        }
    }

    /// Whether the field is a single number that `+=` can add to.
    public var isSingleQuantity: Bool { isScalable && self != .quantity }

    public var description: String { rawValue }
}
