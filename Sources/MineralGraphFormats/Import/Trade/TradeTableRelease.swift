/// The dataset release a trade file's name states, for the graph's source.
enum TradeTableRelease {
    /// `BACI_HS22_Y2022_V202401b.csv` → `HS22 V202401b`; `nil` when the name says nothing.
    static func parse(fileName: String, source: TradeSource) -> String? {
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        var parts: [String] = []
        for token in name.split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "-" }) {
            let upper = token.uppercased()
            if upper.hasPrefix("HS"), upper.count == 4, upper.dropFirst(2).allSatisfy(\.isASCIIDigit) {
                parts.append(upper)
            } else if token.first == "V", token.count >= 7, token.dropFirst().prefix(6).allSatisfy(\.isASCIIDigit) {
                parts.append(String(token))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
