/// A country or territory a graph may name: one of ISO 3166-1, Kosovo (``CountryTable/kosovo``),
/// or a former country of ISO 3166-3 (the USSR, Yugoslavia, Serbia and Montenegro …) with the
/// years it existed, so that older production tables import.
public struct Country: Hashable, Sendable, Identifiable {
    /// ISO 3166-1 alpha-3 code, the form graphs store (ISO 3166-3's former alpha-3 code for
    /// historical entries; `XKX` for Kosovo).
    public let code: CountryCode
    /// ISO 3166-1 alpha-2 code (the former one for historical entries: ISO has given some of them
    /// to other countries since, so they are not looked up).
    public let alpha2: String
    /// ISO 3166-1 numeric code; `nil` where ISO gives none (Kosovo, some historical entries).
    public let numeric: Int?
    /// Short English name, in its common form where ISO's is awkward ("Bolivia", "Taiwan", "USSR").
    public let name: String
    /// ISO's short name, e.g. "Congo, The Democratic Republic of the".
    public let isoName: String
    public let officialName: String?
    /// First year the entity existed under this code, where it began after 1990 by splitting
    /// from another (South Sudan 2011, Serbia 2006); `nil` otherwise.
    public let validFrom: Int?
    /// Last year the code was in ISO 3166-1 (the year of its ISO 3166-3 withdrawal, which can be a
    /// year after the entity ended: the USSR dissolved in December 1991, its code was withdrawn in
    /// 1992); `nil` for countries that exist.
    public let validUntil: Int?
    /// The countries that took over the territory (for historical entries and for
    /// ``CountryGroupScheme`` classification): the USSR → its 15 republics; Czechoslovakia →
    /// Czechia and Slovakia. Empty for current countries.
    public let successors: [CountryCode]
    /// The successor that continued the entity's international personality where the others
    /// differ in group (the Russian Federation for the USSR); `nil` otherwise.
    public let continuator: CountryCode?

    init(
        code: CountryCode, alpha2: String, numeric: Int?, name: String, isoName: String, officialName: String?,
        validFrom: Int? = nil, validUntil: Int? = nil, successors: [CountryCode] = [], continuator: CountryCode? = nil
    ) {
        self.code = code
        self.alpha2 = alpha2
        self.numeric = numeric
        self.name = name
        self.isoName = isoName
        self.officialName = officialName
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.successors = successors
        self.continuator = continuator
    }

    public var id: CountryCode { code }

    /// Whether the code was withdrawn from ISO 3166-1 (ISO 3166-3).
    public var isHistorical: Bool { validUntil != nil }

    /// Whether the entity existed in `year` under this code.
    public func isValid(in year: Int) -> Bool {
        (validFrom.map { year >= $0 } ?? true) && (validUntil.map { year <= $0 } ?? true)
    }

    /// The years of existence as messages print them: "2003–2006", "until 1992", "from 2011";
    /// `nil` for countries without bounds.
    public var period: String? {
        switch (validFrom, validUntil) {
        case let (from?, until?): "\(from)–\(until)"
        case let (nil, until?): "until \(until)"
        case let (from?, nil): "from \(from)"
        case (nil, nil): nil
        }
    }
}

/// Namespace for the generated ISO 3166 tables.
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

    /// An ISO 3166-3 entry: a code withdrawn from ISO 3166-1.
    struct WithdrawnRecord {
        let alpha3: String, alpha2: String, alpha4: String, numeric: Int?, name: String
        /// ISO's withdrawal date, `YYYY` or `YYYY-MM-DD`.
        let withdrawn: String
        init(_ alpha3: String, _ alpha2: String, _ alpha4: String, _ numeric: Int?, _ name: String, _ withdrawn: String) {
            (self.alpha3, self.alpha2, self.alpha4, self.numeric, self.name) = (alpha3, alpha2, alpha4, numeric, name)
            self.withdrawn = withdrawn
        }

        /// The year of withdrawal.
        var year: Int { Int(withdrawn.prefix(4))! }
    }
}
