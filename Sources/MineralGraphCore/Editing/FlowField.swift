/// A field of a flow that an edit can change, named as in graph files (``FlowKey``).
public enum FlowField: CaseIterable, Hashable, Sendable, CustomStringConvertible, RawRepresentable {
    case from
    case to
    case mineral
    case product
    case tonnes
    case containedTonnes
    case valueUSD
    case type
    case source
    case notes
    /// Shorthand for scaling: tonnes, contained tonnes and value together.
    case quantity

    /// The graph-file key of the field; `nil` for the `quantity` shorthand.
    public var key: FlowKey? {
        switch self {
        case .from: .from
        case .to: .to
        case .mineral: .mineral
        case .product: .product
        case .tonnes: .tonnes
        case .containedTonnes: .containedTonnes
        case .valueUSD: .valueUSD
        case .type: .type
        case .source: .source
        case .notes: .notes
        case .quantity: nil
        }
    }

    /// The field as written in an edit: its file key, or `quantity`.
    public var rawValue: String { key?.rawValue ?? "quantity" }

    public init?(rawValue: String) {
        guard let field = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = field
    }

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
