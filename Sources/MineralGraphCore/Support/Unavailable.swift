/// Why a metric has no value: METHODS §0 asks for `null` plus a reason code, never a
/// silent zero.
///
/// Results hold `Double?` (or another optional) for the value and an `Unavailable` beside it
/// when the value is `nil`; reports print the reason where the number would stand.
public struct Unavailable: Hashable, Codable, Sendable, Error, CustomStringConvertible {
    /// Stable upper-snake-case code from METHODS where it names one (`SHARES_EXCEED_ONE`,
    /// `NO_SUPPLY`, `MISSING_VALUE` ...); encoded as its raw value.
    public var code: ReasonCode
    /// One sentence for people.
    public var reason: String

    public init(_ code: ReasonCode, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code): \(reason)" }
}
