import Foundation
import MineralGraphAnalysis
import MineralGraphCore

/// One part of a report, in one folder under `Sections/<Name>/`: the data it adds to the
/// ``Report`` (its JSON member), how that data is built from the analysis passes, its method
/// notes, the document blocks every formatter renders, and its figures as ``ReportRow``s (the
/// CSV's long rows, `diff` and `whatif`).
///
/// Adding a metric: an Analysis folder with the pass, one folder here with a type conforming
/// to this protocol, and one line in `ReportSections/all`. Nothing else: ``ReportBuilder``,
/// the JSON coding of ``Report``, ``ReportDocument`` (so Markdown and HTML), the CSV,
/// ``ReportComparison`` and ``WhatIfReport`` iterate the registry. CONTRIBUTING.md has the recipe.
protocol ReportSection: SendableMetatype {
    /// The section's data: an array of rows (empty when the graph has nothing for it) or an
    /// optional section (`nil` when the report was built without it).
    associatedtype Value: Codable, Hashable, Sendable

    /// The ``Report`` member name in lowerCamelCase; the JSON key is its snake_case form.
    static var key: String { get }
    /// The value of a report without the section; also what a JSON report without the key
    /// decodes to.
    static var empty: Value { get }
    /// Where the document shows the section; the appendix holds the long tables.
    static var placement: DocumentPlacement { get }
    /// Whether the JSON leaves the key out when the value is ``empty`` (a section that only
    /// some graphs have, so that the others' reports are unchanged); `false` by default.
    static var omitsEmptyValue: Bool { get }
    /// Other names `report --sections` accepts for the section besides its key (`imports`);
    /// none by default.
    static var aliases: [String] { get }
    /// Titles of the ``ReportRow/Key/section`` names the section's rows use, for `diff` and
    /// `whatif` headings (a name without a title is shown as it is).
    static var rowSectionTitles: [String: String] { get }

    /// The section's data for the graph of `context`, from the analysis passes.
    static func build(_ context: ReportContext) -> Value
    /// The method notes of the metrics the section reports (formula, METHODS section, sources);
    /// by default ``methodNotes``.
    static func methods(_ context: ReportContext) -> [Report.MethodNote]
    /// Method notes that do not depend on the builder's options (none by default).
    static var methodNotes: [Report.MethodNote] { get }
    /// The section's document blocks (headings, paragraphs, tables, figures); empty when the
    /// report has nothing for it. Formatters render them without knowing the section.
    static func blocks(_ value: Value, in report: Report) -> [ReportDocument.Block]
    /// The section's figures as keyed rows, in a fixed order.
    static func rows(_ value: Value, into rows: inout MetricRows)
    /// Lines the CSV prints instead of the section's long rows (the wide concentration rows);
    /// `nil`: the long rows.
    static func csvLines(_ value: Value) -> [String]?
    /// The section's tidy tables (``ReportTable``); by default its rows pivoted, one table per
    /// row section (``ReportTable/pivoted(_:)``).
    static func tables(_ value: Value, in report: Report) -> [ReportTable]
    /// The value without its detail: the per-node and per-pair rows (`report --detail`). A
    /// report without detail (``Report/detail``) encodes this in JSON, gives its rows to the CSV,
    /// tables, `diff` and `whatif`, and shows a line instead of each `details` block of the
    /// document, so those blocks must show only what this leaves out. By default the value
    /// itself (a section without detail).
    static func summary(_ value: Value) -> Value
}

/// Where in the document a section's blocks go.
enum DocumentPlacement: Sendable {
    /// After the reading, in `ReportSections/documentOrder`.
    case body
    /// After every body section, before the methods: the long per-facility and per-importer tables.
    case appendix
}

extension ReportSection {
    static var placement: DocumentPlacement { .body }
    static var omitsEmptyValue: Bool { false }
    static var aliases: [String] { [] }
    static var rowSectionTitles: [String: String] { [:] }
    static func methods(_ context: ReportContext) -> [Report.MethodNote] { methodNotes }
    static var methodNotes: [Report.MethodNote] { [] }
    static func csvLines(_ value: Value) -> [String]? { nil }
    static func summary(_ value: Value) -> Value { value }

    static func tables(_ value: Value, in report: Report) -> [ReportTable] {
        var rows = MetricRows(year: report.graph.year)
        self.rows(value, into: &rows)
        return ReportTable.pivoted(rows.rows)
    }

    // Type-erased entry points for iterating `ReportSections/all`.

    /// The section's value, to be stored with ``store(_:into:)`` (sections are built side by
    /// side, then stored in order).
    static func value(_ context: ReportContext) -> any Sendable { build(context) }

    static func store(_ value: any Sendable, into values: inout Report.SectionValues) {
        values[Self.self] = value as! Value
    }

    /// The document blocks, built from the whole value; without detail each `details` block
    /// becomes one line saying what `--detail` adds (``ReportDocument/withoutDetail(_:)``).
    static func blocks(of report: Report) -> [ReportDocument.Block] {
        let blocks = blocks(report[Self.self], in: report)
        var rows = MetricRows(year: report.graph.year)
        self.rows(report[Self.self], into: &rows)
        let shown = ReportDocument.collapsed(blocks, rows: rows.rows) ?? blocks
        return report.detail ? shown : ReportDocument.withoutDetail(shown)
    }

    /// The value the report's formats carry: the whole value with detail, else ``summary(_:)``.
    static func shown(in report: Report) -> Value {
        report.detail ? report[Self.self] : summary(report[Self.self])
    }

    /// Whether the report without detail leaves something of the section out.
    static func omitsDetail(in report: Report) -> Bool {
        summary(report[Self.self]) != report[Self.self]
    }

    static func rows(of report: Report, into rows: inout MetricRows) {
        self.rows(shown(in: report), into: &rows)
    }

    static func csvLines(of report: Report) -> [String]? {
        csvLines(shown(in: report))
    }

    static func tables(of report: Report) -> [ReportTable] {
        tables(shown(in: report), in: report)
    }

    static func sameShown(_ a: Report, _ b: Report) -> Bool {
        shown(in: a) == shown(in: b)
    }

    static func hashShown(_ report: Report, into hasher: inout Hasher) {
        hasher.combine(shown(in: report))
    }

    static func encode(_ report: Report, to container: inout KeyedEncodingContainer<Report.SectionKey>) throws {
        let value = shown(in: report)
        if omitsEmptyValue, value == empty { return }
        try container.encode(value, forKey: Report.SectionKey(key))
    }

    static func decode(from container: KeyedDecodingContainer<Report.SectionKey>, into values: inout Report.SectionValues) throws {
        values[Self.self] = try container.decodeIfPresent(Value.self, forKey: Report.SectionKey(key)) ?? empty
    }
}

/// What a section's `ReportSection/build(_:)` reads: the graph, the builder's options, the
/// resolved country-group scheme and node names, and pass results several sections share
/// (computed once, on first use). Sections run their passes on ``derived``, so that the
/// structures the passes derive from the graph (flow index, production system, water model,
/// trade ledger, stage-supply plans, value added) are built once per report. Sections are
/// built side by side on one context: what it computes on first use is computed under a lock.
final class ReportContext: @unchecked Sendable {
    let graph: SupplyGraph
    /// The structures the passes derive from ``graph``, shared by the sections.
    let derived: GraphDerivations
    let options: ReportBuilder
    let groups: CountryGroupScheme
    /// Node id → display name.
    let names: [String: String]

    init(graph: SupplyGraph, options: ReportBuilder, groups: CountryGroupScheme) {
        self.graph = graph
        derived = GraphDerivations(graph)
        self.options = options
        self.groups = groups
        names = Dictionary(graph.nodes.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
    }

    private let lock = NSLock()
    private var storedCountryConcentration: StageConcentrationResult?

    /// C1 over countries with the builder's bands and residual bound (concentration, bottleneck, supply risk).
    var countryConcentration: StageConcentrationResult {
        lock.lock()
        defer { lock.unlock() }
        if let known = storedCountryConcentration { return known }
        let made = StageConcentrationPass(guidelines: options.guidelines, upperBound: options.upperBound).run(on: derived)
        storedCountryConcentration = made
        return made
    }
}
