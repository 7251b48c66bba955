import Foundation
import Testing

@testable import MineralGraphCore

@Suite("Countries: Kosovo, former countries, real-table spellings")
struct HistoricalCountryTests {
    // MARK: Kosovo and Cabo Verde

    @Test func kosovoIsXKX() throws {
        let kosovo = try #require(CountryTable.resolve("Kosovo"))
        #expect(kosovo.code == "XKX")
        #expect(kosovo.alpha2 == "XK")
        #expect(kosovo.numeric == nil)
        #expect(kosovo.validFrom == 2008 && kosovo.validUntil == nil)
        #expect(!kosovo.isHistorical)
        #expect(CountryTable.resolve("XK")?.code == "XKX")
        #expect(CountryTable.resolve("xkx")?.code == "XKX")
        #expect(CountryTable.resolve("Republic of Kosovo")?.code == "XKX")
    }

    @Test(arguments: ["Cabo Verde", "Cape Verde", "CAPE VERDE", "Republic of Cabo Verde", "CV", "CPV"])
    func caboVerdeInBothSpellings(_ text: String) {
        #expect(CountryTable.resolve(text)?.code == "CPV", "'\(text)'")
    }

    // MARK: Former countries

    @Test(arguments: [
        ("Serbia and Montenegro", "SCG"), ("Serbia & Montenegro", "SCG"), ("SCG", "SCG"), ("USSR", "SUN"), ("U.S.S.R.", "SUN"),
        ("Soviet Union", "SUN"), ("Fmr USSR", "SUN"), ("Yugoslavia", "YUG"), ("Fmr Yugoslavia", "YUG"), ("Czechoslovakia", "CSK"),
        ("Netherlands Antilles", "ANT"), ("Neth. Antilles", "ANT"), ("Zaire", "ZAR"), ("East Germany", "DDR"),
        ("German Democratic Republic", "DDR"), ("Fmr Dem. Rep. of Germany", "DDR"), ("South Yemen", "YMD"), ("BUR", "BUR"),
        ("Burma, Socialist Republic of the Union of", "BUR"), ("Upper Volta", "HVO"), ("Southern Rhodesia", "RHO"),
        // Spellings that stay with current countries
        ("Burma", "MMR"), ("East Timor", "TLS"), ("Fmr Sudan", "SDN"), ("Sudan", "SDN"), ("South Sudan", "SSD"),
        ("Fmr Fed. Rep. of Germany", "DEU"), ("Fmr Ethiopia", "ETH"),
    ])
    func formerCountrySpellings(_ text: String, _ code: String) {
        #expect(CountryTable.resolve(text)?.code.rawValue == code, "'\(text)'")
    }

    /// ISO 3166-3 withdrawal years; Serbia and Montenegro from its constitution (4 February 2003).
    @Test(arguments: [
        ("SCG", 2003, 2006), ("SUN", nil, 1992), ("YUG", nil, 2003), ("CSK", nil, 1993), ("ANT", nil, 2010),
        ("DDR", nil, 1990), ("ZAR", nil, 1997), ("BUR", nil, 1989), ("TMP", nil, 2002), ("YMD", nil, 1990),
    ] as [(String, Int?, Int?)])
    func validityYears(_ code: String, _ from: Int?, _ until: Int?) throws {
        let country = try #require(CountryTable.country(CountryCode(code)))
        #expect(country.validFrom == from)
        #expect(country.validUntil == until)
        #expect(country.isHistorical)
        if let until {
            #expect(country.isValid(in: until))
            #expect(!country.isValid(in: until + 1))
        }
        if let from {
            #expect(country.isValid(in: from))
            #expect(!country.isValid(in: from - 1))
        }
    }

    @Test func successorStatesStartInTheYearOfTheSplit() throws {
        let southSudan = try #require(CountryTable.country("SSD"))
        #expect(southSudan.validFrom == 2011 && southSudan.period == "from 2011")
        #expect(!southSudan.isValid(in: 2010) && southSudan.isValid(in: 2011))
        // ISO kept SDN for Sudan: it has no bounds and covers South Sudan before 2011.
        let sudan = try #require(CountryTable.country("SDN"))
        #expect(sudan.validFrom == nil && sudan.validUntil == nil && sudan.period == nil)
        #expect(CountryTable.predecessors(of: "SSD").map(\.code) == ["SDN"])
        #expect(CountryTable.predecessors(of: "CZE").map(\.code) == ["CSK"])
        #expect(CountryTable.predecessors(of: "SRB").map(\.code) == ["SCG", "YUG"])
        #expect(CountryTable.predecessors(of: "CHN").isEmpty)
        #expect(CountryTable.country("SCG")?.period == "2003–2006")
        #expect(CountryTable.country("SUN")?.period == "until 1992")
        #expect(CountryTable.country("SRB")?.validFrom == 2006)
    }

    @Test func successors() {
        #expect(CountryTable.country("CSK")?.successors == ["CZE", "SVK"])
        #expect(CountryTable.country("SCG")?.successors == ["SRB", "MNE"])
        #expect(CountryTable.country("SUN")?.successors.count == 15)
        #expect(CountryTable.country("SUN")?.continuator == "RUS")
        #expect(CountryTable.country("ZAR")?.successors == ["COD"])
    }

    /// Trade codes keep ISO 3166-1: former countries share numeric codes with their successors.
    @Test func tradeAreaCodesKeepCurrentCountries() {
        #expect(TradeAreaCodes.area(180) == .country("COD", note: nil))
        #expect(TradeAreaCodes.area(104) == .country("MMR", note: nil))
        #expect(TradeAreaCodes.area(112) == .country("BLR", note: nil))
        #expect(TradeAreaCodes.area(810) == nil)
    }

    // MARK: Country groups

    @Test func kosovoIsDevelopingUnderTheDER2024() {
        let scheme = CountryGroupScheme.unctadDER2024
        #expect(scheme.status(of: "XKX") == .developing)
        #expect(!scheme.isLeastDeveloped("XKX"))
        #expect(scheme.groups(of: "XKX") == [.developing, .developingExcludingChina])
    }

    @Test(arguments: [
        ("SUN", DevelopmentStatus.developed, false), ("YUG", .developed, false), ("SCG", .developed, false),
        ("CSK", .developed, false), ("DDR", .developed, false), ("BYS", .developed, false), ("FXX", .developed, false),
        ("ZAR", .developing, true), ("BUR", .developing, true), ("HVO", .developing, true), ("YMD", .developing, true),
        ("TMP", .developing, true), ("GEL", .developing, true), ("ANT", .developing, false), ("RHO", .developing, false),
        ("VDR", .developing, false), ("NHB", .developing, false),
    ] as [(CountryCode, DevelopmentStatus, Bool)])
    func formerCountriesFollowTheirSuccessors(_ code: CountryCode, _ status: DevelopmentStatus, _ ldc: Bool) {
        let scheme = CountryGroupScheme.unctadDER2024
        #expect(scheme.status(of: code) == status)
        #expect(scheme.isLeastDeveloped(code) == ldc)
        #expect(!scheme.developed.contains(code) && !scheme.leastDeveloped.contains(code), "the published lists stay as published")
    }

    // MARK: World Mining Data, as published

    /// Every `Country` of every production table resolves, to the code of its `Country_ISO`
    /// column; `Total` rows (marked `DELETE`) are world totals, which importers treat before any
    /// country lookup. World Mining Data's own codes: `R20` for Kosovo, `S19` for Taiwan; and one
    /// erratum: its gold table gives French Guiana Guyana's codes (GUY, 328).
    @Test(.enabled(if: SharedData.worldMiningDataPresent, SharedData.skipReason))
    func everyCountryOfTheWorldMiningDataTablesResolves() throws {
        var checked = 0
        for (name, url) in try SharedData.productionTables() {
            for row in try SharedData.table(url).rows {
                let text = try #require(row["Country"])
                let iso = row["Country_ISO"] ?? ""
                if text == "Total" {
                    #expect(iso == "DELETE", "\(name): a Total row that is not marked DELETE")
                    #expect(CountryTable.resolve(text) == nil)
                    continue
                }
                guard let country = CountryTable.resolve(text) else {
                    Issue.record("\(name): country '\(text)' does not resolve; closest: \(CountryTable.suggestions(for: text).map(\.code))")
                    continue
                }
                let expected = ["R20": "XKX", "S19": "TWN"][iso] ?? (text == "French Guiana" && iso == "GUY" ? "GUF" : iso)
                #expect(country.code.rawValue == expected, "\(name): '\(text)' → \(country.code), the table says \(iso)")
                #expect(country.isValid(in: 2018) && country.isValid(in: 2022), "\(name): \(country.code) in 2018–2022")
                checked += 1
            }
        }
        #expect(checked > 1800)
    }

    /// Names of World Mining Data's `Country_ISO.csv` (UN Comtrade's reference names, including
    /// former countries) resolve, except the ones that are parts or unions of countries.
    @Test(.enabled(if: SharedData.worldMiningDataPresent, SharedData.skipReason))
    func worldMiningDataCountryReferenceNamesResolve() throws {
        let notOneCountry: Set<String> = [
            "ASEAN", "European Union", "Belgium-Luxembourg", "So. African Customs Union", "Fmr Rhodesia Nyas",
            "Fmr Tanganyika", "Fmr Zanzibar and Pemba Isd", "Peninsula Malaysia", "Sabah", "Sarawak", "Ryukyu Isd",
        ]
        let table = try SharedData.table(SharedData.worldMiningData.appendingPathComponent("Country_ISO.csv"))
        #expect(table.rows.count > 250)
        for row in table.rows {
            let text = try #require(row["Country"])
            if notOneCountry.contains(text) {
                #expect(CountryTable.resolve(text) == nil, "'\(text)'")
            } else {
                #expect(CountryTable.resolve(text) != nil, "'\(text)' (\(row["ISO"] ?? ""))")
            }
        }
    }
}
