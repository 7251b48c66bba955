import Foundation

/// Looks up countries by ISO code, English name or a common alias.
///
/// Data: ISO 3166-1 as published by the iso-codes project (`ISO3166`), Kosovo
/// (``kosovo``), the former countries of ISO 3166-3 with their years (``historical``), plus the
/// spellings used by USGS Mineral Commodity Summaries, World Mining Data, UN Comtrade and BACI
/// (`CountryAliases`, `HistoricalCountries`). Matching ignores case, accents, punctuation and
/// extra spaces. Current countries win over historical ones for a shared spelling.
public enum CountryTable {
    /// Kosovo as `XKX` (alpha-2 `XK`): Kosovo is not in ISO 3166-1, so this is a user-assigned
    /// code (ISO 3166-1 leaves the alpha-3 range XAA–XZZ, like AA, QM–QZ, XA–XZ and ZZ for alpha-2,
    /// to users and never assigns it), the one the European Commission, the World Bank and the
    /// IMF use for Kosovo. World Mining Data lists
    /// Kosovo (its `Country_ISO` column says `R20`). A state since its declaration of independence
    /// of 17 February 2008, hence valid from 2008. No ISO numeric code.
    public static let kosovo = Country(
        code: "XKX", alpha2: "XK", numeric: nil, name: "Kosovo", isoName: "Kosovo", officialName: "Republic of Kosovo",
        validFrom: HistoricalCountries.validFrom["XKX"])

    /// The countries and territories that exist: ISO 3166-1 and Kosovo, sorted by code.
    public static let current: [Country] = (ISO3166.records.map { record in
        Country(
            code: CountryCode(record.alpha3), alpha2: record.alpha2, numeric: record.numeric,
            name: displayNames[record.alpha3] ?? record.commonName ?? record.name, isoName: record.name,
            officialName: record.officialName, validFrom: HistoricalCountries.validFrom[record.alpha3])
    } + [kosovo]).sorted { $0.code < $1.code }

    /// The former countries of ISO 3166-3 (the USSR, Yugoslavia, Serbia and Montenegro,
    /// Czechoslovakia, the Netherlands Antilles, East Germany, Zaire …), each valid until the year
    /// ISO withdrew its code, with its successors; sorted by code.
    public static let historical: [Country] = ISO3166.withdrawn.map { record in
        let entry = HistoricalCountries.entries[record.alpha3]
        return Country(
            code: CountryCode(record.alpha3), alpha2: record.alpha2, numeric: record.numeric,
            name: entry?.name ?? record.name, isoName: record.name, officialName: nil,
            validFrom: entry?.validFrom, validUntil: record.year,
            successors: (entry?.successors ?? []).map { CountryCode($0) }, continuator: entry?.continuator.map { CountryCode($0) })
    }

    /// Every country a graph may name, current and historical, sorted by code.
    public static let all: [Country] = (current + historical).sorted { $0.code < $1.code }

    /// Short names where ISO's reads awkwardly in a table ("Congo, The Democratic Republic of the").
    private static let displayNames: [String: String] = [
        "COD": "DR Congo", "IRN": "Iran", "TZA": "Tanzania", "VEN": "Venezuela", "MDA": "Moldova",
        "PRK": "North Korea", "FSM": "Micronesia", "LAO": "Laos", "SYR": "Syria", "PSE": "Palestine",
        "RUS": "Russia", "VNM": "Viet Nam", "BRN": "Brunei", "VAT": "Holy See",
    ]

    private static let byCode: [CountryCode: Country] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.code, $0) })

    private static let byKey: [String: Country] = {
        var map: [String: Country] = [:]
        func add(_ key: String, _ country: Country) {
            let normalized = normalize(key)
            if map[normalized] == nil { map[normalized] = country }
        }
        for country in current {
            add(country.code.rawValue, country)
            add(country.alpha2, country)
            add(country.name, country)
            add(country.isoName, country)
            if let official = country.officialName { add(official, country) }
        }
        for (alias, code) in CountryAliases.table {
            if let country = byCode[CountryCode(code)] { add(alias, country) }
        }
        // Historical entries after every current spelling: their former alpha-2 codes are not
        // keys (ISO has reassigned several: CS, SK, BY, GE), and a current country keeps a name
        // they share ("East Timor").
        for country in historical {
            add(country.code.rawValue, country)
            add(country.name, country)
            add(country.isoName, country)
            for alias in HistoricalCountries.entries[country.code.rawValue]?.aliases ?? [] { add(alias, country) }
        }
        return map
    }()

    /// The entries whose territory `code` took over: the former countries that list it as a
    /// successor (Czechoslovakia for CZE) and the country it split from where that kept its code
    /// (Sudan for SSD), in code order.
    public static func predecessors(of code: CountryCode) -> [Country] {
        var result = historical.filter { $0.successors.contains(code) }
        if let from = HistoricalCountries.splitFrom[code.rawValue], let country = byCode[CountryCode(from)] { result.append(country) }
        return result.sorted { $0.code < $1.code }
    }

    /// The country with this exact alpha-3 code.
    public static func country(_ code: CountryCode) -> Country? { byCode[code] }

    /// Resolves an alpha-3 or alpha-2 code, a name or an alias: `"COD"`, `"CD"`,
    /// `"Congo (Kinshasa)"`, `"Democratic Republic of the Congo"`, `"Burma"`, `"Türkiye"`.
    public static func resolve(_ text: String) -> Country? {
        byKey[normalize(text)]
    }

    /// The countries whose codes, names or aliases are closest to `text`, for error hints.
    public static func suggestions(for text: String, limit: Int = 3) -> [Country] {
        let keys = byKey.keys.sorted()
        var seen = Set<CountryCode>()
        var result: [Country] = []
        for key in ClosestMatches.best(for: normalize(text), among: keys, limit: limit * 4) {
            guard let country = byKey[key], seen.insert(country.code).inserted else { continue }
            result.append(country)
            if result.count == limit { break }
        }
        return result
    }

    /// Lower case, accents folded, punctuation dropped, "&" read as "and", spaces collapsed.
    static func normalize(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out += String(scalar).lowercased()
            } else if scalar == "&" {
                if !out.isEmpty { out.append(" ") }
                out.append("and")
                pendingSpace = true
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
