import MineralGraphCore

/// A number that may be unavailable: either a value or `nil` and the reason (METHODS §0).
///
/// Passes never write a silent zero for a missing input. A `MetricValue` carries the value, or
/// the `Unavailable` reason code that reports print where the number would stand, and whether
/// the value rests on a default supplied through an option instead of graph data (`imputed`).
///
/// JSON form: `{"value": 12.5}`, `{"value": 12.5, "imputed": true}` or
/// `{"unavailable": {"code": "MISSING_VALUE", "reason": "..."}}`.
public struct MetricValue: Hashable, Codable, Sendable, CustomStringConvertible {
    public var value: Double?
    /// Why `value` is `nil`; `nil` whenever `value` is present.
    public var unavailable: Unavailable?
    /// True when the value depends on a default supplied by an option (METHODS §5.4 "imputed").
    public var imputed: Bool

    /// An available value.
    public init(_ value: Double, imputed: Bool = false) {
        self.value = value
        self.unavailable = nil
        self.imputed = imputed
    }

    /// An unavailable value and its reason.
    public init(unavailable: Unavailable) {
        self.value = nil
        self.unavailable = unavailable
        self.imputed = false
    }

    /// An unavailable value with `code` and `reason`.
    public static func unavailable(_ code: ReasonCode, _ reason: String) -> MetricValue {
        MetricValue(unavailable: Unavailable(code, reason))
    }

    /// The value, or `reason` when `value` is `nil`.
    public init(_ value: Double?, imputed: Bool = false, else reason: @autoclosure () -> Unavailable) {
        if let value {
            self.init(value, imputed: imputed)
        } else {
            self.init(unavailable: reason())
        }
    }

    /// Applies `transform` to an available value; keeps the reason otherwise.
    public func map(_ transform: (Double) -> Double) -> MetricValue {
        guard let value else { return self }
        return MetricValue(transform(value), imputed: imputed)
    }

    /// Combines two values with `transform`; the first unavailable operand gives the reason.
    public func combined(with other: MetricValue, _ transform: (Double, Double) -> Double) -> MetricValue {
        guard let a = value else { return self }
        guard let b = other.value else { return other }
        return MetricValue(transform(a, b), imputed: imputed || other.imputed)
    }

    /// `self / denominator`, unavailable with `code` and `reason` when the denominator is 0.
    public func divided(by denominator: MetricValue, ifZero code: ReasonCode, _ reason: String) -> MetricValue {
        divided(by: denominator, ifZero: Unavailable(code, reason))
    }

    private func divided(by denominator: MetricValue, ifZero zero: @autoclosure () -> Unavailable) -> MetricValue {
        guard let a = value else { return self }
        guard let b = denominator.value else { return denominator }
        guard b != 0 else { return MetricValue(unavailable: zero()) }
        return MetricValue(a / b, imputed: imputed || denominator.imputed)
    }

    public var description: String {
        if let value { return imputed ? "\(value) (imputed)" : "\(value)" }
        return unavailable?.description ?? "unavailable"
    }

    private enum CodingKeys: String, CodingKey { case value, unavailable, imputed }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        unavailable = try container.decodeIfPresent(Unavailable.self, forKey: .unavailable)
        imputed = try container.decodeIfPresent(Bool.self, forKey: .imputed) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(unavailable, forKey: .unavailable)
        if imputed { try container.encode(true, forKey: .imputed) }
    }
}
