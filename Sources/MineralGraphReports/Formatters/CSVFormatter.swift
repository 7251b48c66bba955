import MineralGraphAnalysis
import MineralGraphCore

/// The report as one CSV table (RFC 4180 quoting, LF line ends, header first).
///
/// **Concentration rows** come first: one per mineral × stage × year (country level), `section`
/// = `concentration`, with the concentration columns (`mineral` … `unavailable`) as before.
/// Numbers have fixed decimals: HHI and `n_eq` two, shares and normalized indices six; tonnes as
/// stored. `top` lists the top suppliers as `ISO3 share` pairs separated by `; `; `missing` lists
/// withheld nodes as `ISO3 node`. Empty cells are missing values.
///
/// **Metric rows** follow, one per figure (long format), as ``Report/rows()`` flattens the
/// report (less its `concentration` rows, given above): `section` (`facility_concentration`,
/// `import_concentration`, `bottleneck`, `value_added`, `value_capture`, `unit_values`,
/// `trade_balance`, `terms_of_trade`, `bilateral`, `water`, `virtual_water`, `burden_benefit`,
/// `waste`), what the figure describes (`item_kind`: `chain`, `stage`, `step`, `country`,
/// `group`, `node`, `pair`, `quantity`, `mineral`; `item` its id;
/// `item_name`), `metric` (snake_case name), `unit` and `value` (the JSON's rounded number in
/// shortest form, or a label for `band`, `band_by_*`, `stage` (bottleneck), `quadrant`,
/// `eue_flag`, `compensated_exporter`, `measured_stages`). `mineral`, `stage`, `year` and `basis` are filled where they apply; the
/// other concentration columns are empty. A missing value has an empty `value`, its code in
/// `unavailable` and its reason in `reason`. Countries without product trade are left out of
/// `trade_balance`, `terms_of_trade` and `virtual_water`, and countries no waste or recovered
/// fraction reaches or leaves out of `waste` (the JSON lists them with `NO_TRADE` or zeros).
public struct CSVFormatter: ReportFormatter {
    /// The concentration columns, in order.
    public static let concentrationColumns = [
        "mineral", "stage", "year", "basis", "hhi", "hhi_lo", "hhi_hi", "hhi_naive", "cr1", "cr3", "n_eq", "h_norm",
        "h_unctad", "band", "band_robust", "residual_share", "residual_flag", "supplier_count", "total_tonnes",
        "residual_tonnes", "complete", "missing", "top", "unavailable",
    ]

    /// The columns of the metric rows, after the concentration columns.
    public static let metricColumns = ["section", "item_kind", "item", "item_name", "metric", "unit", "value", "reason"]

    public static let columns = concentrationColumns + metricColumns

    public init() {}

    public func format(_ report: Report) -> String {
        var out = Self.columns.joined(separator: ",") + "\n"
        // Wide lines first (the concentration rows), then every other section's long rows.
        var long = MetricRows(year: report.graph.year)
        for section in ReportSections.all {
            if let lines = section.csvLines(of: report) {
                out += lines.joined()
            } else {
                section.rows(of: report, into: &long)
            }
        }
        for row in long.rows { out += Self.line(row) }
        return out
    }

    /// A concentration row, wide: the concentration columns, then `section` = `concentration`
    /// and the reason of a missing HHI.
    static func line(_ row: Report.ConcentrationRow) -> String {
        let plain: (Double?) -> String = { $0.map(NumberFormatting.plain) ?? "" }
        let hhi: (Double?) -> String = { $0.map { fixed($0, 2) } ?? "" }
        let share: (Double?) -> String = { $0.map { fixed($0, ReportUnit.share.decimals) } ?? "" }
        let fields: [String] = [
            row.mineral.rawValue, row.stage.rawValue, String(row.year), row.basis,
            hhi(row.hhi), hhi(row.hhiLo), hhi(row.hhiHi), hhi(row.hhiNaive),
            share(row.cr1), share(row.cr3), hhi(row.nEq), share(row.hNorm), share(row.hUnctad),
            row.band?.rawValue ?? "", row.bandRobust.map { $0 ? "true" : "false" } ?? "",
            share(row.residualShare), row.residualFlag ? "true" : "false", String(row.supplierCount),
            plain(row.totalTonnes), plain(row.residualTonnes), row.complete ? "true" : "false",
            row.missing.map { "\($0.country) \($0.node)" }.joined(separator: "; "),
            row.top.map { "\($0.country) " + ($0.share.map { fixed($0, ReportUnit.share.decimals) } ?? "") }.joined(separator: "; "),
            row.unavailable?.code.rawValue ?? "",
            "concentration", "", "", "", "", "", "", row.unavailable?.reason ?? "",
        ]
        return fields.map(Escaping.csv).joined(separator: ",") + "\n"
    }

    /// A metric row: the concentration columns empty except `mineral`, `stage`, `year`,
    /// `basis` and `unavailable` (the code of a missing value).
    static func line(_ row: ReportRow) -> String {
        var code = "", reason = ""
        if case .unavailable(let missing) = row.value { (code, reason) = (missing.code.rawValue, missing.reason) }
        var fields = [row.key.mineral, row.key.stage, String(row.year), row.basis]
        fields += Array(repeating: "", count: concentrationColumns.count - 5)
        fields.append(code)
        fields += [row.key.section, row.key.itemKind, row.key.item, row.itemName, row.key.metric, row.key.unit, row.value.text, reason]
        return fields.map(Escaping.csv).joined(separator: ",") + "\n"
    }

    /// `value` with exactly `decimals` decimals (`0.6800`, `4732.00`), no grouping.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        NumberFormatting.grouped(value, decimals: decimals).replacingAll(",", with: "")
    }
}
