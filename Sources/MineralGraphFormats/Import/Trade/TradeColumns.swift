/// Header names of BACI and UN Comtrade files, matched without case, spaces or punctuation
/// (`reporterCode`, `Reporter Code` and `reporter_code` are one name).
enum TradeColumns {
    /// Lower-case letters and digits only.
    static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// Column index by ``key(_:)`` of each header name (the first of duplicates).
    static func index(_ header: CSVRecord) -> [String: Int] {
        var index: [String: Int] = [:]
        for i in 0..<header.count where index[key(header[i])] == nil { index[key(header[i])] = i }
        return index
    }

    /// The first of `names` that the header has.
    static func find(_ names: [String], in index: [String: Int]) -> Int? {
        for name in names { if let i = index[key(name)] { return i } }
        return nil
    }

    // BACI (`t,i,j,k,v,q`; early releases `t,hs6,i,j,v,q`; spelled-out variants).
    static let baciYear = ["t", "year"]
    static let baciExporter = ["i", "exporter"]
    static let baciImporter = ["j", "importer"]
    static let baciProduct = ["k", "hs6", "product"]
    static let baciValue = ["v", "value"]
    static let baciQuantity = ["q", "quantity"]

    // UN Comtrade: the API / Comtrade+ names first, then the legacy bulk-download names, then the
    // legacy API's (`rtCode`, `ptCode`, `yr`, `rgCode`, `TradeValue`, `NetWeight` ...). Files
    // written from the legacy API's sheets mix the two legacy spellings.
    static let comtradeYear = ["refYear", "Year", "yr"]
    static let comtradePeriod = ["period", "Period"]
    static let comtradeReporter = ["reporterCode", "Reporter Code", "rtCode"]
    static let comtradeReporterISO = ["reporterISO", "Reporter ISO", "rt3ISO"]
    static let comtradePartner = ["partnerCode", "Partner Code", "ptCode"]
    static let comtradePartnerISO = ["partnerISO", "Partner ISO", "pt3ISO"]
    static let comtradePartner2 = ["partner2Code", "2nd Partner Code", "ptCode2"]
    static let comtradeFlow = ["flowCode", "Trade Flow Code", "rgCode"]
    static let comtradeProduct = ["cmdCode", "Commodity Code"]
    static let comtradeProductName = ["cmdDesc", "Commodity", "cmdDescE"]
    static let comtradeValue = ["primaryValue", "Trade Value (US$)", "TradeValue"]
    static let comtradeNetWeight = ["netWgt", "Netweight (kg)", "NetWeight"]
    static let comtradeQuantity = ["qty", "Qty", "TradeQuantity"]
    static let comtradeQuantityUnit = ["qtyUnitAbbr", "Qty Unit", "qtDesc"]
    static let comtradeQuantityUnitCode = ["qtyUnitCode", "Qty Unit Code", "qtCode"]
    static let comtradeMode = ["motCode", "Mode of Transport Code"]
    static let comtradeCustoms = ["customsCode", "Customs Proc. Code", "cstCode"]
    /// The HS revision of the row (`H0` = HS 1992 … `H6` = HS 2022).
    static let comtradeClassification = ["classificationCode", "Classification", "pfCode"]
}
