import MineralGraphAnalysis
import MineralGraphCore

/// One figure of a ``Report``, in long format: what it describes (the ``Key``), its value or
/// why it has none. ``Report/rows()`` flattens a whole report into these rows; the CSV format
/// prints them and ``ReportComparison`` joins two reports' rows on their keys, so both see the
/// same metrics and a metric added to the flattening shows up in both.
public struct ReportRow: Hashable, Sendable {
    /// What a figure describes: unique within one report.
    ///
    /// Sections: `concentration` and `facility_concentration` (C1 per mineral × stage, item
    /// kind `stage`; the top suppliers' `top_share` with item kind `country` or `node`),
    /// `import_concentration` (C2 per importer: item kind `country`), `bottleneck` (C3, item
    /// kind `mineral`), then `value_added`, `value_capture`, `unit_values`, `trade_balance`,
    /// `terms_of_trade`, `bilateral`, `water`, `virtual_water`, `burden_benefit` and `waste`
    /// (see ``CSVFormatter``). Empty strings stand for "does not apply".
    public struct Key: Hashable, Sendable, CustomStringConvertible {
        public var section: String
        public var mineral: String
        public var stage: String
        /// The row's year when it differs from the graph's (outputs of other years); `nil` for
        /// the graph's own year, so that graphs of different years join.
        public var year: Int?
        /// `chain`, `stage`, `step`, `country`, `group`, `node`, `pair`, `quantity`, `mineral`.
        public var itemKind: String
        public var item: String
        /// snake_case metric name (`hhi`, `value_added_usd`).
        public var metric: String
        /// `HHI`, `share`, `USD`, `t`, `t Co`, `label`, `flag`, `count` ...
        public var unit: String

        public init(
            section: String, mineral: String = "", stage: String = "", year: Int? = nil, itemKind: String, item: String,
            metric: String, unit: String
        ) {
            self.section = section
            self.mineral = mineral
            self.stage = stage
            self.year = year
            self.itemKind = itemKind
            self.item = item
            self.metric = metric
            self.unit = unit
        }

        /// `section mineral/stage item_kind:item metric [unit]`, for messages.
        public var description: String {
            let market = [mineral, stage, year.map(String.init) ?? ""].filter { !$0.isEmpty }.joined(separator: "/")
            return [section, market, "\(itemKind):\(item)", metric, "[\(unit)]"].filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    /// A figure: a number, a label (a band, a quadrant, a flag), or the reason it is missing.
    public enum Value: Hashable, Sendable {
        case number(Double)
        case label(String)
        case unavailable(Unavailable)

        public var number: Double? {
            if case .number(let value) = self { value } else { nil }
        }

        /// The label, when the value is one.
        public var label: String? {
            if case .label(let label) = self { label } else { nil }
        }

        /// The reason, when the value is unavailable.
        public var unavailable: Unavailable? {
            if case .unavailable(let missing) = self { missing } else { nil }
        }

        /// The number in shortest form, the label, or empty when unavailable (as in the CSV).
        public var text: String {
            switch self {
            case .number(let value): NumberFormatting.plain(value)
            case .label(let label): label
            case .unavailable: ""
            }
        }

        init(_ metric: Report.Metric) {
            if let value = metric.value {
                self = .number(value)
            } else {
                self = .unavailable(metric.unavailable ?? Unavailable(.missingValue, "no value"))
            }
        }

        init(_ value: Double?, unavailable: Unavailable?) {
            self = value.map(Value.number) ?? .unavailable(unavailable ?? Unavailable(.missingValue, "no value"))
        }
    }

    public var key: Key
    /// The item's name for people (a country's or node's name); may be empty.
    public var itemName: String
    /// What the tonnes measure (`t Co`), where it applies.
    public var basis: String
    /// The row's year (the graph's year unless the figure is for another one).
    public var year: Int
    public var value: Value

    public init(key: Key, itemName: String = "", basis: String = "", year: Int, value: Value) {
        self.key = key
        self.itemName = itemName
        self.basis = basis
        self.year = year
        self.value = value
    }
}

extension Report {
    /// Every figure of the report as keyed rows, in a fixed order: sections in registry order
    /// (`ReportSections/all`), rows within a section in the report's own order. Without
    /// ``detail`` the per-node and per-pair rows are left out (each section's summary).
    public func rows() -> [ReportRow] {
        var rows = MetricRows(year: graph.year)
        for section in ReportSections.all { section.rows(of: self, into: &rows) }
        return rows.rows
    }
}
