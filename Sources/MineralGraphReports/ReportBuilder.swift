import MineralGraphAnalysis
import MineralGraphCore

/// Why a report cannot be built.
public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownScheme(String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .unknownScheme(let id):
            UnknownCountryGroupScheme(id: id).description
        case .invalidOption(let message):
            message
        }
    }
}

/// Runs the analysis passes on a graph and assembles a ``Report``: each registered section
/// (`ReportSections/all`) builds its data from the passes, concentration (C1–C3) and supply
/// risk with the builder's options, the others with their passes' default options, all with the
/// report's country-group scheme (`CountryGroupScheme/resolve(_:for:)`).
public struct ReportBuilder: Sendable {
    /// Band thresholds (METHODS §1.2): 2023 by default.
    public var guidelines: MergerGuidelines
    /// Country-group scheme id; `nil` means the graph's `country_scheme`, else the default.
    public var scheme: String?
    /// How many suppliers and partners each row lists.
    public var topSuppliers: Int
    public var upperBound: ResidualUpperBound
    /// WGI estimates for the supply-risk section; `nil` leaves the section out.
    public var governance: GovernanceTable?
    /// Import reliance, end-of-life recycling and substitution per mineral and importer, for the
    /// full EU SR; without them SR is left out and the result labelled "gross".
    public var riskInputs: [SupplyRiskInput]
    /// Draws, seed and interval of the uncertainty section (METHODS §11); used only when the
    /// graph has uncertain figures.
    public var monteCarlo: MonteCarloSettings
    /// The section keys to keep (`ReportSections/keys(named:)`), for a briefing-sized report;
    /// `nil` keeps every section. The other sections are empty, their method notes left out,
    /// and the document has no reading (it reads across every section).
    public var sections: [String]?
    /// Whether the report's formats carry the per-node and per-pair tables (`report --detail`):
    /// value added and water per node, burden and benefit per country, bilateral exchange
    /// ratios per country pair, the supply-risk partners. Off by default: the JSON and CSV then
    /// carry what the Markdown shows (``Report/detail``), so a BACI-scale report stays small.
    public var detail = false

    public init(
        guidelines: MergerGuidelines = .us2023, scheme: String? = nil, topSuppliers: Int = 5,
        upperBound: ResidualUpperBound = .smallestNamedCap, governance: GovernanceTable? = nil,
        riskInputs: [SupplyRiskInput] = [], monteCarlo: MonteCarloSettings = .standard
    ) {
        self.monteCarlo = monteCarlo
        self.riskInputs = riskInputs
        self.guidelines = guidelines
        self.scheme = scheme
        self.topSuppliers = topSuppliers
        self.upperBound = upperBound
        self.governance = governance
    }

    /// The report for `graph`; `file` is the graph file's name as it should appear (no directories).
    public func build(_ graph: SupplyGraph, file: String? = nil) throws(ReportError) -> Report {
        try build([graph], files: [file])[0]
    }

    /// The reports of `graphs`, `files[k]` naming the file of `graphs[k]` (as in
    /// ``build(_:file:)``). Every section of every graph is built side by side on every core,
    /// in one pool (a what-if builds three reports; nested pools would run their sections one
    /// after another); each graph's context builds what its sections share once.
    public func build(_ graphs: [SupplyGraph], files: [String?]) throws(ReportError) -> [Report] {
        try build(graphs, files: files, alongside: {}).reports
    }

    /// ``build(_:files:)``, with `work` run in the same pool beside the sections (a what-if
    /// propagates its scenario beside the baseline's report); its result is returned with the
    /// reports. Invalid options are an error before anything runs.
    public func build<Alongside: Sendable>(
        _ graphs: [SupplyGraph], files: [String?], alongside work: @Sendable () -> Alongside
    ) throws(ReportError) -> (reports: [Report], alongside: Alongside) {
        precondition(graphs.count == files.count, "one file name per graph")
        var made: [ReportContext] = []
        for graph in graphs { made.append(ReportContext(graph: graph, options: self, groups: try checkedScheme(for: graph))) }
        let contexts = made, count = made.count
        let kept = ReportSections.ordered(ReportSections.startOrder).filter { sections?.contains($0.key) ?? true }
        // `work` first; then the sections in their start order, the graphs interleaved, so
        // that the first sections of different graphs, which build their graphs' shared
        // structures, run side by side rather than wait for one another.
        let built: [any Sendable] = Parallel.map(0..<1 + count * kept.count) { k in
            k == 0 ? work() : kept[(k - 1) / count].value(contexts[(k - 1) % count])
        }
        let reports = contexts.indices.map { g in
            var values = Report.SectionValues()
            for (s, section) in kept.enumerated() { section.store(built[1 + s * count + g], into: &values) }
            return report(contexts[g], values, file: files[g])
        }
        return (reports, built[0] as! Alongside)
    }

    private func report(_ context: ReportContext, _ values: Report.SectionValues, file: String?) -> Report {
        let graph = context.graph, groups = context.groups
        var report = Report(
            graph: .init(name: graph.name, year: graph.year, file: file, description: graph.description, sources: graph.sources),
            settings: .init(
                guidelines: guidelines, guidelinesTitle: guidelines.title, moderateFrom: guidelines.thresholds.moderate,
                highAbove: guidelines.thresholds.high, residualUpperBound: upperBound,
                residualFlagAbove: ConcentrationMeasures.residualFlagThreshold,
                scheme: .init(id: groups.id, title: groups.title, source: groups.source, asOf: groups.asOf),
                topSuppliers: topSuppliers),
            sections: values,
            methods: ReportSections.ordered(ReportSections.methodOrder).filter { sections?.contains($0.key) ?? true }.flatMap { $0.methods(context) })
        report.detail = detail
        report.selection = sections.map { keys in ReportSections.all.map { $0.key }.filter(keys.contains) }
        return report
    }

    /// The section names `report --sections` accepts (kebab-case keys, in registry order).
    public static var sectionNames: [String] { ReportSections.names }

    /// The keys of the sections `names` name, for ``sections``; an unknown name is an error
    /// with the closest known names (`ReportSections/keys(named:)`).
    public static func sectionKeys(named names: [String]) throws(ReportError) -> [String] {
        try ReportSections.keys(named: names)
    }

    /// The country-group scheme the options name for `graph`, after checking the options: the
    /// errors ``build(_:file:)`` throws before it computes anything.
    func checkedScheme(for graph: SupplyGraph) throws(ReportError) -> CountryGroupScheme {
        guard topSuppliers > 0 else { throw .invalidOption("the number of top suppliers must be positive") }
        do { return try CountryGroupScheme.resolve(scheme, for: graph) } catch { throw .unknownScheme(error.id) }
    }

    static func countryName(_ code: CountryCode) -> String {
        CountryTable.country(code)?.name ?? code.rawValue
    }

}
