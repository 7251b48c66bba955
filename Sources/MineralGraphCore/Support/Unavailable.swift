/// Why a metric has no value: METHODS §0 asks for `null` plus a reason code, never a
/// silent zero.
///
/// Results hold `Double?` (or another optional) for the value and an `Unavailable` beside it
/// when the value is `nil`; reports print the reason where the number would stand.
public struct Unavailable: Hashable, Codable, Sendable, Error, CustomStringConvertible {
    /// Stable upper-snake-case code from METHODS where it names one (`SHARES_EXCEED_ONE`,
    /// `NO_SUPPLY`, `MISSING_VALUE` ...): the raw value of a ``ReasonCode``.
    public var code: String
    /// One sentence for people.
    public var reason: String

    public init(_ code: ReasonCode, _ reason: String) {
        self.init(code.rawValue, reason)
    }

    /// A code given as text (a code read back from a report; ``ReasonCode`` names the ones
    /// the passes give).
    public init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The code as a ``ReasonCode``, when it is one.
    public var reasonCode: ReasonCode? { ReasonCode(rawValue: code) }

    public var description: String { "\(code): \(reason)" }
}
