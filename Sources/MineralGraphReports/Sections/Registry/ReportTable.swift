import MineralGraphAnalysis
import MineralGraphCore

/// One tidy table of a report section (`report --format csv --out-dir DIR` writes each as
/// `DIR/<graph-file-stem>/<name>.csv`): one row per thing measured (a market, an importer, a
/// country, a step …), one column per figure, names beside codes.
///
/// Every section has its tables by conforming to `ReportSection`: by default one table per
/// row section of its ``ReportRow``s (`ReportSection/tables(_:in:)`), pivoted by
/// ``pivoted(_:)``. Concentration and import concentration give their own, with the top
/// suppliers and partners as columns.
public struct ReportTable: Hashable, Sendable {
    /// The file stem: the ``ReportRow/Key/section`` name of the rows (`concentration`,
    /// `import_concentration`, `value_capture` …).
    public var name: String
    public var columns: [String]
    /// Cells as text (numbers in their shortest form, empty for missing values), in column order.
    public var rows: [[String]]

    public init(name: String, columns: [String], rows: [[String]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 CSV with LF line ends, header first; text a spreadsheet would run as a formula
    /// is guarded (`CSVText/field(_:)`).
    public var csv: String {
        var out = CSVText.record(columns)
        for row in rows { out += CSVText.record(row) }
        return out
    }

    /// The columns that say what a pivoted row describes, in order.
    public static let itemColumns = ["mineral", "stage", "year", "basis", "item_kind", "item", "item_name"]

    /// Long rows as one tidy table per row section, in the order the sections first occur: one
    /// table row per item (mineral, stage, year, basis, item kind, item and its name), one
    /// column per metric in the order the metrics first occur. A metric whose unit is not the
    /// same in every row (other than tonnes on the row's `basis`) gets one column per unit,
    /// `<metric>_<unit>`; a metric named like an item column (the bottleneck's `stage`) is
    /// `<table>_<metric>`. A metric with some missing value gets a `<metric>_unavailable`
    /// column with the reason's code.
    public static func pivoted(_ rows: [ReportRow]) -> [ReportTable] {
        var order: [String] = []
        var bySection: [String: [ReportRow]] = [:]
        for row in rows {
            if bySection[row.key.section] == nil { order.append(row.key.section) }
            bySection[row.key.section, default: []].append(row)
        }
        return order.map { pivot(name: $0, bySection[$0]!) }
    }

    private struct Item: Hashable {
        var cells: [String]
    }

    private static func pivot(name: String, _ rows: [ReportRow]) -> ReportTable {
        /// A tonnes unit on the row's own basis reads from the `basis` column.
        func unit(_ row: ReportRow) -> String { !row.basis.isEmpty && row.key.unit == row.basis ? "" : row.key.unit }
        var metrics: [String] = []
        var units: [String: [String]] = [:]
        var unavailable: Set<String> = []
        for row in rows {
            let metric = row.key.metric
            if units[metric] == nil { metrics.append(metric) }
            if !(units[metric] ?? []).contains(unit(row)) { units[metric, default: []].append(unit(row)) }
            if row.value.unavailable != nil { unavailable.insert(metric) }
        }
        // A metric named like an item column (the bottleneck's `stage`) takes the table's name in front.
        func base(_ metric: String) -> String { itemColumns.contains(metric) ? name + "_" + metric : metric }
        func column(_ metric: String, _ unit: String) -> String {
            units[metric]!.count > 1 ? base(metric) + "_" + slug(unit.isEmpty ? "basis" : unit) : base(metric)
        }
        var columns = itemColumns
        for metric in metrics {
            for unit in units[metric]! { columns.append(column(metric, unit)) }
            if unavailable.contains(metric) { columns.append(base(metric) + "_unavailable") }
        }
        let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var items: [Item] = []
        var cells: [Item: [String]] = [:]
        for row in rows {
            let item = Item(cells: [row.key.mineral, row.key.stage, String(row.year), row.basis, row.key.itemKind, row.key.item, row.itemName])
            if cells[item] == nil {
                items.append(item)
                cells[item] = item.cells + Array(repeating: "", count: columns.count - itemColumns.count)
            }
            cells[item]![index[column(row.key.metric, unit(row))]!] = row.value.text
            if let missing = row.value.unavailable { cells[item]![index[base(row.key.metric) + "_unavailable"]!] = missing.code.rawValue }
        }
        return ReportTable(name: name, columns: columns, rows: items.map { cells[$0]! })
    }

    /// `t Li2O` → `t_li2o`: lowercase ASCII letters and digits, other runs as one `_`.
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && !out.hasSuffix("_") {
                out += "_"
            }
        }
        return out.hasSuffix("_") ? String(out.dropLast()) : out
    }
}

extension Report {
    /// Every section's tidy tables, in registry order (`ReportSections/all`): what
    /// `report --format csv --out-dir` writes, one CSV file per table.
    public func tables() -> [ReportTable] {
        ReportSections.all.filter { selection?.contains($0.key) ?? true }.flatMap { $0.tables(of: self) }
    }
}
