extension CountryGroupScheme {
    /// The classification stated in UNCTAD's Digital Economy Report 2024 (METHODS §6).
    ///
    /// Developed: the OECD members except Chile, Colombia, Costa Rica, Mexico and Türkiye; the
    /// non-OECD EU members (Bulgaria, Croatia, Cyprus, Lithuania, Malta, Romania); Albania,
    /// Andorra, Belarus, Bermuda, Bosnia and Herzegovina, Liechtenstein, Monaco, Montenegro,
    /// North Macedonia, the Republic of Moldova, the Russian Federation, San Marino, Serbia and
    /// Ukraine; and the Faroe Islands, Gibraltar, Greenland, Guernsey and Jersey. Developing:
    /// all others (China excludes Hong Kong SAR, Macao SAR and Taiwan Province, which are
    /// separate codes here and developing). LDCs: the UN list (M49 code 199) of 45 countries in
    /// force when the report appeared (10 July 2024), after Bhutan's graduation on
    /// 13 December 2023 and before São Tomé and Príncipe's on 13 December 2024.
    ///
    /// Kosovo (XKX) is not named by the report (UN statistics do not list it separately), so it is
    /// developing by the report's rule "all others", although its neighbours Serbia, Montenegro,
    /// North Macedonia and Albania are developed. Former countries follow their successors (see
    /// ``CountryGroupScheme``): the USSR, Yugoslavia, Serbia and Montenegro, Czechoslovakia, East
    /// Germany, the Byelorussian SSR and Metropolitan France are developed; Zaire, Burma (to 1989),
    /// Upper Volta, Dahomey, South Yemen, East Timor (to 2002), the French Afars and Issas and the
    /// Gilbert and Ellice Islands, among others, are developing and LDCs; the Netherlands Antilles
    /// are developing.
    public static let unctadDER2024 = CountryGroupScheme(
        id: "unctad-der-2024",
        title: "UNCTAD Digital Economy Report 2024 classification (UN Statistics Division groups)",
        source: "UNCTAD, Digital Economy Report 2024, country classification note; "
            + "UN-OHRLLS list of least developed countries; https://unctad.org/publication/digital-economy-report-2024",
        asOf: "2024-07-10",
        developed: [
            // OECD members except CHL, COL, CRI, MEX, TUR
            "AUS", "AUT", "BEL", "CAN", "CHE", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA",
            "GBR", "GRC", "HUN", "IRL", "ISL", "ISR", "ITA", "JPN", "KOR", "LTU", "LUX", "LVA",
            "NLD", "NOR", "NZL", "POL", "PRT", "SVK", "SVN", "SWE", "USA",
            // EU members outside the OECD
            "BGR", "HRV", "CYP", "MLT", "ROU",
            // Other European economies named by the report
            "ALB", "AND", "BLR", "BMU", "BIH", "LIE", "MCO", "MNE", "MKD", "MDA", "RUS", "SMR",
            "SRB", "UKR",
            // Territories named by the report
            "FRO", "GIB", "GRL", "GGY", "JEY",
        ],
        leastDeveloped: [
            // Africa (33)
            "AGO", "BEN", "BFA", "BDI", "CAF", "TCD", "COM", "COD", "DJI", "ERI", "ETH", "GMB",
            "GIN", "GNB", "LSO", "LBR", "MDG", "MWI", "MLI", "MRT", "MOZ", "NER", "RWA", "STP",
            "SEN", "SLE", "SOM", "SSD", "SDN", "TGO", "UGA", "TZA", "ZMB",
            // Asia (8)
            "AFG", "BGD", "KHM", "LAO", "MMR", "NPL", "TLS", "YEM",
            // Caribbean (1) and Pacific (3)
            "HTI", "KIR", "SLB", "TUV",
        ]
    )
}
