import MineralGraphAnalysis
import MineralGraphCore

/// Import-source concentration from a trade table as one CSV table (RFC 4180 quoting, LF line
/// ends, header first): product rows (`level` = `product`, one per importer and HS code), then
/// mineral rows (`level` = `mineral-stage`, one per importer, mineral and supplying stage).
///
/// `hhi_value` and `hhi_tonnes` have six decimals (0–10,000), shares six (0…1); amounts are
/// in their shortest form (`value_usd` in USD, `tonnes` gross at product level and contained
/// where known at mineral level). An empty HHI has its reason code in `value_unavailable` or
/// `tonnes_unavailable` (METHODS §1.5: no imports → no row; `MISSING_TONNES` when no partner
/// reports a quantity).
///
/// `hs_code` is `HS` and the code as the file gives it (`HS260500`, `HS081110`): text in every
/// spreadsheet and data-frame reader, with its leading zeros, without telling the reader its
/// type (digits alone would be read as a number, and as a float next to the empty cells of
/// the mineral rows). The three largest partners by value follow with their names and value
/// shares (`top_partner`, `top_partner_name`, `top_partner_value_share`, then `partner_2_…`
/// and `partner_3_…`; empty when there are fewer partners).
public struct TradeConcentrationCSV: Sendable {
    public static let columns = [
        "level", "importer", "hs_code", "mineral", "stage", "year", "partners", "value_usd", "hhi_value", "band_value",
        "value_unavailable", "tonnes", "hhi_tonnes", "band_tonnes", "tonnes_unavailable", "partners_without_tonnes",
        "top_partner", "top_partner_name", "top_partner_value_share", "partner_2", "partner_2_name", "partner_2_value_share",
        "partner_3", "partner_3_name", "partner_3_value_share", "reexport_value_usd",
    ]

    /// The `hs_code` cell of an HS code: `HS` and the code (`HS260500`).
    public static func hsCodeCell(_ code: String?) -> String {
        code.map { "HS" + $0 } ?? ""
    }

    public init() {}

    public func format(_ result: TradeConcentrationResult) -> String {
        var out = Self.columns.joined(separator: ",") + "\n"
        out.reserveCapacity((result.byProduct.count + result.byMineral.count) * 160)
        // Sums of many rows carry binary noise (0.1 + 0.2): amounts are rounded to a millionth.
        let plain: (Double?) -> String = { $0.map { NumberFormatting.plain(($0 * 1e6).rounded() / 1e6) } ?? "" }
        let hhi: (Double?) -> String = { $0.map { Self.fixed($0, decimals: 6) } ?? "" }
        let share: (Double?) -> String = { $0.map { Self.fixed($0, decimals: 6) } ?? "" }
        for row in result.byProduct + result.byMineral {
            // Only the HS code comes from the file as text, and the partners' names from the
            // country table; every other field is a code or a number.
            var partners: [String] = []
            for index in 0..<TradeConcentration.topPartnerCount {
                let partner = index < row.topPartners.count ? row.topPartners[index] : nil
                partners += [
                    partner?.country.rawValue ?? "", Escaping.csv(partner.map { ReportBuilder.countryName($0.country) } ?? ""),
                    share(partner?.valueShare),
                ]
            }
            let fields: [String] = [
                row.level.rawValue, row.importer.rawValue, Escaping.csv(Self.hsCodeCell(row.productCode)), row.mineral?.rawValue ?? "",
                row.stage?.rawValue ?? "", String(row.year), String(row.partners), plain(row.valueUSD),
                hhi(row.hhiValue), row.bandValue?.rawValue ?? "", row.valueUnavailable?.code.rawValue ?? "",
                plain(row.tonnes), hhi(row.hhiTonnes), row.bandTonnes?.rawValue ?? "", row.tonnesUnavailable?.code.rawValue ?? "",
                String(row.partnersWithoutTonnes),
            ] + partners + [plain(row.reexportValueUSD)]
            out += fields.joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// A non-negative value with exactly `decimals` decimals (`4732.000000`), by integer
    /// arithmetic: `String(format:)` is slow for tens of thousands of rows. Values whose scaled
    /// form does not fit 2^53 fall back to ``CSVFormatter``'s formatting.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard value >= 0, scaled < 9_007_199_254_740_992 else { return CSVFormatter.fixed(value, decimals) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let fraction = String(units % divisor)
        return "\(units / divisor)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
