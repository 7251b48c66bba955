/// The water quantities kept apart throughout (METHODS §5.2).
public enum WaterQuantity: String, CaseIterable, Hashable, Codable, Sendable {
    /// Freshwater withdrawn (GRI 303-3), m³.
    case withdrawal
    /// Freshwater consumed (withdrawal − discharge, GRI 303-5), m³.
    case consumption
    /// Consumption × AWARE factor of the node where it is consumed: the water scarcity
    /// footprint (ISO 14046), m³ world-eq. AWARE applies to consumption only, never to
    /// withdrawal, and Aqueduct BWS is never multiplied with consumption (METHODS §5.2).
    case scarcityWeightedConsumption = "aware-consumption"
    /// Brine pumped from salars, m³: not freshwater, excluded from freshwater totals.
    case brine
    /// Seawater or desalinated water, m³: not freshwater, excluded from freshwater totals.
    case seawater

    /// Unit of absolute amounts.
    public var unit: String { self == .scarcityWeightedConsumption ? "m3 world-eq" : "m3" }

    /// Whether the quantity is freshwater (brine and seawater are not).
    public var isFreshwater: Bool { self != .brine && self != .seawater }
}

/// One value per ``WaterQuantity``.
public struct PerWaterQuantity<Value: Hashable & Codable & Sendable>: Hashable, Codable, Sendable {
    public var withdrawal: Value
    public var consumption: Value
    /// In m³ world-eq where `Value` is an amount.
    public var scarcityWeightedConsumption: Value
    public var brine: Value
    public var seawater: Value

    public init(_ make: (WaterQuantity) throws -> Value) rethrows {
        withdrawal = try make(.withdrawal)
        consumption = try make(.consumption)
        scarcityWeightedConsumption = try make(.scarcityWeightedConsumption)
        brine = try make(.brine)
        seawater = try make(.seawater)
    }

    public subscript(quantity: WaterQuantity) -> Value {
        get {
            switch quantity {
            case .withdrawal: withdrawal
            case .consumption: consumption
            case .scarcityWeightedConsumption: scarcityWeightedConsumption
            case .brine: brine
            case .seawater: seawater
            }
        }
        // Edits in place: with a plain `set`, `sums[quantity].append(x)` would copy the whole
        // array on every append (get a copy, append, set back), quadratic in the nodes.
        _modify {
            switch quantity {
            case .withdrawal: yield &withdrawal
            case .consumption: yield &consumption
            case .scarcityWeightedConsumption: yield &scarcityWeightedConsumption
            case .brine: yield &brine
            case .seawater: yield &seawater
            }
        }
    }

    public func map<T>(_ transform: (Value) throws -> T) rethrows -> PerWaterQuantity<T> {
        try PerWaterQuantity<T> { try transform(self[$0]) }
    }
}
