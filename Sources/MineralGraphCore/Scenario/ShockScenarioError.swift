/// A scenario that does not fit the graph it is run on: a cut fraction outside 0…1, a selector
/// that matches no node, a mineral or country the graph does not have.
///
/// The message names the shock (1-based, in scenario order) or spare-capacity entry, so that the
/// scenario file can be fixed; the scenario reader adds the file position where it has one.
public struct ShockScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which list of the scenario the faulty entry is in.
    public enum Part: String, Hashable, Codable, Sendable {
        case shock
        case spare
    }

    public var part: Part
    /// 0-based index in `Scenario.shocks` or `Scenario.spareCapacity`.
    public var index: Int
    public var message: String

    public init(_ part: Part, index: Int, _ message: String) {
        self.part = part
        self.index = index
        self.message = message
    }

    /// `shock 2 (cut id=X by 150 %): fraction 1.5 is outside 0…1`.
    public var description: String { "\(part.rawValue) \(index + 1): \(message)" }
}
