import Testing

@testable import MineralGraphCore

@Suite("Country table")
struct CountryTableTests {
    // MARK: The ISO 3166-1 table

    @Test func tableHasEveryISO3166EntryKosovoAndTheFormerCountries() {
        #expect(CountryTable.current.count == 249 + 1, "ISO 3166-1 and Kosovo")
        // ISO 3166-3 lists 31 former countries; ATF's code is in use again (French Southern Territories).
        #expect(CountryTable.historical.count == 30)
        #expect(CountryTable.all.count == CountryTable.current.count + CountryTable.historical.count)
        #expect(CountryTable.current.allSatisfy { !$0.isHistorical })
        #expect(CountryTable.historical.allSatisfy { $0.isHistorical })
    }

    @Test func codesAndNamesAreUnique() {
        let all = CountryTable.all
        #expect(Set(all.map(\.code)).count == all.count)
        #expect(Set(all.map(\.name)).count == all.count)
        // ISO reassigned some former alpha-2 and numeric codes (CS, SK; 180 Zaire → DR Congo):
        // unique among current countries only. Kosovo has no numeric code.
        let current = CountryTable.current
        #expect(Set(current.map(\.alpha2)).count == current.count)
        #expect(Set(current.compactMap(\.numeric)).count == current.count - 1)
        #expect(current.filter { $0.numeric == nil }.map(\.code) == ["XKX"])
    }

    @Test func codesAreWellFormedAndSorted() {
        let all = CountryTable.all
        for country in all {
            #expect(country.code.rawValue.count == 3 && country.code.rawValue.allSatisfy { $0.isASCII && $0.isUppercase }, "\(country.code)")
            #expect(country.alpha2.count == 2 && country.alpha2.allSatisfy { $0.isASCII && $0.isUppercase }, "\(country.alpha2)")
            #expect(!country.name.isEmpty)
        }
        #expect(all.map(\.code) == all.map(\.code).sorted())
    }

    @Test func everyCountryResolvesByItsOwnCodesAndNames() {
        for country in CountryTable.current {
            #expect(CountryTable.resolve(country.code.rawValue)?.code == country.code)
            #expect(CountryTable.resolve(country.alpha2)?.code == country.code, "alpha-2 \(country.alpha2)")
            #expect(CountryTable.resolve(country.name)?.code == country.code, "name \(country.name)")
            #expect(CountryTable.resolve(country.isoName)?.code == country.code, "ISO name \(country.isoName)")
            #expect(CountryTable.country(country.code) == country)
        }
    }

    /// Former countries resolve by code and name; ISO's name too, unless a current country uses
    /// it ("East Timor" is Timor-Leste), and then that country is the successor.
    @Test func everyFormerCountryResolvesByItsCodeAndName() throws {
        for country in CountryTable.historical {
            #expect(CountryTable.resolve(country.code.rawValue)?.code == country.code)
            #expect(CountryTable.resolve(country.name)?.code == country.code, "name \(country.name)")
            let byISOName = try #require(CountryTable.resolve(country.isoName), "ISO name \(country.isoName)")
            #expect(byISOName.code == country.code || country.successors.contains(byISOName.code), "ISO name \(country.isoName) → \(byISOName.code)")
            #expect(CountryTable.country(country.code) == country)
            #expect(!country.successors.isEmpty, "\(country.code) has no successors")
            for successor in country.successors {
                #expect(CountryTable.current.contains { $0.code == successor }, "\(country.code) → \(successor)")
            }
            #expect(HistoricalCountries.entries[country.code.rawValue] != nil, "\(country.code) has no entry in HistoricalCountries")
        }
        #expect(Set(HistoricalCountries.entries.keys) == Set(CountryTable.historical.map(\.code.rawValue)))
    }

    @Test func formerAlpha2CodesAreNotLookedUp() {
        // CS was Czechoslovakia and then Serbia and Montenegro; SK (Sikkim) and BY (Byelorussian SSR) are Slovakia and Belarus today.
        #expect(CountryTable.resolve("CS") == nil)
        #expect(CountryTable.resolve("SK")?.code == "SVK")
        #expect(CountryTable.resolve("BY")?.code == "BLR")
        #expect(CountryTable.resolve("SU") == nil)
    }

    @Test func everyFormerCountryAliasResolvesToItsOwnTarget() {
        for (code, entry) in HistoricalCountries.entries {
            for alias in entry.aliases {
                #expect(CountryTable.resolve(alias)?.code.rawValue == code, "alias '\(alias)'")
            }
        }
    }

    /// An alias shadowed by an earlier key would silently resolve to another country.
    @Test func everyAliasResolvesToItsOwnTarget() {
        for (alias, code) in CountryAliases.table {
            #expect(CountryTable.country(CountryCode(code)) != nil, "alias '\(alias)' names unknown code \(code)")
            #expect(CountryTable.resolve(alias)?.code.rawValue == code, "alias '\(alias)'")
        }
    }

    @Test func exampleEntries() throws {
        let cod = try #require(CountryTable.country("COD"))
        #expect(cod.alpha2 == "CD")
        #expect(cod.numeric == 180)
        #expect(cod.name == "DR Congo")
        #expect(cod.isoName == "Congo, The Democratic Republic of the")
        #expect(CountryTable.country("TWN")?.name == "Taiwan")
        #expect(CountryTable.country("KOR")?.name == "South Korea")
        #expect(CountryTable.country("TUR")?.name == "Türkiye")
        #expect(CountryTable.country("XKX")?.name == "Kosovo")
        #expect(CountryTable.country("cod") == nil, "country(_:) takes exact alpha-3 codes")
    }

    // MARK: Resolution of codes, names and aliases

    @Test(arguments: [
        // alpha-3 and alpha-2, any case
        ("COD", "COD"), ("cod", "COD"), ("CD", "COD"), ("cd", "COD"), ("CN", "CHN"), ("chn", "CHN"),
        ("CL", "CHL"), ("AU", "AUS"), ("ID", "IDN"), ("PH", "PHL"), ("ZM", "ZMB"),
        // ISO and common English names
        ("China", "CHN"), ("Chile", "CHL"), ("Australia", "AUS"), ("Zambia", "ZMB"), ("Indonesia", "IDN"),
        ("Democratic Republic of the Congo", "COD"), ("Congo, The Democratic Republic of the", "COD"),
        ("Congo", "COG"), ("Republic of the Congo", "COG"), ("Czechia", "CZE"), ("Czech Republic", "CZE"),
        ("South Korea", "KOR"), ("North Korea", "PRK"), ("Laos", "LAO"), ("Eswatini", "SWZ"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        // USGS Mineral Commodity Summaries
        ("Congo (Kinshasa)", "COD"), ("Congo (Brazzaville)", "COG"), ("Burma", "MMR"),
        ("Korea, Republic of", "KOR"), ("Korea, North", "PRK"), ("Russia", "RUS"), ("Turkey", "TUR"),
        ("Iran", "IRN"), ("Vietnam", "VNM"), ("Bolivia", "BOL"), ("Tanzania", "TZA"), ("Taiwan", "TWN"),
        ("United States", "USA"), ("Cote d'Ivoire", "CIV"),
        // World Mining Data
        ("Congo, D.R.", "COD"), ("Congo, Rep.", "COG"), ("Türkiye", "TUR"), ("Korea, South", "KOR"),
        ("Bosnia-Herzegovina", "BIH"), ("Lao P.D.R.", "LAO"), ("Dominican Rep.", "DOM"),
        // UN Comtrade, BACI, World Bank
        ("Dem. Rep. of the Congo", "COD"), ("Congo, Dem. Rep.", "COD"), ("Rep. of Korea", "KOR"),
        ("Korea, Rep.", "KOR"), ("Dem. People's Rep. of Korea", "PRK"), ("Korea, Dem. People's Rep.", "PRK"),
        ("Viet Nam", "VNM"), ("Lao PDR", "LAO"), ("Lao People's Dem. Rep.", "LAO"),
        ("United Rep. of Tanzania", "TZA"), ("Bolivia (Plurinational State of)", "BOL"),
        ("Iran, Islamic Rep.", "IRN"), ("Iran (Islamic Rep. of)", "IRN"), ("Russian Federation", "RUS"),
        ("Other Asia, nes", "TWN"), ("China, Hong Kong SAR", "HKG"), ("Hong Kong SAR, China", "HKG"),
        ("China, Macao SAR", "MAC"), ("Bosnia Herzegovina", "BIH"), ("Central African Rep.", "CAF"),
        ("Micronesia (Federated States of)", "FSM"), ("USA", "USA"), ("UK", "GBR"),
        // Côte d'Ivoire in every spelling sources print
        ("Côte d'Ivoire", "CIV"), ("Côte d’Ivoire", "CIV"), ("Cote dIvoire", "CIV"), ("COTE D'IVOIRE", "CIV"),
        ("Ivory Coast", "CIV"), ("Republic of Côte d'Ivoire", "CIV"),
    ])
    func resolves(_ text: String, _ code: String) {
        #expect(CountryTable.resolve(text)?.code.rawValue == code, "'\(text)'")
    }

    @Test(arguments: [
        ("congo (kinshasa)", "COD"), ("CONGO, D.R.", "COD"), ("  Congo   (Kinshasa) ", "COD"),
        ("Congo Kinshasa", "COD"), ("Turkiye", "TUR"), ("TÜRKIYE", "TUR"), ("turkiye", "TUR"),
        ("Curacao", "CUW"), ("Curaçao", "CUW"), ("Reunion", "REU"), ("Aland Islands", "ALA"),
        ("Saint Barthelemy", "BLM"), ("korea republic of", "KOR"), ("Korea - North", "PRK"),
        ("Trinidad & Tobago", "TTO"), ("Bosnia & Herzegovina", "BIH"), ("Sao Tome & Principe", "STP"),
        ("Guinea-Bissau", "GNB"), ("Guinea Bissau", "GNB"), ("Timor-Leste", "TLS"),
        // decomposed é (e + U+0301) folds like the precomposed one
        ("Re\u{0301}union", "REU"),
    ])
    func matchingIgnoresCaseAccentsPunctuationAndSpacing(_ text: String, _ code: String) {
        #expect(CountryTable.resolve(text)?.code.rawValue == code, "'\(text)'")
    }

    @Test func normalisation() {
        #expect(CountryTable.normalize("  Congo,  D.R. ") == "congo d r")
        #expect(CountryTable.normalize("Côte d’Ivoire") == "cote d ivoire")
        #expect(CountryTable.normalize("Trinidad & Tobago") == "trinidad and tobago")
        #expect(CountryTable.normalize("") == "")
    }

    @Test(arguments: ["", "   ", "World", "World total", "Other countries", "Total", "XXX", "Atlantis", "Congo (Kinshasa) x", "European Union", "Belgium-Luxembourg"])
    func unknownTextDoesNotResolve(_ text: String) {
        #expect(CountryTable.resolve(text) == nil, "'\(text)'")
    }

    // MARK: Suggestions

    @Test func typoInCodeSuggestsTheIntendedCountryFirst() {
        let codes = CountryTable.suggestions(for: "CDO").map(\.code)
        #expect(codes.first == "COD")
        #expect(codes.count == 3)
        #expect(Set(codes).count == codes.count, "no country twice")
    }

    @Test(arguments: [
        ("CHM", "CHN"), ("ZMM", "ZMB"), ("Chlie", "CHL"), ("Austrlia", "AUS"), ("Indonesa", "IDN"),
        ("Congo (Kinshasha)", "COD"), ("Phillipines", "PHL"), ("Zimbabwee", "ZWE"), ("Madagaskar", "MDG"),
    ])
    func typoSuggestionsIncludeTheIntendedCountry(_ typo: String, _ code: String) {
        let codes = CountryTable.suggestions(for: typo).map(\.code.rawValue)
        #expect(codes.contains(code), "'\(typo)' → \(codes)")
    }

    @Test func suggestionsRespectTheLimitAndCanBeEmpty() {
        #expect(CountryTable.suggestions(for: "Chlie", limit: 1).count == 1)
        #expect(CountryTable.suggestions(for: "qqqqqqqqqqqqqqqqqqqqqqqqqqqq").isEmpty)
    }
}

@Suite("Country groups: UNCTAD DER 2024")
struct CountryGroupSchemeTests {
    let scheme = CountryGroupScheme.unctadDER2024

    /// The developed economies as METHODS §6 quotes the DER 2024, by name, resolved through the
    /// table: the OECD members except Chile, Colombia, Costa Rica, Mexico and Türkiye; the
    /// non-OECD EU members; the other European economies and the territories the report names.
    static let developedByName = [
        // OECD (38) minus CHL, COL, CRI, MEX, TUR
        "Australia", "Austria", "Belgium", "Canada", "Czechia", "Denmark", "Estonia", "Finland",
        "France", "Germany", "Greece", "Hungary", "Iceland", "Ireland", "Israel", "Italy", "Japan",
        "Korea, Republic of", "Latvia", "Lithuania", "Luxembourg", "Netherlands", "New Zealand",
        "Norway", "Poland", "Portugal", "Slovak Republic", "Slovenia", "Spain", "Sweden",
        "Switzerland", "United Kingdom", "United States",
        // EU members outside the OECD
        "Bulgaria", "Croatia", "Cyprus", "Malta", "Romania",
        // Other European economies
        "Albania", "Andorra", "Belarus", "Bermuda", "Bosnia and Herzegovina", "Liechtenstein",
        "Monaco", "Montenegro", "North Macedonia", "Republic of Moldova", "Russian Federation",
        "San Marino", "Serbia", "Ukraine",
        // Territories
        "Faroe Islands", "Gibraltar", "Greenland", "Guernsey", "Jersey",
    ]

    @Test func developedListMatchesMethodsSection6() throws {
        var expected = Set<CountryCode>()
        for name in Self.developedByName {
            let country = try #require(CountryTable.resolve(name), "'\(name)' is not in the table")
            expected.insert(country.code)
        }
        #expect(expected.count == 57)
        #expect(scheme.developed == expected)
        for code in scheme.developed {
            #expect(CountryTable.country(code) != nil, "\(code) is not an ISO 3166-1 alpha-3 code")
            #expect(scheme.status(of: code) == .developed)
        }
    }

    @Test func allEUMembersAreDeveloped() {
        let eu: [CountryCode] = [
            "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
            "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
        ]
        #expect(eu.count == 27)
        for code in eu { #expect(scheme.status(of: code) == .developed, "\(code)") }
    }

    @Test(arguments: ["CHL", "MEX", "TUR", "COL", "CRI"] as [CountryCode])
    func oecdMembersTheReportCountsAsDeveloping(_ code: CountryCode) {
        #expect(scheme.status(of: code) == .developing)
        #expect(scheme.groups(of: code) == [.developing, .developingExcludingChina])
    }

    @Test func koreaIsDevelopedSinceUNCTADsJuly2021Decision() {
        #expect(scheme.status(of: "KOR") == .developed)
        #expect(scheme.status(of: "PRK") == .developing)
    }

    @Test func chinaIsDevelopingButNotInTheExcludingChinaCut() {
        #expect(scheme.status(of: "CHN") == .developing)
        #expect(scheme.contains(.developing, "CHN"))
        #expect(!scheme.contains(.developingExcludingChina, "CHN"))
        #expect(!scheme.contains(.leastDeveloped, "CHN"))
        #expect(scheme.groups(of: "CHN") == [.developing])
    }

    @Test(arguments: ["TWN", "HKG", "MAC"] as [CountryCode])
    func chinasSeparateTerritoriesAreDevelopingAndInTheExcludingChinaCut(_ code: CountryCode) {
        #expect(scheme.status(of: code) == .developing)
        #expect(scheme.contains(.developingExcludingChina, code))
    }

    @Test(arguments: ["BRA", "IND", "IDN", "ZAF", "ARG", "SAU", "ARE", "SGP", "KAZ", "PER", "ZMB", "COD"] as [CountryCode])
    func otherEconomiesAreDeveloping(_ code: CountryCode) {
        #expect(scheme.status(of: code) == .developing)
    }

    @Test func ldcListHas45CountriesAllInTheTableAndDeveloping() {
        #expect(scheme.leastDeveloped.count == 45)
        for code in scheme.leastDeveloped {
            #expect(CountryTable.country(code) != nil, "\(code)")
            #expect(scheme.status(of: code) == .developing, "\(code)")
            #expect(scheme.groups(of: code) == [.developing, .developingExcludingChina, .leastDeveloped], "\(code)")
        }
        #expect(scheme.developed.isDisjoint(with: scheme.leastDeveloped))
    }

    @Test(arguments: [
        "COD", "AGO", "BDI", "ETH", "MOZ", "MWI", "RWA", "TZA", "UGA", "ZMB", "MDG", "GIN", "SSD", "SOM",
        "STP", "AFG", "BGD", "KHM", "LAO", "MMR", "NPL", "TLS", "YEM", "HTI", "KIR", "SLB", "TUV",
    ] as [CountryCode])
    func leastDevelopedCountries(_ code: CountryCode) {
        #expect(scheme.isLeastDeveloped(code))
        #expect(scheme.contains(.leastDeveloped, code))
    }

    /// Graduated before July 2024: Bhutan (13 December 2023), Vanuatu (2020), Equatorial
    /// Guinea (2017), Samoa (2014), Maldives (2011), Cabo Verde (2007), Botswana (1994).
    @Test(arguments: ["BTN", "VUT", "GNQ", "WSM", "MDV", "CPV", "BWA", "CHN", "IND", "ZAF", "COG"] as [CountryCode])
    func notLeastDeveloped(_ code: CountryCode) {
        #expect(!scheme.isLeastDeveloped(code))
    }

    @Test func groupsPartitionTheTable() {
        var developed = 0, developing = 0, excludingChina = 0
        for country in CountryTable.current {
            let code = country.code
            #expect(scheme.contains(.developed, code) != scheme.contains(.developing, code), "\(code) in exactly one half")
            if scheme.contains(.developed, code) { developed += 1 }
            if scheme.contains(.developing, code) { developing += 1 }
            if scheme.contains(.developingExcludingChina, code) { excludingChina += 1 }
        }
        #expect(developed == 57)
        #expect(developing == 250 - 57)
        #expect(excludingChina == developing - 1)
    }

    @Test func metadataIsComplete() {
        #expect(scheme.id == "unctad-der-2024")
        #expect(scheme.asOf == "2024-07-10")
        #expect(!scheme.title.isEmpty)
        #expect(!scheme.source.trimmingSpaces().isEmpty)
        #expect(scheme.source.contains("Digital Economy Report 2024"))
        #expect(scheme.source.contains("https://"))
    }

    @Test func schemeIsTheDefaultAndFoundByName() {
        #expect(CountryGroupScheme.defaultScheme.id == "unctad-der-2024")
        #expect(CountryGroupScheme.all.first?.id == CountryGroupScheme.defaultScheme.id)
        #expect(CountryGroupScheme.named("unctad-der-2024")?.asOf == "2024-07-10")
        #expect(CountryGroupScheme.named("world-bank-2024") == nil)
        #expect(Set(CountryGroupScheme.all.map(\.id)).count == CountryGroupScheme.all.count)
    }

    @Test func groupKeysAndTitles() {
        #expect(CountryGroup.allCases.map(\.rawValue) == ["developed", "developing", "developing-excl-china", "ldc"])
        for group in CountryGroup.allCases { #expect(!group.title.isEmpty) }
    }
}
