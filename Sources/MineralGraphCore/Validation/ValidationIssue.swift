/// How serious a validation finding is.
public enum Severity: String, Comparable, Codable, Sendable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// Where in a graph a finding points: an element by its position in the graph's lists,
/// and optionally one of its fields by its file key (`"country"`, `"contained_tonnes"`).
///
/// Positions, not ids, because a duplicate id is itself a finding. The file layer turns a
/// location into `file:line:column`.
public enum GraphLocation: Hashable, Sendable {
    case graph(field: String?)
    case source(index: Int, field: String?)
    case node(index: Int, field: String?)
    case output(node: Int, index: Int, field: String?)
    case flow(index: Int, field: String?)
    case otherCountries(index: Int, field: String?)

    /// The field, by its file key (`water.<key>` for a water figure); `nil` for a whole element.
    public var field: String? {
        switch self {
        case .graph(let field), .source(_, let field), .node(_, let field), .output(_, _, let field), .flow(_, let field),
             .otherCountries(_, let field): field
        }
    }

    /// The same element without a field.
    public var element: GraphLocation {
        switch self {
        case .graph: .graph(field: nil)
        case .source(let i, _): .source(index: i, field: nil)
        case .node(let i, _): .node(index: i, field: nil)
        case .output(let n, let i, _): .output(node: n, index: i, field: nil)
        case .flow(let i, _): .flow(index: i, field: nil)
        case .otherCountries(let i, _): .otherCountries(index: i, field: nil)
        }
    }
}

/// One finding of ``GraphValidator``.
public struct ValidationIssue: Hashable, Sendable {
    public var severity: Severity
    /// Stable kebab-case code, e.g. `unknown-country`, for scripts and tests.
    public var code: ValidationCode
    public var message: String
    public var location: GraphLocation
    /// Hints printed under the message ("did you mean ...", "first defined here").
    public var notes: [String]

    public init(
        _ severity: Severity, _ code: ValidationCode, _ message: String, at location: GraphLocation,
        notes: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }
}
