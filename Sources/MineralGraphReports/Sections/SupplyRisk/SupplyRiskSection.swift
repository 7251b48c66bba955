import MineralGraphAnalysis
import MineralGraphCore

// The supply-risk section (METHODS §1.6–1.7, §1.9): GeoPolRisk per importer and the EU
// governance-weighted concentration, built from ``GeoPolRiskPass`` and ``EUSupplyRisk`` with the
// report's governance table (WGI), its method notes, document blocks and CSV/diff rows.

extension Report {
    public struct GeoPolRiskFigures: Codable, Hashable, Sendable {
        /// HHI_A, global mining HHI on the 0–1 scale.
        public var hhi: Metric
        /// Σ g·f / (F + p), 0…1.
        public var importRisk: Metric
        /// HHI_A × import risk, 0…1.
        public var score: Metric
    }

    public struct GeoPolRiskPartner: Codable, Hashable, Sendable {
        public var country: CountryCode
        public var name: String
        public var tonnes: Double
        public var stabilityEstimate: Double?
        public var wgiYear: Int?
        /// g_i, 0…1.
        public var instability: Double?
    }

    public struct SupplyRiskInputs: Codable, Hashable, Sendable {
        /// F_Ac and its basis (imports as traded).
        public var importTonnes: Double
        public var importBasis: String
        /// p_Ac and its basis (the production figures').
        public var domesticTonnes: Metric
        public var productionBasis: String
        public var wgiYears: [Int]
        public var wgiSource: String
        public var partners: [GeoPolRiskPartner]
    }

    /// EU governance-weighted concentration (METHODS §1.6): "gross" — without import reliance,
    /// end-of-life recycling and substitution inputs it is not the full SR.
    public struct GovernanceWeighted: Codable, Hashable, Sendable {
        /// "gross" without IR, EoL_RIR and SI_SR inputs, "full" with them.
        public var kind: String
        /// HHI_WGI,t of global supply at the stage (0–10).
        public var global: Metric
        /// HHI_WGI,t of the importer's sourcing: imports by partner plus own production (0–10).
        public var sourcing: Metric
        /// The inputs of a "full" SR (`--risk-inputs`), `nil` for "gross".
        public var importReliance: Double?
        public var eolRir: Double?
        public var substitutionIndex: Double?
        public var inputsSource: String?
        /// SR = [HHI_GS·IR/2 + HHI_EU·(1 − IR/2)]·(1 − EoL_RIR)·SI_SR.
        public var sr: Metric
        /// Whether this stage has the importer's largest SR for the mineral (the bottleneck rule).
        public var bottleneck: Bool
    }

    public struct SupplyRiskRow: Codable, Hashable, Sendable {
        public var mineral: MineralID
        public var importer: CountryCode
        public var importerName: String
        public var year: Int
        public var stage: Stage
        public var geopolrisk: GeoPolRiskFigures
        public var inputs: SupplyRiskInputs
        public var hhiWgi: GovernanceWeighted
        public var note: String?
    }
}

extension ReportSections {
    /// GeoPolRisk and governance-weighted concentration per importer × mineral × stage; empty
    /// (and no method notes) without a governance table.
    enum SupplyRisk: ReportSection {
        static let key = "supplyRisk"
        static let empty: [Report.SupplyRiskRow] = []

        static func build(_ context: ReportContext) -> [Report.SupplyRiskRow] {
            context.options.governance.map { context.options.supplyRiskRows(context.derived, governance: $0) } ?? []
        }

        static func methods(_ context: ReportContext) -> [Report.MethodNote] {
            context.options.governance == nil ? [] : ReportBuilder.supplyRiskMethods
        }

        static func blocks(_ value: [Report.SupplyRiskRow], in report: Report) -> [ReportDocument.Block] {
            ReportDocument.supplyRiskSection(report)
        }

        static func rows(_ value: [Report.SupplyRiskRow], into rows: inout MetricRows) {
            for row in value { rows.add(row) }
        }

        /// Without the partners of each importer (importer × partner rows: tonnes, WGI
        /// estimate and instability), which the document does not show.
        static func summary(_ value: [Report.SupplyRiskRow]) -> [Report.SupplyRiskRow] {
            value.map { var summary = $0; summary.inputs.partners = []; return summary }
        }
    }
}

extension Report {
    /// GeoPolRisk and governance-weighted concentration per importer × mineral × stage
    /// (METHODS §1.6–1.9); empty when the report was built without a governance table.
    public var supplyRisk: [SupplyRiskRow] {
        get { self[ReportSections.SupplyRisk.self] }
        set { self[ReportSections.SupplyRisk.self] = newValue }
    }
}

extension ReportBuilder {
    /// The supply-risk rows of `graph`, of every importer or only of `countries`.
    func supplyRiskRows(_ graph: SupplyGraph, governance: GovernanceTable, countries: Set<CountryCode> = []) -> [Report.SupplyRiskRow] {
        supplyRiskRows(GraphDerivations(graph), governance: governance, countries: countries)
    }

    /// ``supplyRiskRows(_:governance:countries:)`` with the structures `derived` keeps for other passes.
    func supplyRiskRows(_ derived: GraphDerivations, governance: GovernanceTable, countries: Set<CountryCode> = []) -> [Report.SupplyRiskRow] {
        let graph = derived.graph
        let concentration = StageConcentrationPass(guidelines: guidelines, upperBound: upperBound).run(on: derived)
        return GeoPolRiskPass(governance: governance, countries: countries).run(on: derived).map { item in
            let input = riskInputs.first { $0.mineral == item.mineral && $0.importer == item.importer }
            let hhiWgi = Self.governanceWeighted(item, input: input, graph: graph, governance: governance, concentration: concentration)
            return Report.SupplyRiskRow(
                mineral: item.mineral, importer: item.importer, importerName: Self.countryName(item.importer), year: item.year,
                stage: item.stage,
                geopolrisk: .init(
                    hhi: Report.Metric(item.hhi, .ratio), importRisk: Report.Metric(item.importRisk, .ratio),
                    score: Report.Metric(item.score, .ratio)),
                inputs: .init(
                    importTonnes: ReportUnit.tonnes.round(item.importTonnes), importBasis: item.importBasis,
                    domesticTonnes: Report.Metric(item.domesticTonnes, .tonnes), productionBasis: item.productionBasis,
                    wgiYears: item.wgiYears, wgiSource: governance.source,
                    partners: item.partners.map {
                        Report.GeoPolRiskPartner(
                            country: $0.country, name: Self.countryName($0.country), tonnes: ReportUnit.tonnes.round($0.tonnes),
                            stabilityEstimate: $0.stabilityEstimate.map(ReportUnit.ratio.round), wgiYear: $0.wgiYear,
                            instability: $0.instability.map(ReportUnit.ratio.round))
                    }),
                hhiWgi: hhiWgi,
                note: item.note)
        }.markingBottlenecks()
    }

    /// The EU governance-weighted HHI of global supply and of the importer's sourcing, and SR
    /// when `input` gives its other inputs (METHODS §1.6–1.7).
    static func governanceWeighted(
        _ item: GeoPolRisk, input: SupplyRiskInput?, graph: SupplyGraph, governance: GovernanceTable,
        concentration: StageConcentrationResult
    ) -> Report.GovernanceWeighted {
        let weights = { (country: CountryCode) -> (weight: Double, year: Int)? in
            governance.meanOfSix(country, year: graph.year).map { (GovernanceScaling.euGovernanceWeight(meanEstimate: $0.value), $0.year) }
        }
        func weighted(_ shares: [(CountryCode, Double)], scope: String) -> Report.Metric {
            let missing = shares.filter { weights($0.0) == nil }.map(\.0.rawValue)
            guard missing.isEmpty else {
                return Report.Metric(value: nil, unavailable: Unavailable(
                    .missingWGIDimensions,
                    "the EU method weighs \(scope) by the mean of the six WGI dimensions, not given for "
                        + missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? " and \(missing.count - 5) more" : "")
                        + " (the bundled table has political stability only; a World Bank export of all six supplies them)"))
            }
            guard !shares.isEmpty else { return Report.Metric(value: nil, unavailable: Unavailable(.noSupply, "no \(scope) figures")) }
            return Report.Metric(value: ReportUnit.ratio.round(EUSupplyRisk.governanceWeightedHHI(shares.map {
                EUSupplyRisk.Supplier(country: $0.0, share: $0.1, governanceWeight: weights($0.0)!.weight)
            })))
        }
        let market = concentration.market(item.mineral, item.stage, year: graph.year)
        let global: Report.Metric =
            if let market, market.measures != nil {
                weighted(market.suppliers.compactMap { s in s.share.map { (s.country, $0) } }, scope: "global supply")
            } else {
                Report.Metric(value: nil, unavailable: market?.unavailable ?? Unavailable(.noSupply, "the graph has no \(item.stage.rawValue) figures of \(item.mineral)"))
            }
        var sourcing: Report.Metric
        if let domestic = item.domesticTonnes.value {
            let total = item.importTonnes + domestic
            var shares = item.partners.map { ($0.country, total > 0 ? $0.tonnes / total : 0) }
            if domestic > 0 { shares.append((item.importer, domestic / total)) }
            sourcing = total > 0 ? weighted(shares, scope: "the importer's sourcing")
                : Report.Metric(value: nil, unavailable: Unavailable(.noSupply, "\(item.importer) neither imports nor produces \(item.mineral) at this stage"))
        } else {
            sourcing = Report.Metric(item.domesticTonnes, .tonnes)
        }
        var sr = Report.Metric(value: nil, unavailable: Unavailable(
            .missingRiskInputs, "no import reliance, end-of-life recycling input rate and substitution index given for \(item.mineral) and \(item.importer): the result is gross"))
        if let input {
            if let gs = global.value, let eu = sourcing.value {
                sr = Report.Metric(value: EUSupplyRisk.supplyRisk(
                    globalHHI: gs, sourcingHHI: eu, importReliance: input.importReliance,
                    endOfLifeRecyclingInputRate: input.endOfLifeRecyclingInputRate, substitutionIndex: input.substitutionIndex).map(ReportUnit.ratio.round))
            } else {
                sr = Report.Metric(value: nil, unavailable: global.unavailable ?? sourcing.unavailable)
            }
        }
        return Report.GovernanceWeighted(
            kind: input == nil ? "gross" : "full", global: global, sourcing: sourcing, importReliance: input?.importReliance,
            eolRir: input?.endOfLifeRecyclingInputRate, substitutionIndex: input?.substitutionIndex, inputsSource: input?.source,
            sr: sr, bottleneck: false)
    }

    static let supplyRiskMethods: [Report.MethodNote] = [
        .init(
            id: "GeoPolRisk", title: "Geopolitical supply risk of an importer",
            formula: "GeoPolRisk_Ac = HHI_A · Σ_i (g_i · f_Aic) / (F_Ac + p_Ac); g_i = clip((2.5 − WGI_PV,i) / 5, 0, 1)",
            section: "METHODS §1.9",
            notes: "HHI_A is the global mining HHI on the 0–1 scale; f the importer's imports by exporter as traded (gross tonnes where every flow states them), F their sum, p its own production at the stage; g the WGI political-stability estimate of the exporter for the graph's year, else the latest earlier year (the years used are listed). The fraction is the import risk (0…1); a country without imports has import risk 0. As in the published method, imports as traded and production as stated are added: both bases are listed beside the score. A missing estimate gives no score (MISSING_WGI), never a default.",
            sources: [
                "Gemechu et al. 2016, J. Ind. Ecol. 20(1):154–165",
                "Koyamparambath et al. 2022, geopolrisk-py",
                "World Bank, Worldwide Governance Indicators (www.govindicators.org), CC BY 4.0",
            ]),
        .init(
            id: "C4", title: "Governance-weighted concentration (EU CRM), gross",
            formula: "HHI_WGI,t = Σ_c S_c² · WGI_c · t_c, WGI_c = (2.5 − mean of the six WGI estimates)·2; SR = [HHI_GS·IR/2 + HHI_EU·(1 − IR/2)]·(1 − EoL_RIR)·SI_SR",
            section: "METHODS §1.6–1.7",
            notes: "Reported 'gross': the governance-weighted HHI of global supply at the stage and of the importer's sourcing (imports plus own production), with t_c = 1. The full SR needs import reliance, end-of-life recycling input rate and substitution index, which the graph does not hold. The EU method weighs by the mean of the six WGI dimensions; without all six for a supplier the figure is null (MISSING_WGI_DIMENSIONS). The 'other countries' residual has no governance weight and is left out.",
            sources: [
                "European Commission, Methodology for establishing the EU list of critical raw materials (2017)",
                "Blengini et al. 2017, EUR 28654 EN, doi:10.2760/73303",
                "meyerdata/CritMAT: critmat/calculations/hhi_wgi_tp.py, supply_risk_eu.py",
            ]),
    ]
}

extension [Report.SupplyRiskRow] {
    /// Marks, per importer and mineral, the stage with the largest SR (ties to the earlier stage).
    func markingBottlenecks() -> [Report.SupplyRiskRow] {
        var rows = self
        let groups = Dictionary(grouping: rows.indices) { "\(rows[$0].importer.rawValue) \(rows[$0].mineral.rawValue)" }
        for indices in groups.values {
            let scored = indices.compactMap { i in rows[i].hhiWgi.sr.value.map { (stage: rows[i].stage, value: $0, index: i) } }
            guard let top = EUSupplyRisk.bottleneck(scored.map { ($0.stage, $0.value) }),
                  let index = scored.first(where: { $0.stage == top.stage })?.index else { continue }
            rows[index].hhiWgi.bottleneck = true
        }
        return rows
    }
}

extension ReportDocument {
    @Sendable static func supplyRiskSection(_ report: Report) -> [Block] {
        guard !report.supplyRisk.isEmpty else { return [] }
        var blocks: [Block] = [.heading(level: 2, text: "Supply risk: GeoPolRisk per importer")]
        let years = Set(report.supplyRisk.flatMap(\.inputs.wgiYears)).sorted()
        let source = report.supplyRisk.first?.inputs.wgiSource ?? ""
        blocks.append(.paragraph([.text(
            "GeoPolRisk (METHODS §1.9) = global mining HHI (0–1) × import risk, where import risk weighs each exporter's share of the importer's supply (imports plus own production) by its political instability. WGI political stability from \(source)"
                + (years.isEmpty ? "." : ", year\(years.count == 1 ? "" : "s") \(years.map(String.init).joined(separator: ", ")).")
                + " HHI_WGI is the EU governance-weighted concentration (0–10), gross: without import reliance, recycling and substitution inputs."),
        ]))
        func value(_ metric: Report.Metric, _ decimals: Int) -> String {
            metric.value.map { NumberFormatting.grouped($0, decimals: decimals) } ?? "n/a"
        }
        blocks.append(.table(Table(
            columns: [
                Column("Importer"), Column("Mineral"), Column("Supplied stage"), Column("Year", .right), Column("Import risk", .right),
                Column("HHI (0–1)", .right), Column("GeoPolRisk", .right), Column("Imports", .right), Column("Own production", .right),
                Column("HHI_WGI global", .right), Column("HHI_WGI sourcing", .right), Column("SR", .right),
            ],
            rows: report.supplyRisk.map { row in
                [
                    [.text("\(row.importerName) (\(row.importer))")], [.text(row.mineral.rawValue)], [.text(row.stage.rawValue)],
                    [.text(String(row.year))], [.text(value(row.geopolrisk.importRisk, 3))], [.text(value(row.geopolrisk.hhi, 3))],
                    [.text(value(row.geopolrisk.score, 3))],
                    [.text(NumberFormatting.grouped(row.inputs.importTonnes, decimals: 0) + " " + row.inputs.importBasis)],
                    [.text(row.inputs.domesticTonnes.value.map { NumberFormatting.grouped($0, decimals: 0) + " " + row.inputs.productionBasis } ?? "n/a")],
                    [.text(value(row.hhiWgi.global, 2))], [.text(value(row.hhiWgi.sourcing, 2))],
                    [.text(row.hhiWgi.sr.value.map { NumberFormatting.grouped($0, decimals: 2) + (row.hhiWgi.bottleneck ? " (bottleneck)" : "") } ?? "gross")],
                ]
            })))
        var notes: [[Inline]] = []
        // A governance table without the six dimensions leaves every HHI_WGI out: say it once.
        let withoutDimensions = report.supplyRisk.allSatisfy {
            $0.hhiWgi.global.unavailable?.code == .missingWGIDimensions || $0.hhiWgi.sourcing.unavailable?.code == .missingWGIDimensions
        }
        if withoutDimensions {
            notes.append([.strong("HHI_WGI"), ": not available (MISSING_WGI_DIMENSIONS) — the EU method weighs shares by the mean of the six WGI dimensions, which the governance table does not give for every supplier; a World Bank export of all six supplies them."])
        }
        for row in report.supplyRisk {
            let label = "\(row.importer) · \(row.mineral) · \(row.stage.rawValue)"
            if let note = row.note { notes.append([.strong(label), ": \(note)."]) }
            let metrics = [("GeoPolRisk", row.geopolrisk.score)]
                + (withoutDimensions ? [] : [("HHI_WGI global", row.hhiWgi.global), ("HHI_WGI sourcing", row.hhiWgi.sourcing)])
            for (name, metric) in metrics {
                guard let reason = metric.unavailable else { continue }
                notes.append([.strong(label), ": \(name) not available — \(reason.code): \(reason.reason)."])
            }
        }
        if !notes.isEmpty { blocks.append(.list(notes)) }
        return blocks
    }
}

extension MetricRows {
    mutating func add(_ row: Report.SupplyRiskRow) {
        let c = Context(
            section: "supply_risk", mineral: row.mineral.rawValue, stage: row.stage.rawValue, year: row.year,
            basis: row.inputs.importBasis, itemKind: "country", item: row.importer.rawValue, itemName: row.importerName)
        emit(c, "geopolrisk", .named("score"), row.geopolrisk.score)
        emit(c, "import_risk", .ratio, row.geopolrisk.importRisk)
        emit(c, "hhi_mining", .named("HHI 0-1"), row.geopolrisk.hhi)
        emit(c, "hhi_wgi_global", .named("0-10"), row.hhiWgi.global)
        emit(c, "hhi_wgi_sourcing", .named("0-10"), row.hhiWgi.sourcing)
        emit(c, "eu_supply_risk", .named("0-10"), row.hhiWgi.sr)
    }
}
