/// Developed or developing, the split the DER 2024 reports by.
public enum DevelopmentStatus: String, CaseIterable, Codable, Sendable {
    case developed
    case developing
}

/// A group that metrics are aggregated over (METHODS §2.6, §6).
///
/// Besides the two halves of a scheme, "developing excluding China" is always offered because
/// China is developing under UNCTAD's classification yet the dominant processor, and can
/// reverse a developing-group result; LDCs are the DER's other framing.
public enum CountryGroup: String, CaseIterable, Codable, Sendable {
    case developed
    case developing
    case developingExcludingChina = "developing-excl-china"
    case leastDeveloped = "ldc"

    public var title: String {
        switch self {
        case .developed: "Developed economies"
        case .developing: "Developing economies"
        case .developingExcludingChina: "Developing economies excluding China"
        case .leastDeveloped: "Least developed countries (LDCs)"
        }
    }
}

/// A versioned classification of countries into development groups, with its source.
///
/// Memberships change (the Republic of Korea moved to "developed" at UNCTAD in 2021; LDCs
/// graduate), so every scheme carries the date its lists are valid for, and reports print it.
///
/// Former countries (ISO 3166-3) are classified through their successors (tool convention: no
/// scheme classifies entities that no longer exist): a historical entry belongs to a group when
/// all its successors do (Czechoslovakia → Czechia and Slovakia, developed; Zaire → DR Congo,
/// developing and LDC); where the successors differ, its continuator decides (the USSR follows
/// the Russian Federation); otherwise it is developing, the scheme's "all others".
public struct CountryGroupScheme: Sendable, Identifiable {
    /// Stable key used in graph files (`country_scheme:`) and on the command line.
    public let id: String
    public let title: String
    /// Citation of the classification.
    public let source: String
    /// ISO date the memberships are valid for.
    public let asOf: String
    /// The developed economies as the classification lists them.
    public let developed: Set<CountryCode>
    /// The least developed countries as the classification lists them.
    public let leastDeveloped: Set<CountryCode>
    /// `developed` with the former countries that inherit the status from their successors.
    private let developedWithFormer: Set<CountryCode>
    /// `leastDeveloped` with the former countries that inherit it.
    private let leastDevelopedWithFormer: Set<CountryCode>

    public init(
        id: String, title: String, source: String, asOf: String,
        developed: Set<CountryCode>, leastDeveloped: Set<CountryCode>
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.asOf = asOf
        self.developed = developed
        self.leastDeveloped = leastDeveloped
        var developedWithFormer = developed
        var leastDevelopedWithFormer = leastDeveloped
        for former in CountryTable.historical where !former.successors.isEmpty {
            if Self.inherits(former, from: developed) { developedWithFormer.insert(former.code) }
            if Self.inherits(former, from: leastDeveloped) { leastDevelopedWithFormer.insert(former.code) }
        }
        self.developedWithFormer = developedWithFormer
        self.leastDevelopedWithFormer = leastDevelopedWithFormer
    }

    /// Whether a former country belongs to `members`: all its successors do, or, where they
    /// differ, its continuator does.
    private static func inherits(_ former: Country, from members: Set<CountryCode>) -> Bool {
        let inside = former.successors.filter { members.contains($0) }.count
        if inside == former.successors.count { return true }
        if inside == 0 { return false }
        return former.continuator.map { members.contains($0) } ?? false
    }

    /// Developed if listed (or a former country whose successors are), developing otherwise
    /// (the scheme's "all the others").
    public func status(of country: CountryCode) -> DevelopmentStatus {
        developedWithFormer.contains(country) ? .developed : .developing
    }

    public func isLeastDeveloped(_ country: CountryCode) -> Bool {
        leastDevelopedWithFormer.contains(country)
    }

    /// Whether `country` belongs to `group` under this scheme.
    public func contains(_ group: CountryGroup, _ country: CountryCode) -> Bool {
        switch group {
        case .developed: status(of: country) == .developed
        case .developing: status(of: country) == .developing
        case .developingExcludingChina: status(of: country) == .developing && country != "CHN"
        case .leastDeveloped: isLeastDeveloped(country)
        }
    }

    /// The groups `country` belongs to, in ``CountryGroup`` order.
    public func groups(of country: CountryCode) -> [CountryGroup] {
        CountryGroup.allCases.filter { contains($0, country) }
    }

    /// Every scheme mineral-graph ships; the first is the default.
    public static let all: [CountryGroupScheme] = [.unctadDER2024]

    public static let defaultScheme = unctadDER2024

    /// The scheme with `id`, if shipped.
    public static func named(_ id: String) -> CountryGroupScheme? {
        all.first { $0.id == id }
    }
}
