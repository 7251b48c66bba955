/// What a tonne figure measures (METHODS §0.1).
///
/// - `gross`: the product as weighed (ore, concentrate, matte, hydroxide, scrap, cells). Trade
///   data (BACI `q`, Comtrade `netWgt`) are gross.
/// - `element`: the contained element of the figure's mineral (t Co, t Cu, t Li).
/// - `compound`: a named compound or oxide equivalent (t Li₂O, t LCE, t REO, t Ta₂O₅).
///
/// Figures of two bases are never added: ``factor(to:)`` converts between the element and its
/// compounds where a stoichiometric factor is defined; gross never converts (that needs a grade,
/// which only the source can give).
public enum QuantityBasis: Hashable, Sendable, Comparable, CustomStringConvertible {
    case gross
    case element
    case compound(Compound)

    /// The spelling graph files use after `basis:`: `gross`, `element` or a compound code.
    public var code: String {
        switch self {
        case .gross: "gross"
        case .element: "element"
        case .compound(let compound): compound.code
        }
    }

    public var description: String { code }

    /// Whether the figure measures contained material (an element or a compound), not the gross product.
    public var isContained: Bool { self != .gross }

    /// The unit as reports print it for `mineral`: `t Co`, `t Li₂O`, `t REO`, `t gross`.
    public func unitLabel(for mineral: MineralID) -> String {
        switch self {
        case .gross: "t gross"
        case .element: "t " + (MineralCatalog.info(mineral)?.element ?? "contained")
        case .compound(let compound): "t " + compound.formula
        }
    }

    /// Multiply a figure on this basis by the factor to get the same material on `target`;
    /// `nil` where no factor is defined (gross against contained, a mixture such as REO against
    /// anything else, compounds of different elements).
    ///
    /// `Li₂O → element`: 0.4646; `Li₂O → LCE`: 0.4646 / 0.1879 = 2.473.
    public func factor(to target: QuantityBasis) -> Double? {
        if self == target { return 1 }
        switch (self, target) {
        case (.element, .compound(let to)):
            return to.elementFraction.map { 1 / $0 }
        case (.compound(let from), .element):
            return from.elementFraction
        case (.compound(let from), .compound(let to)):
            guard from.element != nil, from.element == to.element,
                  let a = from.elementFraction, let b = to.elementFraction else { return nil }
            return a / b
        default:
            return nil
        }
    }

    /// Reads a basis as graph files and units spell it: `gross`, `element`, `contained`, an element
    /// symbol (`Co`, taken as the element when `mineral`'s element is that symbol) or a compound
    /// code, formula or alias (`Li2O`, `Li₂O`, `LCE`, `REO`). Case-insensitive for words and codes.
    public static func parse(_ text: String, mineral: MineralID? = nil) -> QuantityBasis? {
        let trimmed = text.trimmingSpaces()
        switch trimmed.lowercased() {
        case "gross", "gross weight", "gross product": return .gross
        case "element", "contained", "content", "metal", "metal content", "element content": return .element
        default: break
        }
        if let mineral, let symbol = MineralCatalog.info(mineral)?.element, trimmed.lowercased() == symbol.lowercased() {
            return .element
        }
        return Compound.named(trimmed).map(QuantityBasis.compound)
    }

    public static func < (a: QuantityBasis, b: QuantityBasis) -> Bool {
        func rank(_ basis: QuantityBasis) -> Int {
            switch basis { case .element: 0; case .compound: 1; case .gross: 2 }
        }
        return (rank(a), a.code) < (rank(b), b.code)
    }
}

/// A tonne figure with its basis.
public struct Quantity: Hashable, Sendable {
    public var tonnes: Double
    public var basis: QuantityBasis

    public init(tonnes: Double, basis: QuantityBasis) {
        self.tonnes = tonnes
        self.basis = basis
    }

    /// The same material on `target`, or `nil` where no factor is defined (``QuantityBasis/factor(to:)``).
    public func converted(to target: QuantityBasis) -> Quantity? {
        basis.factor(to: target).map { Quantity(tonnes: tonnes * $0, basis: target) }
    }
}

extension QuantityBasis: Codable {
    /// Encoded as its ``code``.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let basis = QuantityBasis.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown quantity basis '\(text)'")
        }
        self = basis
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
