import MineralGraphAnalysis
import MineralGraphCore

/// One page per country an analyst can paste into a briefing: its import sources and their HHI
/// per mineral, where its supply is mined and refined, its GeoPolRisk, and what scenarios do to
/// it. Built from the same passes and rows as the report (``ReportBuilder``), so the figures are
/// the report's.
public struct CountryBrief: Codable, Hashable, Sendable {
    public static let formatVersion = "mineral-graph-brief/1"

    /// What one scenario does to the country: its intake per mineral and stage, both bounds.
    public struct ScenarioEffect: Codable, Hashable, Sendable {
        public struct Row: Codable, Hashable, Sendable {
            public var mineral: MineralID
            public var stage: Stage
            public var bound: String
            public var baselineInTonnes: Double
            public var deliveredTonnes: Double
            public var shortfallTonnes: Double
            public var shortfallShare: Report.Metric
        }

        public var id: String
        public var file: String?
        public var title: String?
        public var rows: [Row]
    }

    public var format: String
    public var country: CountryCode
    public var countryName: String
    public var graph: Report.GraphInfo
    public var imports: [Report.ImportConcentrationRow]
    public var exposure: [Report.ExposureRow]
    public var supplyRisk: [Report.SupplyRiskRow]
    public var scenarios: [ScenarioEffect]
    public var methods: [Report.MethodNote]
}

/// Builds a ``CountryBrief``.
public struct CountryBriefBuilder: Sendable {
    public var reports: ReportBuilder

    public init(reports: ReportBuilder) {
        self.reports = reports
    }

    /// The brief of `country` in `graph`, with the effect of each scenario (already propagated).
    public func build(
        _ graph: SupplyGraph, country: CountryCode, file: String? = nil,
        scenarios: [(result: ShockResult, file: String?, title: String?)] = []
    ) throws(ReportError) -> CountryBrief {
        guard graph.nodes.contains(where: { $0.country == country }) else {
            throw .invalidOption("the graph has no node in \(country)")
        }
        let report = try reports.build(graph, file: file)
        let supplyRisk = reports.governance.map { reports.supplyRiskRows(graph, governance: $0, countries: [country]) } ?? []
        let effects = scenarios.map { scenario in
            CountryBrief.ScenarioEffect(
                id: scenario.result.scenarioID, file: scenario.file, title: scenario.title,
                rows: scenario.result.bounds.flatMap { bound in
                    bound.regions.filter { $0.party.id == country.rawValue && $0.baselineInTonnes > 0 }.map {
                        CountryBrief.ScenarioEffect.Row(
                            mineral: $0.mineral, stage: $0.stage, bound: bound.bound.rawValue,
                            baselineInTonnes: ReportUnit.tonnes.round($0.baselineInTonnes), deliveredTonnes: ReportUnit.tonnes.round($0.deliveredTonnes),
                            shortfallTonnes: ReportUnit.tonnes.round($0.shortfallTonnes), shortfallShare: Report.Metric($0.shortfallShare, .share))
                    }
                })
        }
        let methodIDs: Set<String> = ["C2", "S1", "GeoPolRisk", "C4"]
        return CountryBrief(
            format: CountryBrief.formatVersion, country: country, countryName: ReportBuilder.countryName(country), graph: report.graph,
            imports: report.importConcentration.filter { $0.importer == country },
            exposure: report.exposure.filter { $0.country == country },
            supplyRisk: supplyRisk.filter { $0.importer == country }, scenarios: effects,
            methods: report.methods.filter { methodIDs.contains($0.id) })
    }
}

extension ReportDocument {
    /// The brief laid out for people: Markdown and HTML render it.
    public init(_ brief: CountryBrief) {
        let year = String(brief.graph.year)
        let title = "Country brief: \(brief.countryName) (\(brief.country)) — \(brief.graph.name)" + (brief.graph.name.contains(year) ? "" : ", \(year)")
        var blocks: [Block] = [.heading(level: 1, text: title)]
        var intro: [Inline] = ["From the graph ", .strong(brief.graph.name)]
        if let file = brief.graph.file { intro.append(" (\(file))") }
        intro.append(". Every figure is the report's own; methods and sources are listed at the end.")
        blocks.append(.paragraph(intro))

        blocks.append(.heading(level: 2, text: "Import sources"))
        if brief.imports.isEmpty {
            blocks.append(.paragraph(["\(brief.countryName) imports none of the graph's minerals."]))
        } else {
            blocks.append(.table(Table(
                columns: [Column("Mineral"), Column("Supplied stage"), Column("Basis"), Column("HHI (t)", .right), Column("HHI (USD)", .right), Column("Top partners (t)")],
                rows: brief.imports.map { row in
                    [[.text(row.mineral.rawValue)], [.text(row.stage.rawValue)], [.text(row.basis)], [.text(Display.hhi(row.byTonnes.hhi))],
                     [.text(Display.hhi(row.byValue.hhi))],
                     [.text(row.byTonnes.top.map { "\($0.name) \(Display.percent($0.share))" }.joined(separator: "; "))]]
                })))
        }

        blocks.append(.heading(level: 2, text: "Where its supply is mined and refined"))
        if brief.exposure.isEmpty {
            blocks.append(.paragraph(["No imported supply to trace."]))
        } else {
            for row in brief.exposure {
                let mined = row.minedIn.prefix(3).map { "\(Display.percent($0.share)) mined in \($0.name)" }
                let refined = row.refinedIn.prefix(2).map { "\(Display.percent($0.share)) refined in \($0.name)" }
                let text = row.unavailable.map { "unknown (\($0.code): \($0.reason))" }
                    ?? (mined + refined).joined(separator: ", ") + "; origin HHI \(Display.hhi(row.originHhi))"
                blocks.append(.paragraph([.strong("\(Display.mineral(row.mineral)) (\(row.stage.rawValue)):"), .text(" " + text + ".")]))
            }
        }

        blocks.append(.heading(level: 2, text: "Geopolitical supply risk (GeoPolRisk)"))
        if brief.supplyRisk.isEmpty {
            blocks.append(.paragraph(["No figures: the brief was built without a governance table, or the country neither imports nor produces."]))
        } else {
            blocks.append(.table(Table(
                columns: [Column("Mineral"), Column("Supplied stage"), Column("Import risk", .right), Column("GeoPolRisk", .right), Column("WGI year"), Column("Note")],
                rows: brief.supplyRisk.map { row in
                    [[.text(row.mineral.rawValue)], [.text(row.stage.rawValue)],
                     [.text(row.geopolrisk.importRisk.value.map { NumberFormatting.grouped($0, decimals: 3) } ?? "n/a")],
                     [.text(row.geopolrisk.score.value.map { NumberFormatting.grouped($0, decimals: 3) } ?? "n/a")],
                     [.text(row.inputs.wgiYears.map(String.init).joined(separator: ", "))],
                     [.text(row.note ?? row.geopolrisk.score.unavailable.map { "\($0.code): \($0.reason)" } ?? "")]]
                })))
            if let source = brief.supplyRisk.first?.inputs.wgiSource {
                blocks.append(.paragraph([.emphasis("Political stability: \(source).")]))
            }
        }

        if !brief.scenarios.isEmpty {
            blocks.append(.heading(level: 2, text: "Scenarios"))
            for scenario in brief.scenarios {
                blocks.append(.heading(level: 3, text: scenario.title ?? scenario.id))
                if scenario.rows.isEmpty {
                    blocks.append(.paragraph(["The scenario does not reach \(brief.countryName)'s supply."]))
                    continue
                }
                blocks.append(.table(Table(
                    columns: [Column("Mineral"), Column("Stage"), Column("Bound"), Column("Baseline t", .right), Column("Delivered t", .right), Column("Shortfall", .right)],
                    rows: scenario.rows.map { row in
                        [[.text(row.mineral.rawValue)], [.text(row.stage.rawValue)], [.text(row.bound)],
                         [.text(NumberFormatting.grouped(row.baselineInTonnes, decimals: 0))], [.text(NumberFormatting.grouped(row.deliveredTonnes, decimals: 0))],
                         [.text(row.shortfallShare.value.map { Display.percent($0) } ?? "n/a")]]
                    })))
            }
        }

        blocks.append(.heading(level: 2, text: "Methods and sources"))
        blocks.append(.list(brief.methods.map { [.strong($0.title), .text(" (\($0.section)): \($0.formula). Sources: \($0.sources.joined(separator: "; ")).")] }))
        let graphSources = brief.graph.sources.map { [.text($0.title + ($0.url.map { " — \($0)" } ?? ""))] as [Inline] }
        if !graphSources.isEmpty { blocks.append(.list(graphSources)) }
        self.init(title: title, blocks: blocks)
    }
}
