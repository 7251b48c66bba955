import Foundation

/// Looks up countries by ISO code, English name or a common alias.
///
/// Data: ISO 3166-1 as published by the iso-codes project (``ISO3166``), plus the spellings
/// used by USGS Mineral Commodity Summaries, World Mining Data, UN Comtrade and BACI
/// (``CountryAliases``). Matching ignores case, accents, punctuation and extra spaces.
public enum CountryTable {
    /// Every ISO 3166-1 country and territory, sorted by alpha-3 code.
    public static let all: [Country] = ISO3166.records.map { record in
        Country(
            code: CountryCode(record.alpha3), alpha2: record.alpha2, numeric: record.numeric,
            name: displayNames[record.alpha3] ?? record.commonName ?? record.name, isoName: record.name,
            officialName: record.officialName)
    }

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
        for country in all {
            add(country.code.rawValue, country)
            add(country.alpha2, country)
            add(country.name, country)
            add(country.isoName, country)
            if let official = country.officialName { add(official, country) }
        }
        for (alias, code) in CountryAliases.table {
            if let country = byCode[CountryCode(code)] { add(alias, country) }
        }
        return map
    }()

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
