/// What happens to material that reaches a waste destination.
public enum WasteFate: String, CaseIterable, Codable, Sendable {
    case recycling
    case landfill
    /// Informal collection, dismantling or burning outside regulated facilities.
    case informal
    case incineration
}

/// The kind of a facility or country-stage aggregate in a supply graph.
public enum NodeKind: Hashable, Codable, Sendable {
    /// Extracts ore or brine.
    case mine
    /// Refines, smelts or otherwise processes a mineral (refiner, smelter, converter).
    case processor
    /// Turns refined material into components or products (cathodes, cells, magnets, devices).
    case manufacturer
    /// Final use: where products are consumed and, at end of life, discarded.
    case consumer
    /// Where waste goes, with its fate.
    case wasteDestination(WasteFate)

    /// The stage this kind of node belongs to.
    public var stage: Stage {
        switch self {
        case .mine: .mining
        case .processor: .processing
        case .manufacturer: .manufacturing
        case .consumer: .use
        case .wasteDestination: .waste
        }
    }

    /// The keyword used for this kind in graph files (`kind:`); the fate is written separately.
    public var keyword: String {
        switch self {
        case .mine: "mine"
        case .processor: "processor"
        case .manufacturer: "manufacturer"
        case .consumer: "consumer"
        case .wasteDestination: "waste"
        }
    }

    /// The kind written as `keyword` (and, for `waste`, `fate`); `nil` for an unknown keyword
    /// or a waste destination without a fate.
    public init?(keyword: String, fate: WasteFate?) {
        switch keyword {
        case "mine": self = .mine
        case "processor": self = .processor
        case "manufacturer": self = .manufacturer
        case "consumer": self = .consumer
        case "waste":
            guard let fate else { return nil }
            self = .wasteDestination(fate)
        default: return nil
        }
    }

    /// Every keyword accepted for `kind:`.
    public static let keywords = ["mine", "processor", "manufacturer", "consumer", "waste"]

    /// The waste fate, for waste destinations.
    public var fate: WasteFate? {
        if case .wasteDestination(let fate) = self { return fate }
        return nil
    }
}
