import Foundation
import MineralGraphCore

/// A synthetic CEPII BACI file shaped like the mineral chapters of a real year.
///
/// - About 200 countries (ISO numeric codes, with BACI's own 251, 579, 699, 757, 842 and 490).
/// - The six-digit codes of the built-in product map plus as many unmapped codes (iron ore,
///   gold, petroleum oils ...), so that unknown codes are counted on the way; above about
///   1.3M rows, more unmapped codes of chapters 01–10 (about 15,000 rows per code).
/// - For each product and importer, a number of partners that grows with the importer's size
///   (Zipf weights), drawn without replacement with Zipf-like exporter weights (a few large
///   suppliers per product, a long tail), so import-source HHIs span the whole range.
/// - Values in thousand USD (3 decimals), also Zipf-shaped by exporter rank with log-normal
///   noise; quantities in tonnes from a unit value per product, with 15 % `NA`, 2 % `  NA ` and
///   2 % empty, as real releases have.
/// - Deterministic for a seed (SplitMix64).
struct SyntheticBACI {
    var targetRows: Int
    var seed: UInt64

    struct File {
        var bytes: [UInt8]
        var rows: Int
        var countries: Int
        var products: Int
        var rowsWithoutQuantity: Int
        /// The companion table in BACI's `country_codes_V202401.csv` layout.
        var countryCodes: String
    }

    static let mappedCodes = [
        "250410", "250490", "253090", "260200", "260300", "260400", "260500", "260600", "260800", "260900", "261100",
        "261400", "280461", "280469", "280530", "282200", "282520", "283691", "284610", "284690", "380110", "740311",
        "740312", "740319", "740400", "750110", "750120", "750210", "750220", "750300", "760110", "760120", "790111",
        "800110", "810520", "810530", "810590", "850511", "854911", "854912", "854919", "854921", "854929", "854991",
    ]
    static let unmappedCodes = [
        "260111", "260112", "260120", "260700", "261000", "261210", "261220", "261310", "261390", "261510", "261590",
        "261610", "261690", "261710", "261790", "262011", "262019", "271012", "271019", "280410", "280421", "280429",
        "281810", "281820", "282010", "282090", "282110", "282300", "282410", "282560", "282570", "282590", "710812",
        "710813", "711011", "711021", "720211", "720219", "720241", "720260", "810194", "810320", "810411", "811010",
    ]

    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in (0, 1).
        mutating func unit() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }
        /// Standard normal (Box–Muller).
        mutating func normal() -> Double { (-2 * unit().log()).squareRoot() * (2 * Double.pi * unit()).cosine() }
        mutating func shuffled<T>(_ values: [T]) -> [T] {
            var values = values
            for i in stride(from: values.count - 1, to: 0, by: -1) { values.swapAt(i, Int(next() % UInt64(i + 1))) }
            return values
        }
    }

    func make() -> File {
        var random = Generator(state: seed)
        // BACI's codes: ISO numeric except where BACI has its own.
        let baciOwn: [String: Int] = ["FRA": 251, "NOR": 579, "IND": 699, "CHE": 757, "USA": 842, "TWN": 490]
        let chosen = Array(CountryTable.all.filter { !$0.isHistorical && ($0.numeric ?? 0) > 0 && ($0.numeric ?? 0) < 900 }.prefix(200))
        let countries = chosen.map { baciOwn[$0.code.rawValue] ?? $0.numeric! }
        var countryCodes = "country_code,country_name,country_iso2,country_iso3\n"
        for (country, code) in zip(chosen, countries).sorted(by: { $0.1 < $1.1 }) {
            countryCodes += "\(code),\"\(country.name)\",\(country.alpha2),\(code == 490 ? "S19" : country.code.rawValue)\n"
        }
        // Above about 1.3M rows, more unmapped codes (chapters 01–10, as 010010, 010020 …) so that
        // importers do not run out of partners: about 15,000 rows per code, as in a real year
        // (BACI: about 5,000 codes, 11M rows).
        let extra = max(0, targetRows / 15_000 - Self.mappedCodes.count - Self.unmappedCodes.count)
        let extraCodes = (0..<extra).map { k -> String in
            let code = String(10_010 + 10 * k)
            return String(repeating: "0", count: 6 - code.count) + code
        }
        let products = Self.mappedCodes + Self.unmappedCodes + extraCodes
        let n = countries.count
        let importerWeights = random.shuffled((1...n).map { 1 / Double($0).power(0.8) })
        let meanWeight = importerWeights.reduce(0, +) / Double(n)

        // Partners per (product, importer): proportional to the importer's size with noise, capped
        // at every other country, and scaled so that the rows add up to exactly `targetRows`.
        var expected = [Double]()
        for _ in products { for j in 0..<n { expected.append(importerWeights[j] / meanWeight * (0.5 + random.unit())) } }
        func counts(_ factor: Double) -> [Int] { expected.map { min(n - 1, Int((factor * $0).rounded())) } }
        var factor = Double(targetRows) / Double(products.count * n)
        for _ in 0..<30 {
            let total = counts(factor).reduce(0, +)
            if total == targetRows || total == 0 { break }
            factor *= Double(targetRows) / Double(total)
        }
        var partnerCounts = counts(factor)
        var missing = targetRows - partnerCounts.reduce(0, +)
        var group = 0
        while missing != 0 && group < partnerCounts.count * 2 {
            let g = group % partnerCounts.count
            if missing > 0 && partnerCounts[g] < n - 1 { partnerCounts[g] += 1; missing -= 1 }
            if missing < 0 && partnerCounts[g] > 0 { partnerCounts[g] -= 1; missing += 1 }
            group += 1
        }

        var out: [UInt8] = Array("t,i,j,k,v,q\n".utf8)
        out.reserveCapacity(targetRows * 34)
        var rows = 0, withoutQuantity = 0
        for (p, product) in products.enumerated() {
            // Each product has its own ranking of exporters and its own unit value (kUSD per t).
            let exporterRank = random.shuffled(Array(0..<n))
            let unitValue = (random.normal() * 1.2 + 0.5).exponential()
            for j in 0..<n {
                let count = partnerCounts[p * n + j]
                guard count > 0 else { continue }
                // Weighted sampling without replacement (Efraimidis–Spirakis): keys u^(1/w).
                var keyed: [(key: Double, exporter: Int)] = []
                keyed.reserveCapacity(n - 1)
                for i in 0..<n where i != j {
                    let weight = 1 / Double(exporterRank[i] + 1).power(1.1)
                    keyed.append((random.unit().log() / weight, i))
                }
                keyed.sort { $0.key > $1.key }
                for (_, i) in keyed.prefix(count) {
                    let value = 1000 / Double(exporterRank[i] + 1) * (random.normal() * 1.5).exponential()
                    let valueText = Self.fixed3(max(value, 0.001))
                    var quantityText: String
                    let draw = random.unit()
                    if draw < 0.15 {
                        quantityText = "NA"
                    } else if draw < 0.17 {
                        quantityText = "  NA "
                    } else if draw < 0.19 {
                        quantityText = ""
                    } else {
                        quantityText = Self.fixed3(max(value / unitValue * (random.normal() * 0.3).exponential(), 0.001))
                    }
                    if draw < 0.19 { withoutQuantity += 1 }
                    out += Array("2022,\(countries[i]),\(countries[j]),\(product),\(valueText),\(quantityText)\n".utf8)
                    rows += 1
                }
            }
        }
        return File(bytes: out, rows: rows, countries: n, products: products.count, rowsWithoutQuantity: withoutQuantity, countryCodes: countryCodes)
    }

    /// `value` with three decimals, without Foundation's formatter (millions of rows).
    static func fixed3(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = thousandths % 1000
        return "\(thousandths / 1000)." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + "\(fraction)"
    }
}

extension Double {
    func log() -> Double { Foundation.log(self) }
    func exponential() -> Double { Foundation.exp(self) }
    func cosine() -> Double { Foundation.cos(self) }
    /// `self` raised to `exponent`.
    func power(_ exponent: Double) -> Double { Foundation.pow(self, exponent) }
}
