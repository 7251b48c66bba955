/// The dataset release a trade file's name states, for the graph's source.
enum TradeTableRelease {
    /// `BACI_HS22_Y2022_V202401b.csv` → `HS22 V202401b`; `nil` when the name says nothing.
    static func parse(fileName: String, source: TradeSource) -> String? {
        let parts = tokens(fileName).filter { isRevision($0) || isVersion($0) }.map { isRevision($0) ? $0.uppercased() : $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The release version a name states: `country_codes_V202201.csv` → `V202201`.
    static func version(fileName: String) -> String? {
        tokens(fileName).first(where: isVersion)
    }

    /// The HS revision a name states: `BACI_HS92_Y2023_V202501.csv` → HS 1992.
    static func revision(fileName: String) -> HSRevision? {
        tokens(fileName).first(where: isRevision).flatMap { HSRevision($0) }
    }

    private static func tokens(_ fileName: String) -> [String] {
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        return name.split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "-" || $0 == " " }).map(String.init)
    }

    private static func isRevision(_ token: String) -> Bool {
        token.uppercased().hasPrefix("HS") && token.count == 4 && token.dropFirst(2).allSatisfy(\.isASCIIDigit)
    }

    private static func isVersion(_ token: String) -> Bool {
        token.first == "V" && token.count >= 7 && token.dropFirst().prefix(6).allSatisfy(\.isASCIIDigit)
    }
}
