/// Spellings of country names that statistical sources print, mapped to ISO alpha-3 codes.
///
/// Sources of the spellings: USGS Mineral Commodity Summaries 2024 ("Congo (Kinshasa)",
/// "Burma", "Korea, Republic of"), World Mining Data 2024 ("Congo, D.R.", "Türkiye"),
/// UN Comtrade and CEPII BACI reference tables ("Dem. Rep. of the Congo", "Rep. of Korea",
/// "Other Asia, nes" for Taiwan) and World Bank tables ("Korea, Rep.", "Lao PDR"). Names already in
/// ISO 3166-1 need no entry here; matching ignores case, accents and punctuation, so "Türkiye",
/// "Turkiye" and "TURKIYE" are one key.
enum CountryAliases {
    static let table: [(String, String)] = [
        ("Congo (Kinshasa)", "COD"), ("Congo, D.R.", "COD"), ("DR Congo", "COD"), ("DRC", "COD"),
        ("Democratic Republic of the Congo", "COD"), ("Dem. Rep. of the Congo", "COD"),
        ("Congo, Dem. Rep.", "COD"), ("Zaire", "COD"),
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
        ("Ivory Coast", "CIV"), ("Cote d'Ivoire", "CIV"), ("Swaziland", "SWZ"), ("Cabo Verde", "CPV"),
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
    ]
}
