import MineralGraphCore

/// The country-level concentration table as CSV: one row per mineral × stage × year, with
/// the JSON's columns (RFC 4180 quoting, LF line ends, header first).
///
/// Numbers have fixed decimals: HHI and `n_eq` two, shares and normalized indices four;
/// tonnes as stored. `top` lists the top suppliers as `ISO3 share` pairs separated by `; `;
/// `missing` lists withheld nodes as `ISO3 node`. Empty cells are missing values.
public struct CSVFormatter: ReportFormatter {
    public static let columns = [
        "mineral", "stage", "year", "basis", "hhi", "hhi_lo", "hhi_hi", "hhi_naive", "cr1", "cr3", "n_eq", "h_norm",
        "h_unctad", "band", "band_robust", "residual_share", "residual_flag", "supplier_count", "total_tonnes",
        "residual_tonnes", "complete", "missing", "top", "unavailable",
    ]

    public init() {}

    public func format(_ report: Report) -> String {
        var out = Self.columns.joined(separator: ",") + "\n"
        for row in report.concentration {
            let plain: (Double?) -> String = { $0.map(NumberFormatting.plain) ?? "" }
            let hhi: (Double?) -> String = { $0.map { Self.fixed($0, 2) } ?? "" }
            let share: (Double?) -> String = { $0.map { Self.fixed($0, 4) } ?? "" }
            let fields: [String] = [
                row.mineral.rawValue, row.stage.rawValue, String(row.year), row.basis,
                hhi(row.hhi), hhi(row.hhiLo), hhi(row.hhiHi), hhi(row.hhiNaive),
                share(row.cr1), share(row.cr3), hhi(row.nEq), share(row.hNorm), share(row.hUnctad),
                row.band?.rawValue ?? "", row.bandRobust.map { $0 ? "true" : "false" } ?? "",
                share(row.residualShare), row.residualFlag ? "true" : "false", String(row.supplierCount),
                plain(row.totalTonnes), plain(row.residualTonnes), row.complete ? "true" : "false",
                row.missing.map { "\($0.country) \($0.node)" }.joined(separator: "; "),
                row.top.map { "\($0.country) " + ($0.share.map { Self.fixed($0, 4) } ?? "") }.joined(separator: "; "),
                row.unavailable?.code ?? "",
            ]
            out += fields.map(Escaping.csv).joined(separator: ",") + "\n"
        }
        return out
    }

    /// `value` with exactly `decimals` decimals (`0.6800`, `4732.00`), no grouping.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        NumberFormatting.grouped(value, decimals: decimals).replacingAll(",", with: "")
    }
}
