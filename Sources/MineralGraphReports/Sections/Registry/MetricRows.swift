import MineralGraphAnalysis
import MineralGraphCore

/// Flattens a ``Report`` into ``ReportRow``s (``Report/rows()``).
struct MetricRows {
    /// The graph's year.
    let year: Int
    private(set) var rows: [ReportRow] = []

    /// Context of the rows being written.
    struct Context {
        var section: String
        var mineral = ""
        var stage = ""
        /// The rows' year when not the graph's.
        var year: Int?
        var basis = ""
        var itemKind = ""
        var item = ""
        var itemName = ""
    }

    init(year: Int) { self.year = year }

    mutating func emit(_ c: Context, _ metric: String, _ unit: ReportUnit, _ value: ReportRow.Value) {
        let rowYear = c.year ?? year
        let key = ReportRow.Key(
            section: c.section, mineral: c.mineral, stage: c.stage, year: rowYear == year ? nil : rowYear,
            itemKind: c.itemKind, item: c.item, metric: metric, unit: unit.label)
        rows.append(ReportRow(key: key, itemName: c.itemName, basis: c.basis, year: rowYear, value: value))
    }

    mutating func emit(_ c: Context, _ metric: String, _ unit: ReportUnit, value label: String) {
        emit(c, metric, unit, .label(label))
    }

    mutating func emit(_ c: Context, _ metric: String, _ unit: ReportUnit, count: Int) {
        emit(c, metric, unit, .number(Double(count)))
    }

    mutating func emit(_ c: Context, _ metric: String, _ unit: ReportUnit, _ value: Report.Metric) {
        emit(c, metric, unit, ReportRow.Value(value))
    }

    mutating func emit(_ c: Context, _ prefix: String, _ unit: ReportUnit, _ flows: Report.Flows) {
        emit(c, prefix + "_exported", unit, flows.exported)
        emit(c, prefix + "_imported", unit, flows.imported)
        emit(c, prefix + "_net", unit, flows.net)
    }

    static func party(_ section: String, _ party: CountryOrGroup, mineral: String = "", basis: String = "") -> Context {
        Context(section: section, mineral: mineral, basis: basis, itemKind: party.kind.rawValue, item: party.id, itemName: party.name)
    }

    /// `water-consumption-m3` → `water_consumption_m3`.
    static func snake(_ id: String) -> String { id.replacingAll("-", with: "_") }

}
