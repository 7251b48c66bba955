import MineralGraphCore

/// The country-group scheme a result was computed with, printed by reports (METHODS §6 rule 2:
/// "pick the scheme per report and print it").
public struct CountryGroupingInfo: Hashable, Codable, Sendable {
    public var schemeID: String
    public var title: String
    public var source: String
    /// ISO date the memberships are valid for.
    public var asOf: String
    /// The groups reported, always including "developing excluding China" and the LDCs.
    public var groups: [CountryGroup]
    /// Set when the graph named a scheme that is not shipped and the default was used instead.
    public var note: String?

    public init(
        schemeID: String, title: String, source: String, asOf: String, groups: [CountryGroup],
        note: String? = nil
    ) {
        self.schemeID = schemeID
        self.title = title
        self.source = source
        self.asOf = asOf
        self.groups = groups
        self.note = note
    }
}

/// A row label of a country or group result: an ISO country or a `CountryGroup`.
public struct CountryOrGroup: Hashable, Codable, Sendable, Comparable {
    public enum Kind: String, Hashable, Codable, Sendable {
        case country
        case group
    }

    public var kind: Kind
    /// ISO 3166-1 alpha-3 code, or the group key (`developing-excl-china`).
    public var id: String
    /// Country short name or group title.
    public var name: String

    public init(kind: Kind, id: String, name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }

    public static func country(_ code: CountryCode) -> CountryOrGroup {
        CountryOrGroup(kind: .country, id: code.rawValue, name: CountryTable.country(code)?.name ?? code.rawValue)
    }

    public static func group(_ group: CountryGroup) -> CountryOrGroup {
        CountryOrGroup(kind: .group, id: group.rawValue, name: group.title)
    }

    /// Countries before groups; countries by code, groups in `CountryGroup` order.
    public static func < (lhs: CountryOrGroup, rhs: CountryOrGroup) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind == .country }
        if lhs.kind == .group {
            let order = CountryGroup.allCases.map(\.rawValue)
            return (order.firstIndex(of: lhs.id) ?? .max) < (order.firstIndex(of: rhs.id) ?? .max)
        }
        return lhs.id < rhs.id
    }
}

/// The scheme a pass uses: the one given in its options, else the graph's `country_scheme`,
/// else ``CountryGroupScheme/defaultScheme``.
struct CountryGrouping: Sendable {
    let scheme: CountryGroupScheme
    let info: CountryGroupingInfo

    init(override: CountryGroupScheme?, graph: SupplyGraph) {
        var note: String?
        if let override {
            scheme = override
        } else {
            do {
                scheme = try CountryGroupScheme.resolve(for: graph)
            } catch {
                // A pass cannot fail: an unvalidated graph's unknown scheme is said in the result.
                scheme = .defaultScheme
                note = "The graph names the unknown country scheme '\(error.id)'; "
                    + "'\(CountryGroupScheme.defaultScheme.id)' was used."
            }
        }
        info = CountryGroupingInfo(
            schemeID: scheme.id, title: scheme.title, source: scheme.source, asOf: scheme.asOf,
            groups: CountryGroup.allCases, note: note)
    }

    var groups: [CountryGroup] { CountryGroup.allCases }

    func contains(_ group: CountryGroup, _ country: CountryCode) -> Bool {
        scheme.contains(group, country)
    }
}
