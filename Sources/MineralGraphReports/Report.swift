import MineralGraphAnalysis
import MineralGraphCore

/// Everything a report says about one graph, as data: the value the JSON format encodes and
/// the Markdown, HTML and CSV formatters render.
///
/// Numbers are rounded for output when the report is built (each with its ``ReportUnit``: HHI
/// to 0.01, shares and normalized indices to 0.000001, `N_eq` to 0.01, tonnes to 0.001), so every
/// format prints the same figures and the JSON is byte-for-byte stable. Missing values are
/// `null` with an `Unavailable` reason, never 0.
///
/// The figures live in sections (`ReportSection`), one folder each under `Sections/`: each
/// adds one top-level JSON key and a typed member (`concentration`, `importConcentration`,
/// `valueAdded` …) declared in its folder. Every registered key is written, `null` or `[]`
/// for a section the report does not have; a key an older report lacks decodes as empty.
public struct Report: Codable, Hashable, Sendable {
    /// Version of the report's JSON layout.
    public static let formatVersion = "mineral-graph-report/1"

    public var format: String
    public var graph: GraphInfo
    public var settings: Settings
    /// The sections' data, one value per registered section (`ReportSections/all`).
    var sections: SectionValues
    /// The metrics used, with formula, METHODS section and sources.
    public var methods: [MethodNote]
    /// The section keys a briefing-sized report keeps (``ReportBuilder/sections``), in
    /// registry order; `nil` for the whole report. Not part of the JSON: there the other
    /// sections are empty.
    public internal(set) var selection: [String]? = nil
    /// Whether the formats carry the per-node and per-pair detail (``ReportBuilder/detail``,
    /// `report --detail`). Without it the JSON, CSV, tables and ``rows()`` carry each section's
    /// summary (`ReportSection/summary(_:)`: what the Markdown shows), the document shows a line
    /// instead of each per-node or per-pair table, and the JSON lists the trimmed sections under
    /// `omitted_detail`; the members (``valueAdded`` …) keep the whole data either way. A
    /// report read from JSON has detail unless it lists `omitted_detail`.
    public internal(set) var detail = true
    /// The `omitted_detail` list of a report read from JSON (its sections are summaries already).
    private var readOmissions: [String] = []

    init(graph: GraphInfo, settings: Settings, sections: SectionValues, methods: [MethodNote]) {
        self.format = Self.formatVersion
        self.graph = graph
        self.settings = settings
        self.sections = sections
        self.methods = methods
    }

    /// The data of one section.
    subscript<S: ReportSection>(section: S.Type) -> S.Value {
        get { sections[section] }
        set { sections[section] = newValue }
    }

    /// A top-level JSON key: `format`, `graph`, `settings`, a section's key, `methods`.
    struct SectionKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ key: String) { stringValue = key }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: SectionKey.self)
        try c.encode(format, forKey: SectionKey("format"))
        try c.encode(graph, forKey: SectionKey("graph"))
        try c.encode(settings, forKey: SectionKey("settings"))
        for section in ReportSections.all { try section.encode(self, to: &c) }
        try c.encode(methods, forKey: SectionKey("methods"))
        let omitted = detail ? [] : ReportSections.all.map { (section: $0, key: JSONWriter.snakeCase($0.key)) }
            .filter { $0.section.omitsDetail(in: self) || readOmissions.contains($0.key) }.map(\.key)
        if !omitted.isEmpty { try c.encode(omitted, forKey: SectionKey(Self.omittedDetailKey)) }
    }

    /// The JSON key listing the sections whose detail a report without ``detail`` leaves out;
    /// absent with detail, so that such a report's JSON is unchanged.
    static let omittedDetailKey = "omittedDetail"

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: SectionKey.self)
        format = try c.decode(String.self, forKey: SectionKey("format"))
        graph = try c.decode(GraphInfo.self, forKey: SectionKey("graph"))
        settings = try c.decode(Settings.self, forKey: SectionKey("settings"))
        var values = SectionValues()
        for section in ReportSections.all { try section.decode(from: c, into: &values) }
        sections = values
        methods = try c.decode([MethodNote].self, forKey: SectionKey("methods"))
        readOmissions = try c.decodeIfPresent([String].self, forKey: SectionKey(Self.omittedDetailKey)) ?? []
        detail = !c.contains(SectionKey(Self.omittedDetailKey))
    }

    /// Two reports are equal when they say the same: the same figures in their formats (the
    /// sections as ``detail`` shows them), settings, methods and selection.
    public static func == (a: Report, b: Report) -> Bool {
        a.format == b.format && a.graph == b.graph && a.settings == b.settings && a.methods == b.methods
            && a.selection == b.selection && ReportSections.all.allSatisfy { $0.sameShown(a, b) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(format)
        hasher.combine(graph)
        hasher.combine(settings)
        hasher.combine(methods)
        hasher.combine(selection)
        for section in ReportSections.all { section.hashShown(self, into: &hasher) }
    }

    /// One value per section, keyed by `ReportSection/key`; a section without a value reads
    /// as its `ReportSection/empty`.
    struct SectionValues: Sendable {
        private var values: [String: any Sendable] = [:]

        subscript<S: ReportSection>(section: S.Type) -> S.Value {
            get { values[S.key] as? S.Value ?? S.empty }
            set { values[S.key] = newValue }
        }
    }

    // MARK: Graph and settings

    public struct GraphInfo: Codable, Hashable, Sendable {
        public var name: String
        public var year: Int
        /// The graph file's name without directories (`cobalt.yaml`), if read from a file.
        public var file: String?
        public var description: String?
        public var sources: [SourceReference]
    }

    public struct Settings: Codable, Hashable, Sendable {
        /// "2023" or "2010".
        public var guidelines: MergerGuidelines
        public var guidelinesTitle: String
        /// HHI from which a market is "moderately concentrated" (inclusive).
        public var moderateFrom: Double
        /// HHI above which a market is "highly concentrated".
        public var highAbove: Double
        public var residualUpperBound: ResidualUpperBound
        /// Residual share above which a figure is flagged (0.10).
        public var residualFlagAbove: Double
        public var scheme: SchemeInfo
        /// How many suppliers `top` lists.
        public var topSuppliers: Int
    }

    public struct SchemeInfo: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
        public var source: String
        public var asOf: String
    }

    // MARK: Methods

    public struct MethodNote: Codable, Hashable, Sendable {
        /// Metric id of METHODS §7 ("C1").
        public var id: String
        public var title: String
        public var formula: String
        /// "METHODS §1.1–1.4".
        public var section: String
        public var notes: String
        public var sources: [String]
    }
}
