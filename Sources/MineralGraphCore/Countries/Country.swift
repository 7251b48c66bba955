/// A country or territory of ISO 3166-1.
public struct Country: Hashable, Sendable, Identifiable {
    /// ISO 3166-1 alpha-3 code, the form graphs store.
    public let code: CountryCode
    /// ISO 3166-1 alpha-2 code.
    public let alpha2: String
    /// ISO 3166-1 numeric code.
    public let numeric: Int
    /// Short English name, in its common form where ISO's is awkward ("Bolivia", "Taiwan").
    public let name: String
    /// ISO's short name, e.g. "Congo, The Democratic Republic of the".
    public let isoName: String
    public let officialName: String?

    public var id: CountryCode { code }
}

/// Namespace for the generated ISO 3166-1 table.
enum ISO3166 {
    struct Record {
        let alpha3: String, alpha2: String, numeric: Int, name: String
        let commonName: String?, officialName: String?
        init(_ alpha3: String, _ alpha2: String, _ numeric: Int, _ name: String,
             _ commonName: String?, _ officialName: String?) {
            (self.alpha3, self.alpha2, self.numeric, self.name) = (alpha3, alpha2, numeric, name)
            (self.commonName, self.officialName) = (commonName, officialName)
        }
    }
}
