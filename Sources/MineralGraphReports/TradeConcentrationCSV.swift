import MineralGraphAnalysis
import MineralGraphCore

/// Import-source concentration from a trade table as one CSV table (RFC 4180 quoting, LF line
/// ends, header first): product rows (`level` = `product`, one per importer and HS code), then
/// mineral rows (`level` = `mineral-stage`, one per importer, mineral and supplying stage).
///
/// `hhi_value` and `hhi_tonnes` have six decimals (0–10,000), shares four; amounts are in their
/// shortest form (`value_usd` in USD, `tonnes` gross at product level and contained where known
/// at mineral level). An empty HHI has its reason code in `value_unavailable` or
/// `tonnes_unavailable` (METHODS §1.5: no imports → no row; `MISSING_TONNES` when no partner
/// reports a quantity).
public struct TradeConcentrationCSV: Sendable {
    public static let columns = [
        "level", "importer", "hs_code", "mineral", "stage", "year", "partners", "value_usd", "hhi_value", "band_value",
        "value_unavailable", "tonnes", "hhi_tonnes", "band_tonnes", "tonnes_unavailable", "partners_without_tonnes",
        "top_partner", "top_partner_value_share", "reexport_value_usd",
    ]

    public init() {}

    public func format(_ result: TradeConcentrationResult) -> String {
        var out = Self.columns.joined(separator: ",") + "\n"
        out.reserveCapacity((result.byProduct.count + result.byMineral.count) * 120)
        // Sums of many rows carry binary noise (0.1 + 0.2): amounts are rounded to a millionth.
        let plain: (Double?) -> String = { $0.map { NumberFormatting.plain(($0 * 1e6).rounded() / 1e6) } ?? "" }
        let hhi: (Double?) -> String = { $0.map { CSVFormatter.fixed($0, 6) } ?? "" }
        for row in result.byProduct + result.byMineral {
            let fields: [String] = [
                row.level.rawValue, row.importer.rawValue, row.productCode ?? "", row.mineral?.rawValue ?? "",
                row.stage?.rawValue ?? "", String(row.year), String(row.partners), plain(row.valueUSD),
                hhi(row.hhiValue), row.bandValue?.rawValue ?? "", row.valueUnavailable?.code ?? "",
                plain(row.tonnes), hhi(row.hhiTonnes), row.bandTonnes?.rawValue ?? "", row.tonnesUnavailable?.code ?? "",
                String(row.partnersWithoutTonnes), row.topPartner?.rawValue ?? "",
                row.topPartnerValueShare.map { CSVFormatter.fixed($0, 4) } ?? "", plain(row.reexportValueUSD),
            ]
            out += fields.map(Escaping.csv).joined(separator: ",")
            out += "\n"
        }
        return out
    }
}
