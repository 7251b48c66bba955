import MineralGraphAnalysis
import MineralGraphCore

/// Writes a ``ReportComparison`` in one of the report formats.
///
/// - **Markdown / HTML**: the headline first — HHI per mineral and stage before and after
///   with ΔHHI and band changes, then the largest changes of any metric — then one table per
///   section of the rows that changed, were added or were removed; unchanged rows are counted.
/// - **JSON** (`mineral-graph-comparison/1`, snake_case keys, sorted, every key present):
///   `format`, `before` and `after` (`name`, `year`, `file`), `summary` (`rows`, `unchanged`,
///   `changed`, `added`, `removed`, `changed_only`) and `rows`, each with the key fields
///   (`section`, `mineral`, `stage`, `year` — `null` for each graph's own year —, `item_kind`,
///   `item`, `metric`, `unit`), `item_name`, `basis`, `status`, `before` and `after` (`null`
///   when the row is absent on that side, else `{"value", "label", "unavailable"}` with one of
///   them set), `delta` (after − before, numbers only) and `relative_delta` (delta / |before|,
///   for amounts; `null` for shares, HHI and indices and when before is 0).
/// - **CSV**: one line per row with the columns of ``csvColumns``; a missing value has an empty
///   cell and its code in `before_unavailable` / `after_unavailable`.
///
/// With `changedOnly`, unchanged rows are left out of every format (the summary still counts
/// them) and the HHI table lists only markets whose HHI or band changed.
public struct ComparisonFormatter: Sendable {
    public var format: ReportFormat
    public var changedOnly: Bool
    /// How many rows the "largest changes" table lists.
    public var headlineCount: Int

    public init(format: ReportFormat, changedOnly: Bool = false, headlineCount: Int = 10) {
        self.format = format
        self.changedOnly = changedOnly
        self.headlineCount = headlineCount
    }

    public func format(_ comparison: ReportComparison) throws -> String {
        switch format {
        case .markdown: MarkdownFormatter().render(document(comparison))
        case .text: TextFormatter().render(document(comparison))
        case .html: HTMLFormatter().render(document(comparison))
        case .json: try JSONFormatter.encode(ComparisonJSON(comparison, changedOnly: changedOnly))
        case .csv: csv(comparison)
        }
    }

    // MARK: CSV

    public static let csvColumns = [
        "section", "mineral", "stage", "year", "item_kind", "item", "item_name", "metric", "unit", "status",
        "before", "after", "delta", "relative_delta", "before_unavailable", "after_unavailable",
    ]

    /// Columns the CSV adds when some change has an interval (either graph has uncertain figures).
    public static let uncertaintyColumns = ["change_low", "change_p50", "change_high", "exceeds_uncertainty"]

    func csv(_ comparison: ReportComparison) -> String {
        let uncertain = !comparison.changeUncertainty.isEmpty
        var out = (Self.csvColumns + (uncertain ? Self.uncertaintyColumns : [])).joined(separator: ",") + "\n"
        for row in comparison.rows where !changedOnly || row.status != .unchanged {
            let key = row.key
            let fields = [
                key.section, key.mineral, key.stage, key.year.map(String.init) ?? "", key.itemKind, key.item, row.itemName,
                key.metric, key.unit, row.status.rawValue, row.before?.text ?? "", row.after?.text ?? "",
                row.delta.map(NumberFormatting.plain) ?? "", row.relativeDelta.map(NumberFormatting.plain) ?? "",
                row.before?.unavailable?.code.rawValue ?? "", row.after?.unavailable?.code.rawValue ?? "",
            ] + (!uncertain ? [] : comparison.changeUncertainty[key].map {
                [NumberFormatting.plain($0.change.low), NumberFormatting.plain($0.change.median), NumberFormatting.plain($0.change.high), String($0.exceeds)]
            } ?? ["", "", "", ""])
            out += fields.map(Escaping.csv).joined(separator: ",") + "\n"
        }
        return out
    }

    // MARK: Markdown and HTML

    /// The comparison laid out for people.
    public func document(_ comparison: ReportComparison) -> ReportDocument {
        typealias Block = ReportDocument.Block
        let title = "Comparison: \(comparison.before.name) → \(comparison.after.name)"
        var blocks: [Block] = [.heading(level: 1, text: title)]
        func side(_ info: Report.GraphInfo) -> String {
            "\(info.name) (\(info.year)" + (info.file.map { ", \($0)" } ?? "") + ")"
        }
        let counts = comparison.counts
        blocks.append(.list([
            [.strong("Before:"), .text(" " + side(comparison.before))],
            [.strong("After:"), .text(" " + side(comparison.after))],
            [.text("\(Self.count(comparison.rows.count)) figures compared: \(Self.count(counts[.changed]!)) changed, "
                + "\(Self.count(counts[.added]!)) added, \(Self.count(counts[.removed]!)) removed, \(Self.count(counts[.unchanged]!)) unchanged.")],
        ]))
        if comparison.isUnchanged {
            blocks.append(.paragraph(["No figure differs."]))
        }
        blocks += hhiSection(comparison)
        blocks += uncertaintySection(comparison)
        let largest = comparison.largestChanges(limit: headlineCount)
        if !largest.isEmpty {
            blocks.append(.heading(level: 2, text: "Largest changes"))
            blocks.append(.paragraph([.text(
                "Ranked by size: HHI differences over 10,000, share differences as they are, other figures relative to the larger value.")]))
            blocks.append(.table(table(largest, withSection: true)))
        }
        let changedSections = comparison.sections.filter { section in comparison.rows.contains { $0.key.section == section && $0.status != .unchanged } }
        if !changedSections.isEmpty {
            blocks.append(.heading(level: 2, text: "Changes by section"))
        }
        for section in comparison.sections {
            let rows = comparison.rows.filter { $0.key.section == section }
            let changed = rows.filter { $0.status != .unchanged }
            guard !changed.isEmpty else { continue }
            blocks.append(.heading(level: 3, text: Self.sectionTitles[section] ?? section))
            let unchanged = rows.count - changed.count
            if unchanged > 0 {
                blocks.append(.paragraph([.text("\(Self.count(unchanged)) unchanged \(unchanged == 1 ? "figure" : "figures") not listed.")]))
            }
            blocks.append(.table(table(changed, withSection: false)))
        }
        let unchangedSections = comparison.sections.filter { !changedSections.contains($0) }
        if !unchangedSections.isEmpty && !comparison.isUnchanged {
            blocks.append(.paragraph([.text("Unchanged sections: " + unchangedSections.map { Self.sectionTitles[$0] ?? $0 }.joined(separator: "; ") + ".")]))
        }
        blocks.append(.paragraph([.emphasis("Generated by mineral-graph (\(ReportComparison.formatVersion)); do not edit by hand.")]))
        return ReportDocument(title: title, blocks: blocks)
    }

    /// HHI per mineral × stage (country level) before and after, with ΔHHI and the band.
    func hhiSection(_ comparison: ReportComparison) -> [ReportDocument.Block] {
        let bands = Dictionary(
            comparison.rows.filter { $0.key.section == "concentration" && $0.key.metric == "band" }
                .map { (Market($0.key), $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[[ReportDocument.Inline]]] = []
        for row in comparison.rows where row.key.section == "concentration" && row.key.metric == "hhi" {
            let band = bands[Market(row.key)]
            if changedOnly && row.status == .unchanged && band?.status ?? .unchanged == .unchanged { continue }
            let bandText: String
            switch (band?.before.map(Self.bandTitle), band?.after.map(Self.bandTitle)) {
            case (let a?, let b?) where a == b: bandText = a
            case (let a, let b): bandText = (a ?? "—") + " → " + (b ?? "—")
            }
            rows.append([
                [.text(Self.market(row.key))], [.text(display(row.before, unit: "HHI"))], [.text(display(row.after, unit: "HHI"))],
                [.text(change(row))], [.text(bandText)],
            ])
        }
        guard !rows.isEmpty else { return [] }
        return [
            .heading(level: 2, text: "Concentration per stage (HHI)"),
            .table(ReportDocument.Table(
                columns: [.init("Market"), .init("HHI before", .right), .init("HHI after", .right), .init("ΔHHI", .right), .init("Band")],
                rows: rows)),
        ]
    }

    /// The changed headline indices with the interval of their change over paired draws and
    /// whether the change exceeds it (METHODS §11.4); nothing when neither graph is uncertain.
    func uncertaintySection(_ comparison: ReportComparison) -> [ReportDocument.Block] {
        guard let settings = comparison.monteCarlo, !comparison.changeUncertainty.isEmpty else { return [] }
        let rows = comparison.rows.compactMap { row in comparison.changeUncertainty[row.key].map { (row, $0) } }
        let percent = { (p: Double) in NumberFormatting.plain((p * 1_000).rounded() / 10) }
        let exceeding = rows.filter { $0.1.exceeds }.count
        return [
            .heading(level: 2, text: "Changes against the uncertainty of the figures"),
            .paragraph([.text(
                "\(Self.count(exceeding)) of \(Self.count(rows.count)) changed headline \(rows.count == 1 ? "index exceeds" : "indices exceed") the uncertainty: the \(percent(settings.lowerProbability))–\(percent(settings.upperProbability)) % interval of the change over \(Self.count(settings.draws)) paired Monte Carlo draws of the two graphs (seed \(settings.seed)) leaves out zero (METHODS §11.4). A figure the two graphs share is drawn at the same point of its interval in both.")]),
            .table(ReportDocument.Table(
                columns: [
                    .init("Section"), .init("Market"), .init("Item"), .init("Metric"), .init("Change", .right), .init("Interval of the change", .right),
                    .init("Exceeds the uncertainty"),
                ],
                rows: rows.map { row, uncertainty in
                    let shown = { (v: Double) in
                        row.key.unit == "share" ? Self.signed(v * 100, decimals: 2) + " pp" : Self.signed(v, decimals: row.key.unit == "HHI" ? 2 : 4)
                    }
                    return [
                        [.text(Self.sectionTitles[row.key.section] ?? HeadlineUncertainty.sectionTitles[row.key.section] ?? row.key.section)],
                        [.text(Self.market(row.key))], [.text(Self.item(row))], [.text("\(row.key.metric) (\(row.key.unit))")], [.text(change(row))],
                        [.text("\(shown(uncertainty.change.low)) to \(shown(uncertainty.change.high))")], [.text(uncertainty.exceeds ? "yes" : "no")],
                    ]
                })),
        ]
    }

    /// A row's market: mineral, stage and year where they apply.
    struct Market: Hashable {
        var mineral, stage: String
        var year: Int?
        init(_ key: ReportRow.Key) { (mineral, stage, year) = (key.mineral, key.stage, key.year) }
    }

    func table(_ rows: [ReportComparison.Row], withSection: Bool) -> ReportDocument.Table {
        var columns: [ReportDocument.Column] = withSection ? [.init("Section")] : []
        columns += [.init("Market"), .init("Item"), .init("Metric"), .init("Before", .right), .init("After", .right), .init("Change", .right)]
        let cells = rows.map { row -> [[ReportDocument.Inline]] in
            let key = row.key
            var cells: [[ReportDocument.Inline]] = withSection ? [[.text(Self.sectionTitles[key.section] ?? key.section)]] : []
            cells += [
                [.text(Self.market(key))], [.text(Self.item(row))], [.text(key.unit.isEmpty ? key.metric : "\(key.metric) (\(key.unit))")],
                [.text(display(row.before, unit: key.unit))], [.text(display(row.after, unit: key.unit))], [.text(change(row))],
            ]
            return cells
        }
        return ReportDocument.Table(columns: columns, rows: cells)
    }

    /// Headings of the row sections, from the registered report sections.
    static var sectionTitles: [String: String] { ReportSections.rowSectionTitles }

    static func market(_ key: ReportRow.Key) -> String {
        let mineral = key.mineral.isEmpty ? "" : Display.mineral(MineralID(rawValue: key.mineral))
        return [mineral, key.stage, key.year.map(String.init) ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// The item, unless the market column already names it.
    static func item(_ row: ReportComparison.Row) -> String {
        let key = row.key
        if ["chain", "stage", "mineral"].contains(key.itemKind) && [key.stage, key.mineral, "chain"].contains(key.item) { return "" }
        return row.itemName.isEmpty || row.itemName == key.item ? key.item : "\(row.itemName) (\(key.item))"
    }

    static func bandTitle(_ value: ReportRow.Value) -> String {
        switch value {
        case .label(let label): ConcentrationBand(rawValue: label)?.title ?? label
        case .number(let number): NumberFormatting.plain(number)
        case .unavailable: "n/a"
        }
    }

    func display(_ value: ReportRow.Value?, unit: String) -> String {
        guard let value else { return "—" }
        switch value {
        case .number(let number):
            return ReportUnit.labelled(unit).display(number)
        case .label(let label): return label
        case .unavailable(let missing): return "n/a (\(missing.code))"
        }
    }

    /// The change cell: the signed difference (points for shares) and the relative change
    /// where it applies, or what happened to the row.
    func change(_ row: ReportComparison.Row) -> String {
        switch row.status {
        case .unchanged: return row.before?.number == nil ? "" : "0"
        case .added: return "added"
        case .removed: return "removed"
        case .changed:
            guard let delta = row.delta else {
                if row.before?.unavailable != nil, row.after?.unavailable == nil { return "now known" }
                if row.after?.unavailable != nil, row.before?.unavailable == nil { return "now unavailable" }
                return "changed"
            }
            return ReportUnit.labelled(row.key.unit).displayChange(delta)
                + (row.relativeDelta.map { " (" + Self.signed($0 * 100, decimals: 1) + " %)" } ?? "")
        }
    }

    /// Grouped digits, at most `decimals` decimals, trailing zeros dropped (`5,555.2`).
    static func trimmed(_ value: Double, decimals: Int) -> String {
        var text = NumberFormatting.grouped(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text.replacingAll("-", with: "−")
    }

    static func count(_ n: Int) -> String { NumberFormatting.grouped(Double(n)) }

    /// `+1,234.5`, `−770`, `0`.
    static func signed(_ value: Double, decimals: Int) -> String {
        let magnitude = trimmed(abs(value), decimals: decimals)
        return (magnitude == "0" ? "" : value > 0 ? "+" : "−") + magnitude
    }
}

/// The JSON layout of a comparison (see ``ComparisonFormatter``).
struct ComparisonJSON: Encodable {
    struct Side: Encodable {
        var name: String
        var year: Int
        var file: String?

        init(_ info: Report.GraphInfo) { (name, year, file) = (info.name, info.year, info.file) }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(year, forKey: .year)
            try c.encode(file, forKey: .file)
        }

        enum CodingKeys: CodingKey { case name, year, file }
    }

    struct Summary: Encodable {
        var rows, unchanged, changed, added, removed: Int
        var changedOnly: Bool
    }

    struct Value: Encodable {
        var value: ReportRow.Value

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(value.number, forKey: .value)
            try c.encode(value.label, forKey: .label)
            try c.encode(value.unavailable, forKey: .unavailable)
        }

        enum CodingKeys: CodingKey { case value, label, unavailable }
    }

    struct Row: Encodable {
        var row: ReportComparison.Row
        var uncertainty: ChangeUncertainty?

        func encode(to encoder: Encoder) throws {
            try KeyFields.encode(row.key, itemName: row.itemName, to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            if let uncertainty {
                try c.encode([uncertainty.change.low, uncertainty.change.median, uncertainty.change.high], forKey: .changeInterval)
                try c.encode(uncertainty.exceeds, forKey: .exceedsUncertainty)
            }
            try c.encode(row.basis, forKey: .basis)
            try c.encode(row.status, forKey: .status)
            try c.encode(row.before.map(Value.init), forKey: .before)
            try c.encode(row.after.map(Value.init), forKey: .after)
            try c.encode(row.delta, forKey: .delta)
            try c.encode(row.relativeDelta, forKey: .relativeDelta)
        }

        enum CodingKeys: CodingKey {
            case basis, status, before, after, delta, relativeDelta, changeInterval, exceedsUncertainty
        }
    }

    /// A row's key and item name, the leading fields of comparison and what-if rows (the
    /// encoder's other container adds the rest to the same object).
    enum KeyFields: CodingKey {
        case section, mineral, stage, year, itemKind, item, itemName, metric, unit

        static func encode(_ key: ReportRow.Key, itemName: String, to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: KeyFields.self)
            try c.encode(key.section, forKey: .section)
            try c.encode(key.mineral, forKey: .mineral)
            try c.encode(key.stage, forKey: .stage)
            try c.encode(key.year, forKey: .year)
            try c.encode(key.itemKind, forKey: .itemKind)
            try c.encode(key.item, forKey: .item)
            try c.encode(itemName, forKey: .itemName)
            try c.encode(key.metric, forKey: .metric)
            try c.encode(key.unit, forKey: .unit)
        }
    }

    var format = ReportComparison.formatVersion
    var before: Side
    var after: Side
    var summary: Summary
    var rows: [Row]
    /// The draws behind `change_interval` (`[low, p50, high]` of the change) and
    /// `exceeds_uncertainty` of changed headline rows; the key is absent when neither graph has
    /// uncertain figures.
    var uncertainty: UncertaintyRun?

    struct UncertaintyRun: Encodable {
        var draws: Int
        var seed: UInt64
        var interval: [Double]
        var pairing: String
    }

    enum CodingKeys: CodingKey { case format, before, after, summary, rows, uncertainty }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
        try c.encode(summary, forKey: .summary)
        try c.encode(rows, forKey: .rows)
        try c.encodeIfPresent(uncertainty, forKey: .uncertainty)
    }

    init(_ comparison: ReportComparison, changedOnly: Bool) {
        before = Side(comparison.before)
        after = Side(comparison.after)
        let counts = comparison.counts
        summary = Summary(
            rows: comparison.rows.count, unchanged: counts[.unchanged]!, changed: counts[.changed]!, added: counts[.added]!,
            removed: counts[.removed]!, changedOnly: changedOnly)
        rows = comparison.rows.filter { !changedOnly || $0.status != .unchanged }.map { Row(row: $0, uncertainty: comparison.changeUncertainty[$0.key]) }
        uncertainty = comparison.monteCarlo.map {
            UncertaintyRun(draws: $0.draws, seed: $0.seed, interval: [$0.lowerProbability, $0.upperProbability], pairing: "paired by figure identity")
        }
    }
}
