/// What a numeric country code in a trade table stands for.
public enum TradeArea: Hashable, Sendable {
    /// A country or territory of ISO 3166-1, and a note when the trade source's code covers more
    /// or less than ISO's (France including Monaco).
    case country(CountryCode, note: String?)
    /// A partner that is not one country: World, "Areas, nes", bunkers, free zones, a regional
    /// "nes" residual. Rows with it are skipped and counted, never attributed to a country.
    case aggregate(String)
}

/// Numeric area codes of CEPII BACI and UN Comtrade: ISO 3166-1 numeric, plus the codes these
/// sources use where they differ from ISO (DATA-FORMATS.md, "CEPII BACI").
///
/// Exceptions (BACI `country_codes_V*.csv`, UN Comtrade reference table "partnerAreas"):
/// 58 Belgium-Luxembourg (to 1998, read as BEL), 251 France incl. Monaco, 381 Italy incl. San
/// Marino and the Holy See, 490 "Other Asia, nes" (Taiwan), 579 Norway incl. Svalbard and Jan
/// Mayen, 699 India incl. Sikkim, 711 South Africa (the Southern African Customs Union until
/// 1999), 736 Sudan before South Sudan's independence, 757 Switzerland incl. Liechtenstein, 842 USA
/// incl. Puerto Rico and the US Virgin Islands, 849 US Minor Outlying Islands. Aggregates: 0 World,
/// 97 EU, 899 Areas nes, 837 bunkers, 838 free zones, 839 special categories and the regional
/// "nes" codes that are not ISO codes (492 stays Monaco). A country code file (`--countries`) overrides this table.
public enum TradeAreaCodes {
    /// Codes that differ from ISO 3166-1 numeric, or cover more than ISO's territory.
    public static let exceptions: [Int: (code: CountryCode, note: String)] = [
        58: ("BEL", "BACI/Comtrade 58 is Belgium-Luxembourg (to 1998)"),
        251: ("FRA", "BACI/Comtrade 251 is France including Monaco"),
        381: ("ITA", "BACI/Comtrade 381 is Italy including San Marino and the Holy See"),
        490: ("TWN", "BACI/Comtrade 490 'Other Asia, nes' is Taiwan"),
        579: ("NOR", "BACI/Comtrade 579 is Norway including Svalbard and Jan Mayen"),
        699: ("IND", "BACI/Comtrade 699 is India"),
        711: ("ZAF", "BACI/Comtrade 711 is South Africa (Southern African Customs Union until 1999)"),
        736: ("SDN", "Comtrade 736 is Sudan before 2012 (including South Sudan)"),
        757: ("CHE", "BACI/Comtrade 757 is Switzerland including Liechtenstein"),
        842: ("USA", "BACI/Comtrade 842 is the USA including Puerto Rico and the US Virgin Islands"),
        849: ("UMI", "Comtrade 849 is the US Minor Outlying Islands"),
    ]

    /// Codes that name no single country.
    public static let aggregates: [Int: String] = [
        0: "World", 97: "EU", 129: "Caribbean, nes", 221: "Eastern Europe, nes", 290: "Northern Africa, nes",
        471: "CACM, nes", 472: "Africa CAMEU region, nes", 473: "LAIA, nes",
        527: "Oceania, nes", 536: "Neutral Zone", 568: "Other Europe, nes", 577: "Other Africa, nes",
        636: "Rest of America, nes", 637: "North America and Central America, nes", 697: "Europe EFTA, nes",
        837: "Bunkers", 838: "Free Zones", 839: "Special Categories", 879: "Western Asia, nes", 899: "Areas, nes",
    ]

    private static let table: [TradeArea?] = {
        var table = [TradeArea?](repeating: nil, count: 1000)
        // Current countries only: ISO 3166-3 entries share numeric codes with their successors
        // (Zaire and DR Congo are both 180).
        for country in CountryTable.current {
            guard let numeric = country.numeric, (0..<1000).contains(numeric) else { continue }
            table[numeric] = .country(country.code, note: nil)
        }
        for (number, name) in aggregates { table[number] = .aggregate(name) }
        for (number, entry) in exceptions { table[number] = .country(entry.code, note: entry.note) }
        return table
    }()

    /// The area a numeric code stands for, `nil` when neither ISO nor the exceptions know it.
    public static func area(_ number: Int) -> TradeArea? {
        (0..<table.count).contains(number) ? table[number] : nil
    }
}
