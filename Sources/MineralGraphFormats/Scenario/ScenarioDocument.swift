import MineralGraphCore

/// A scenario as read from a file: the scenario, where its parts stand in the file, and the
/// text, for printing source lines under diagnostics.
public struct ScenarioDocument: Sendable {
    public var scenario: Scenario
    public var sourceMap: ScenarioSourceMap
    public var text: String

    public init(scenario: Scenario, sourceMap: ScenarioSourceMap, text: String) {
        self.scenario = scenario
        self.sourceMap = sourceMap
        self.text = text
    }
}

/// A part of a scenario file. Fields are dotted paths below the shock or spare entry:
/// `"cut"` is a shock's node selector, `"cut.country"` one of its filters and `"cut.country.1"`
/// the filter's second value; `"ban"` is a ban's country and `"to.0"` its first destination;
/// `"nodes"` a spare entry's selector. Plain fields are their key (`"fraction"`, `"mineral"`).
public enum ScenarioLocation: Hashable, Sendable {
    case scenario(field: String?)
    case shock(index: Int, field: String?)
    case spare(index: Int, field: String?)

    /// The location one level up: `cut.country.1` → `cut.country` → `cut` → the shock → the
    /// scenario.
    public var parent: ScenarioLocation? {
        func up(_ field: String?) -> String?? {
            guard let field else { return nil }
            guard let dot = field.lastIndex(of: ".") else { return .some(nil) }
            return .some(String(field[..<dot]))
        }
        switch self {
        case .scenario(let field): return up(field).map { .scenario(field: $0) }
        case .shock(let index, let field): return up(field).map { .shock(index: index, field: $0) } ?? .scenario(field: "shocks")
        case .spare(let index, let field): return up(field).map { .spare(index: index, field: $0) } ?? .scenario(field: "spare")
        }
    }
}

/// Where each part of a scenario stands in the file it was read from.
public struct ScenarioSourceMap: Sendable {
    public let file: String
    private var positions: [ScenarioLocation: SourceLocation] = [:]

    public init(file: String) {
        self.file = file
    }

    mutating func record(_ location: ScenarioLocation, _ position: SourceLocation) {
        positions[location] = position
    }

    /// The position of `location`, else of the nearest enclosing part that was recorded, else
    /// the file's start.
    public func location(of location: ScenarioLocation) -> SourceLocation {
        var current: ScenarioLocation? = location
        while let here = current {
            if let position = positions[here] { return position }
            current = here.parent
        }
        return SourceLocation(file: file, line: 1, column: 1)
    }
}
