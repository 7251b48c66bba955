/// Spellings of country names that statistical sources print, mapped to ISO alpha-3 codes.
///
/// Sources of the spellings: USGS Mineral Commodity Summaries 2024 ("Congo (Kinshasa)",
/// "Burma", "Korea, Republic of"), World Mining Data 2024 ("Congo, D.R.", "Türkiye"),
/// UN Comtrade and CEPII BACI reference tables ("Dem. Rep. of the Congo", "Rep. of Korea",
/// "Other Asia, nes" for Taiwan) and World Bank tables ("Korea, Rep.", "Lao PDR"); "Cabo Verde"
/// and "Cape Verde" (BGS World Mineral Statistics). Former countries' spellings ("USSR", "Zaire")
/// are in `HistoricalCountries`. World totals and "Other countries" rows are not countries:
/// production importers recognise them before looking a name up here. Names already in
/// ISO 3166-1 need no entry here; matching ignores case, accents and punctuation, so "Türkiye",
/// "Turkiye" and "TURKIYE" are one key.
enum CountryAliases {
    static let table: [(String, String)] = [
        ("Congo (Kinshasa)", "COD"), ("Congo, D.R.", "COD"), ("DR Congo", "COD"), ("DRC", "COD"),
        ("Democratic Republic of the Congo", "COD"), ("Dem. Rep. of the Congo", "COD"),
        ("Congo, Dem. Rep.", "COD"),
        ("Congo (Brazzaville)", "COG"), ("Congo, Rep.", "COG"), ("Republic of the Congo", "COG"),
        ("Burma", "MMR"),
        ("Korea, Republic of", "KOR"), ("Korea, South", "KOR"), ("Rep. of Korea", "KOR"),
        ("Republic of Korea", "KOR"), ("Korea", "KOR"),
        ("Korea, North", "PRK"), ("Dem. People's Rep. of Korea", "PRK"), ("North Korea", "PRK"),
        ("Turkey", "TUR"), ("Russia", "RUS"), ("Iran", "IRN"), ("Vietnam", "VNM"), ("Viet Nam", "VNM"),
        ("Laos", "LAO"), ("Lao People's Dem. Rep.", "LAO"), ("Lao PDR", "LAO"),
        ("United States", "USA"), ("USA", "USA"), ("United States of America", "USA"), ("US", "USA"),
        ("United Kingdom", "GBR"), ("UK", "GBR"), ("Great Britain", "GBR"),
        ("Bolivia", "BOL"), ("Venezuela", "VEN"), ("Tanzania", "TZA"), ("United Rep. of Tanzania", "TZA"),
        ("Moldova", "MDA"), ("Rep. of Moldova", "MDA"), ("Syria", "SYR"),
        ("Taiwan", "TWN"), ("Other Asia, nes", "TWN"), ("Chinese Taipei", "TWN"),
        ("China, Hong Kong SAR", "HKG"), ("Hong Kong", "HKG"), ("China, Macao SAR", "MAC"),
        ("Czech Republic", "CZE"), ("Slovak Republic", "SVK"), ("Macedonia", "MKD"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("Ivory Coast", "CIV"), ("Cote d'Ivoire", "CIV"), ("Swaziland", "SWZ"), ("Cabo Verde", "CPV"), ("Cape Verde", "CPV"),
        ("East Timor", "TLS"), ("Brunei", "BRN"), ("Micronesia", "FSM"), ("Palestine", "PSE"),
        ("State of Palestine", "PSE"), ("Vatican", "VAT"), ("Holy See", "VAT"),
        ("Kyrgyz Republic", "KGZ"), ("Gambia, The", "GMB"), ("The Gambia", "GMB"),
        ("Bahamas, The", "BHS"), ("Egypt, Arab Rep.", "EGY"), ("Iran, Islamic Rep.", "IRN"),
        ("Yemen, Rep.", "YEM"), ("Venezuela, RB", "VEN"), ("Micronesia, Fed. Sts.", "FSM"),
        ("St. Kitts and Nevis", "KNA"), ("St. Lucia", "LCA"), ("St. Vincent and the Grenadines", "VCT"),
        ("Sao Tome and Principe", "STP"), ("Curacao", "CUW"), ("Reunion", "REU"),
        ("New Caledonia", "NCL"), ("Greenland", "GRL"), ("Faroe Islands", "FRO"),
        // World Mining Data, World Bank and Comtrade spellings not covered above.
        ("Korea, Rep.", "KOR"), ("Korea, Dem. People's Rep.", "PRK"), ("Korea, Dem. Rep.", "PRK"),
        ("Dem. Rep. Korea", "PRK"), ("Congo, Democratic Republic of the", "COD"), ("Congo, Republic of the", "COG"),
        ("Cote dIvoire", "CIV"), ("Republic of Turkey", "TUR"), ("Vietnam, Socialist Republic of", "VNM"),
        ("Lao P.D.R.", "LAO"), ("Iran (Islamic Rep. of)", "IRN"), ("Venezuela (Bolivarian Rep. of)", "VEN"),
        ("Bosnia-Herzegovina", "BIH"), ("Bosnia Herzegovina", "BIH"), ("Dominican Rep.", "DOM"),
        ("Central African Rep.", "CAF"), ("Czech Rep.", "CZE"), ("Myanmar (Burma)", "MMR"),
        ("Hong Kong SAR, China", "HKG"), ("Macao SAR, China", "MAC"), ("Macau", "MAC"),
        ("The Netherlands", "NLD"), ("The Bahamas", "BHS"), ("UAE", "ARE"), ("Vatican City", "VAT"),
        ("Tanzania, United Rep.", "TZA"), ("Slovak Rep.", "SVK"), ("Russian Fed.", "RUS"),
        // Kosovo (user-assigned code XKX, see CountryTable.kosovo).
        ("Republic of Kosovo", "XKX"), ("Kosova", "XKX"),
        // UN Comtrade reference names, as World Mining Data ships them in Country_ISO.csv.
        ("Br. Virgin Isds", "VGB"), ("Cayman Isds", "CYM"), ("Cook Isds", "COK"), ("Faeroe Isds", "FRO"),
        ("Falkland Isds (Malvinas)", "FLK"), ("Marshall Isds", "MHL"), ("N. Mariana Isds", "MNP"),
        ("Solomon Isds", "SLB"), ("Turks and Caicos Isds", "TCA"), ("US Virgin Isds", "VIR"),
        ("Wallis and Futuna Isds", "WLF"), ("FS Micronesia", "FSM"), ("Saint Maarten", "SXM"), ("Bonaire", "BES"),
        ("Saint Helena", "SHN"),
        ("Saint Kitts, Nevis and Anguilla", "KNA"),
        // Countries that kept their ISO code when part of their territory left or joined: the
        // figures of the former extent belong to the same code (ISO kept SDN for Sudan when South
        // Sudan became independent in 2011, ETH when Eritrea did in 1993, PAK when Bangladesh did in 1971).
        ("Fmr Sudan", "SDN"), ("Sudan (former)", "SDN"), ("Fmr Ethiopia", "ETH"), ("East and West Pakistan", "PAK"),
        ("India, excl. Sikkim", "IND"), ("USA (before 1981)", "USA"), ("Fmr Fed. Rep. of Germany", "DEU"),
        ("Germany, West", "DEU"), ("West Germany", "DEU"), ("Fmr Arab Rep. of Yemen", "YEM"), ("North Yemen", "YEM"),
        ("Fmr Rep. of Vietnam", "VNM"), ("South Vietnam", "VNM"), ("Fmr Panama, excl.Canal Zone", "PAN"),
    ]
}
