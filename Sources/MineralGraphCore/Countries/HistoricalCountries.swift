/// What ISO 3166-3 does not say about the former countries it lists, and the start years of the
/// countries that split from another after 1990.
///
/// Names and spellings: the ones production and trade tables print for these entities (USGS
/// Minerals Yearbooks and BGS World Mineral Statistics of the 1980s and 1990s: "USSR",
/// "Czechoslovakia", "Yugoslavia", "Zaire"; UN Comtrade's reference names as World Mining Data
/// ships them in `Country_ISO.csv`: "Fmr USSR", "Fmr Yugoslavia", "Fmr Dem. Rep. of Germany",
/// "Neth. Antilles"). Successors: the ISO 3166-3 entries' notes and the ISO 3166 Maintenance
/// Agency newsletters (CS → CZ, SK in 1993; CS (Serbia and Montenegro) → RS, ME in 2006; AN →
/// CW, SX, BQ in 2010; SU → the 15 republics in 1992). The Russian Federation is the USSR's
/// continuator (it kept the Soviet seat at the UN, 1991).
///
/// "Burma" is not an alias of BUR: USGS still prints "Burma" for Myanmar today, so the name
/// resolves to MMR; BUR is reached by its code or ISO's name. "East Timor" stays an alias of
/// Timor-Leste for the same reason.
enum HistoricalCountries {
    struct Entry {
        let name: String
        let validFrom: Int?
        let successors: [String]
        let continuator: String?
        let aliases: [String]

        init(_ name: String, from: Int? = nil, successors: [String], continuator: String? = nil, aliases: [String] = []) {
            self.name = name
            self.validFrom = from
            self.successors = successors
            self.continuator = continuator
            self.aliases = aliases
        }
    }

    /// By ISO 3166-3 alpha-3 code; one entry per ``ISO3166/withdrawn`` record.
    static let entries: [String: Entry] = [
        "AFI": Entry("French Afars and Issas", successors: ["DJI"], aliases: ["French Territory of the Afars and the Issas"]),
        "ANT": Entry("Netherlands Antilles", successors: ["CUW", "SXM", "BES", "ABW"],
                     aliases: ["Neth. Antilles", "Netherlands Antilles and Aruba", "Neth. Antilles and Aruba"]),
        "ATB": Entry("British Antarctic Territory", successors: ["ATA"]),
        "ATN": Entry("Dronning Maud Land", successors: ["ATA"]),
        "BUR": Entry("Burma (to 1989)", successors: ["MMR"], aliases: ["Socialist Republic of the Union of Burma"]),
        "BYS": Entry("Byelorussian SSR", successors: ["BLR"], aliases: ["Byelorussian Soviet Socialist Republic"]),
        "CSK": Entry("Czechoslovakia", successors: ["CZE", "SVK"],
                     aliases: ["Czechoslovak Socialist Republic", "Czech and Slovak Federal Republic", "CSFR"]),
        "CTE": Entry("Canton and Enderbury Islands", successors: ["KIR"]),
        "DDR": Entry("East Germany", successors: ["DEU"],
                     aliases: ["GDR", "Germany, East", "Fmr Dem. Rep. of Germany", "German Dem. Rep."]),
        "DHY": Entry("Dahomey", successors: ["BEN"]),
        "FXX": Entry("Metropolitan France", successors: ["FRA"]),
        "GEL": Entry("Gilbert and Ellice Islands", successors: ["KIR", "TUV"]),
        "HVO": Entry("Upper Volta", successors: ["BFA"], aliases: ["Republic of Upper Volta"]),
        "JTN": Entry("Johnston Island", successors: ["UMI"]),
        "MID": Entry("Midway Islands", successors: ["UMI"]),
        "NHB": Entry("New Hebrides", successors: ["VUT"]),
        "NTZ": Entry("Neutral Zone", successors: ["SAU", "IRQ"]),
        "PCI": Entry("Pacific Islands Trust Territory", successors: ["FSM", "MHL", "MNP", "PLW"],
                     aliases: ["Trust Territory of the Pacific Islands", "Fmr Pacific Isds"]),
        "PCZ": Entry("Panama Canal Zone", successors: ["PAN"], aliases: ["Canal Zone", "Fmr Panama-Canal-Zone"]),
        "PUS": Entry("US Miscellaneous Pacific Islands", successors: ["UMI"]),
        "RHO": Entry("Southern Rhodesia", successors: ["ZWE"], aliases: ["Rhodesia"]),
        "SCG": Entry("Serbia and Montenegro", from: 2003, successors: ["SRB", "MNE"],
                     aliases: ["State Union of Serbia and Montenegro", "Serbia-Montenegro"]),
        "SKM": Entry("Sikkim", successors: ["IND"]),
        "SUN": Entry("USSR", successors: ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"],
                     continuator: "RUS",
                     aliases: ["Soviet Union", "U.S.S.R.", "Union of Soviet Socialist Republics", "Fmr USSR"]),
        "TMP": Entry("East Timor (to 2002)", successors: ["TLS"], aliases: ["Portuguese Timor"]),
        "VDR": Entry("North Vietnam", successors: ["VNM"],
                     aliases: ["Democratic Republic of Vietnam", "Fmr Dem. Rep. of Vietnam", "North Viet Nam"]),
        "WAK": Entry("Wake Island", successors: ["UMI"]),
        "YMD": Entry("South Yemen", successors: ["YEM"],
                     aliases: ["Yemen, Democratic", "Democratic Yemen", "People's Democratic Republic of Yemen", "Fmr Dem. Yemen"]),
        // The six republics of the Socialist Federal Republic; Kosovo, an autonomous province of
        // Serbia then and not in ISO 3166, is left out.
        "YUG": Entry("Yugoslavia", successors: ["BIH", "HRV", "MKD", "MNE", "SRB", "SVN"],
                     aliases: ["Fmr Yugoslavia", "Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia", "SFR Yugoslavia"]),
        "ZAR": Entry("Zaire", successors: ["COD"], aliases: ["Republic of Zaire"]),
    ]

    /// First years of the countries that began after 1990 by splitting from one that the table
    /// keeps: Czechia and Slovakia (1 January 1993), Eritrea (24 May 1993), Timor-Leste (20 May
    /// 2002; East Timor before), Serbia and Montenegro as separate states (June 2006), Kosovo
    /// (17 February 2008), Curaçao, Sint Maarten and Bonaire, Sint Eustatius and Saba (10 October
    /// 2010), South Sudan (9 July 2011). Before South Sudan's independence ISO's SDN covered both
    /// Sudans; the code stayed with Sudan (its numeric code changed from 736 to 729), so SDN has
    /// no start year and "Fmr Sudan" resolves to it. The USSR's and Yugoslavia's successors carry
    /// no start year: sources often carry their series back before the split.
    static let validFrom: [String: Int] = [
        "CZE": 1993, "SVK": 1993, "ERI": 1993, "TLS": 2002, "SRB": 2006, "MNE": 2006, "XKX": 2008,
        "CUW": 2010, "SXM": 2010, "BES": 2010, "SSD": 2011,
    ]

    /// The current country whose code covered a later one's territory before it split off (where
    /// no ISO 3166-3 entry did): South Sudan from Sudan, Eritrea from Ethiopia, Kosovo from Serbia.
    static let splitFrom: [String: String] = ["SSD": "SDN", "ERI": "ETH", "XKX": "SRB"]
}
