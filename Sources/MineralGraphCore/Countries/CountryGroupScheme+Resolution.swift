/// A country-group scheme id that mineral-graph does not ship.
public struct UnknownCountryGroupScheme: Error, Hashable, Sendable, CustomStringConvertible {
    public let id: String

    public init(id: String) {
        self.id = id
    }

    /// The ids of ``CountryGroupScheme/all``.
    public var known: [String] { CountryGroupScheme.all.map(\.id) }

    public var description: String {
        "unknown country-group scheme '\(id)' (known: " + known.joined(separator: ", ") + ")"
    }
}

extension CountryGroupScheme {
    /// The scheme a graph is read with — the one resolution every report, pass and diagram
    /// uses: `id` when given (a command's `--scheme`), else the graph's `country_scheme`, else
    /// ``defaultScheme``. An unknown id, from either, is an error; nothing falls back silently.
    public static func resolve(_ id: String? = nil, for graph: SupplyGraph) throws(UnknownCountryGroupScheme) -> CountryGroupScheme {
        guard let id = id ?? graph.countryScheme else { return defaultScheme }
        guard let scheme = named(id) else { throw UnknownCountryGroupScheme(id: id) }
        return scheme
    }
}
